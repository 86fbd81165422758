/// A policy's `notice:` (docs/SPEC.md §4, notice period): the first run that would stop a graph notices it instead.
///
/// Pure: given the graph's standing notice from the history and this run's facts, it says whether the graph may be
/// stopped now or is noticed (again). A notice stands only under the same policy, with no activity, no time not
/// running and no postponement after it; anything else clears it and this run gives a fresh one. A repeated notice
/// keeps the first instant, so the period runs from it; the period ends `slack` early, because a nightly cron starts
/// a few minutes earlier or later than the night before and "24h" on a nightly job means "the next night".
public struct NoticePeriod: Sendable, Equatable {
    /// The policy's `notice:`.
    public var length: TimeSpan
    /// The policy that gives the notice.
    public var policy: String

    public init(length: TimeSpan, policy: String) {
        self.length = length
        self.policy = policy
    }

    /// The most a period ends early: a nightly run drifts by minutes, never by an hour.
    public static let maximumSlack = TimeSpan.hours(1)

    /// How much earlier than `length` the period ends: an hour, at most half the notice.
    public var slack: TimeSpan { min(Self.maximumSlack, TimeSpan(seconds: length.seconds / 2)) }

    /// The first instant a notice given at `since` lets the graph be stopped.
    public func end(since: Instant) -> Instant { since + length - slack }

    /// What this run does with a graph its policy would stop.
    public enum Outcome: Sendable, Equatable {
        /// The notice given at `since` has passed: stop the graph; `note` goes into the reason.
        case stop(since: Instant, note: String)
        /// Notice the graph (again) with its period counted from `since`; `reason` starts the decision's reason.
        case notice(since: Instant, reason: String)
    }

    /// Decides for a graph this run would stop under `policy`.
    ///
    /// - Parameters:
    ///   - standing: the notice the history holds for the graph (`HistoryStore.standingNotices`), if any.
    ///   - lastActivity: Unix seconds of the end of the graph's latest period with requests (this run's usage).
    ///   - restart: what earlier runs saw of the graph; a time not running after the notice clears it.
    ///   - postponedUntil: the end of the graph's `ges-idle-stop-postpone` tag when it has passed (a tag that
    ///     still holds keeps the graph before a notice is looked at).
    ///   - isDryRun: a dry-run notices nothing: its rows say what a live run would do, and start no period.
    public func evaluate(
        standing: StandingNotice?,
        now: Instant,
        lastActivity: Int64?,
        restart: RestartEvidence,
        postponedUntil: Instant?,
        isDryRun: Bool
    ) -> Outcome {
        var cleared: String?
        if let standing {
            cleared = clearance(
                of: standing,
                lastActivity: lastActivity,
                restart: restart,
                postponedUntil: postponedUntil
            )
            if cleared == nil {
                let given = "notice of \(length) under policy \(policy) given at \(standing.since)"
                guard now < end(since: standing.since) else {
                    return .stop(since: standing.since, note: "the \(given) has passed")
                }
                return .notice(
                    since: standing.since,
                    reason: "noticed: may be stopped from \(end(since: standing.since)) (\(given))"
                )
            }
        }
        let terms = "notice of \(length) under policy \(policy)"
        var reason =
            isDryRun
            ? "would be noticed: may be stopped from \(end(since: now)) if a live run notices it now (\(terms); a "
                + "dry-run gives no notice)"
            : "noticed: may be stopped from \(end(since: now)) (\(terms) given at \(now))"
        if let cleared { reason += "; a new notice: \(cleared)" }
        return .notice(since: now, reason: reason)
    }

    /// Why `standing` no longer holds, or nil when it does.
    func clearance(
        of standing: StandingNotice,
        lastActivity: Int64?,
        restart: RestartEvidence,
        postponedUntil: Instant?
    ) -> String? {
        let given = "the notice given at \(standing.since)"
        if standing.policy != policy {
            return "\(given) was under policy \(standing.policy)"
        }
        if let lastActivity, Instant(unixSeconds: lastActivity) > standing.since {
            return "activity until \(Instant(unixSeconds: lastActivity)) came after \(given)"
        }
        if let notRunning = restart.lastKnownNotRunning, notRunning > standing.since {
            return "it was not running at \(notRunning), after \(given)"
        }
        if let postponedUntil, postponedUntil > standing.since {
            return "it was postponed until \(postponedUntil), after \(given)"
        }
        return nil
    }
}
