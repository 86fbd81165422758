import Testing

@testable import IdleStopCore

/// The cut-offs retention deletes before: each keep counted back from now, never into the restart rule's look-back.
struct HistoryRetentionTests {
    static let now = Instant(unixSeconds: 1_795_824_000)  // 2026-11-28T00:00:00Z

    @Test func theCutoffsCountTheKeptDaysBackFromNow() {
        let lookBack = RestartEvidence.historyStart(windows: [.hours(24)], now: Self.now)
        let cutoffs = HistoryRetention().cutoffs(now: Self.now, lookBack: lookBack)
        #expect(cutoffs.usageBefore == Self.now - .days(35))
        #expect(cutoffs.decisionsBefore == Self.now - .days(400))
        #expect(HistoryRetention().shortfalls(now: Self.now, lookBack: lookBack).isEmpty)
    }

    @Test func aKeepShorterThanTheRestartRulesLookBackIsLengthenedWithAWarning() {
        // A 30-day window: the restart rule reads 30 + 7 + 1 = 38 days back.
        let lookBack = RestartEvidence.historyStart(windows: [.days(30), .hours(24)], now: Self.now)
        let retention = HistoryRetention(keepUsageDays: 2, keepDecisionsDays: 38)
        let cutoffs = retention.cutoffs(now: Self.now, lookBack: lookBack)
        #expect(cutoffs.usageBefore == Self.now - .days(38))
        #expect(cutoffs.decisionsBefore == Self.now - .days(38))
        #expect(
            retention.shortfalls(now: Self.now, lookBack: lookBack) == [
                "history.keep_usage_days 2 is shorter than the restart rule's look-back (the longest policy window, "
                    + "plus 7 days to GES's automatic restart and one more, 38 days): that much is kept"
            ]
        )
    }
}
