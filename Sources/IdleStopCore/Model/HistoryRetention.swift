/// How long the history keeps usage records and decision rows (`history:` in the config, docs/SPEC.md §6).
///
/// Retention never reaches into what the restart rule reads: a cut-off is never later than the restart rule's
/// look-back (`RestartEvidence.historyStart`), so a keep shorter than the policies' longest window plus the
/// automatic restart is lengthened to it, with a warning, instead of losing evidence.
public struct HistoryRetention: Sendable, Equatable {
    /// `keep_usage_days`: the stored Cloud Eye usage records of runs evaluated in the last this many days stay.
    public var keepUsageDays: Int
    /// `keep_decisions_days`: the decision rows (and runs) evaluated in the last this many days stay.
    public var keepDecisionsDays: Int

    public static let defaultUsageDays = 35
    public static let defaultDecisionsDays = 400
    /// The longest keep accepted, in days (a century), so a cut-off never overflows.
    public static let maximumDays = 36_500

    public init(keepUsageDays: Int = defaultUsageDays, keepDecisionsDays: Int = defaultDecisionsDays) {
        self.keepUsageDays = keepUsageDays
        self.keepDecisionsDays = keepDecisionsDays
    }

    /// The instants before which a run's usage records and decision rows may be deleted.
    public struct Cutoffs: Sendable, Equatable {
        public var usageBefore: Instant
        public var decisionsBefore: Instant

        public init(usageBefore: Instant, decisionsBefore: Instant) {
            self.usageBefore = usageBefore
            self.decisionsBefore = decisionsBefore
        }
    }

    /// The cut-offs of a run at `now` whose restart rule reads back to `lookBack`: each keep, but never later
    /// than `lookBack`.
    public func cutoffs(now: Instant, lookBack: Instant) -> Cutoffs {
        Cutoffs(
            usageBefore: min(now - .days(Int64(keepUsageDays)), lookBack),
            decisionsBefore: min(now - .days(Int64(keepDecisionsDays)), lookBack)
        )
    }

    /// A sentence per keep shorter than the restart rule's look-back: it is lengthened to the look-back.
    public func shortfalls(now: Instant, lookBack: Instant) -> [String] {
        let lookBackDays = (now.unixSeconds - lookBack.unixSeconds + 86_399) / 86_400
        return [("keep_usage_days", keepUsageDays), ("keep_decisions_days", keepDecisionsDays)].compactMap {
            key,
            days in
            guard Int64(days) < lookBackDays else { return nil }
            return "history.\(key) \(days) is shorter than the restart rule's look-back (the longest policy window, "
                + "plus \(Graph.automaticRestartAfter.seconds / 86_400) days to GES's automatic restart and one more, \(lookBackDays) days): "
                + "that much is kept"
        }
    }
}
