/// A notice the history says still stands for a graph: given under `policy`, its period counted from `since`.
///
/// `HistoryStore.standingNotices` reads it from the graph's latest live row; `NoticePeriod` decides whether it still
/// holds this run and whether it has passed.
public struct StandingNotice: Sendable, Equatable {
    /// When the graph was first noticed: a repeated notice keeps this instant, so the period runs from it.
    public var since: Instant
    /// The policy the notice was given under.
    public var policy: String

    public init(since: Instant, policy: String) {
        self.since = since
        self.policy = policy
    }
}
