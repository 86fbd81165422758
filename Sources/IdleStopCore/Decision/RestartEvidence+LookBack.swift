extension RestartEvidence {
    /// The earliest `evaluated_at` a run reads from the history for the restart rule.
    ///
    /// Far enough back to see the stop before a `Graph.automaticRestartAfter` restart inside the longest of the
    /// policies' `windows` (24 hours when there is none), with a day to spare for the nightly runs' jitter.
    public static func historyStart(windows: Set<TimeSpan>, now: Instant) -> Instant {
        let longest = windows.max() ?? .hours(24)
        return now - longest - Graph.automaticRestartAfter - .days(1)
    }

    /// `evidence` with this run's Cloud Eye datapoints observed, for the graphs that have evidence.
    ///
    /// A graph without earlier evidence gains none from datapoints: they only date a restart after a stop.
    public static func observing(
        _ datapoints: some Sequence<UsageRecord>,
        in evidence: [String: RestartEvidence],
        now: Instant
    ) -> [String: RestartEvidence] {
        var result = evidence
        for record in datapoints where result[record.graphID] != nil {
            result[record.graphID]?.observeDatapoint(start: record.periodStart, seconds: record.periodSeconds, now: now)
        }
        return result
    }
}
