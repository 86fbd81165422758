import Foundation
import IdleStopCore
import Testing

@testable import IdleStopStorage

struct HistoryStoreSavingsTests {
    let store: HistoryStore

    init() throws {
        store = try HistoryStore.inMemory()
    }

    /// Records a run at `time` with `decisions`.
    func record(_ id: String, at time: String, _ decisions: [Decision], mode: RunInfo.Mode = .live) throws {
        let run = makeRun(id, at: time, mode: mode)
        try store.beginRun(run)
        try store.recordDecisions(run: run, decisions)
    }

    @Test func aStopLastsUntilTheFirstLaterRunThatSawTheGraphRunning() throws {
        try record("r-1", at: "2026-11-20T02:00:00Z", [stopDecision("g-1", result: .requested)])
        try record("r-2", at: "2026-11-21T02:00:00Z", [keepDecision("g-1", status: .stopped)])
        try record("r-3", at: "2026-11-22T14:30:00Z", [keepDecision("g-1")])
        try record("r-4", at: "2026-11-23T02:00:00Z", [keepDecision("g-1")])
        let savings = try store.realizedSavings(since: utc("2026-11-01T00:00:00Z"), until: utc("2026-12-01T00:00:00Z"))
        #expect(
            savings == [
                RealizedSaving(
                    graphID: "g-1",
                    graphName: "name-g-1",
                    day: "2026-11-20",
                    currency: "USD",
                    stops: 1,
                    stoppedSeconds: 60 * 3600 + 1800,
                    amount: Decimal(string: "75.63")!
                )
            ]
        )
        #expect(savings.first?.hoursStopped == Decimal(string: "60.5"))
    }

    @Test func aStopNeverSeenRunningAgainCountsAtMost168Hours() throws {
        try record("r-1", at: "2026-11-01T02:00:00Z", [stopDecision("g-1", result: .confirmed, price: 12)])
        let savings = try store.realizedSavings(since: utc("2026-11-01T00:00:00Z"), until: utc("2026-12-01T00:00:00Z"))
        #expect(savings.map(\.stoppedSeconds) == [168 * 3600])
        #expect(savings.map(\.amount) == [2016])
    }

    @Test func aStopStillInForceCountsUntilTheEndOfThePeriod() throws {
        try record(
            "r-1",
            at: "2026-11-27T02:00:00Z",
            [stopDecision("g-1", result: .requested, price: Decimal(string: "0.3")!)]
        )
        let savings = try store.realizedSavings(since: utc("2026-11-27T00:00:00Z"), until: utc("2026-11-27T12:20:00Z"))
        #expect(savings.map(\.stoppedSeconds) == [10 * 3600 + 1200])
        // 0.3 × 10h20m = 3.1 exactly: no binary floating point on the way.
        #expect(savings.map(\.amount) == [Decimal(string: "3.1")!])
        #expect(ReportFormat.money(savings[0].amount) == "3.10")
    }

    @Test func onlyStopsTheJobMadeCountGroupedPerGraphAndDay() throws {
        try record(
            "r-1",
            at: "2026-11-20T02:00:00Z",
            [
                stopDecision("g-1", result: .requested), stopDecision("g-2", result: .failed),
                stopDecision("g-3", result: .alreadyStopped), stopDecision("g-4", result: .held), stopDecision("g-5"),
                keepDecision("g-6"),
            ]
        )
        try record("r-d", at: "2026-11-20T03:00:00Z", [stopDecision("g-7", result: .dryRun)], mode: .dryRun)
        // g-1 seen running at 04:00, stopped again at 05:00 the same day, seen running at 06:00.
        try record("r-2", at: "2026-11-20T04:00:00Z", [keepDecision("g-1")])
        try record("r-3", at: "2026-11-20T05:00:00Z", [stopDecision("g-1", result: .confirmed)])
        try record("r-4", at: "2026-11-20T06:00:00Z", [keepDecision("g-1")])
        // Next day.
        try record("r-5", at: "2026-11-21T01:00:00Z", [stopDecision("g-1", result: .requested)])
        try record("r-6", at: "2026-11-21T01:30:00Z", [keepDecision("g-1")])
        let savings = try store.realizedSavings(since: utc("2026-11-20T00:00:00Z"), until: utc("2026-11-22T00:00:00Z"))
        #expect(savings.map(\.graphID) == ["g-1", "g-1"])
        #expect(savings.map(\.day) == ["2026-11-20", "2026-11-21"])
        #expect(savings.map(\.stops) == [2, 1])
        #expect(savings.map(\.stoppedSeconds) == [3 * 3600, 1800])
        #expect(savings.map(\.amount) == [Decimal(string: "3.75")!, Decimal(string: "0.63")!])
    }

    @Test func stopsOutsideThePeriodAreLeftOutAndUnpricedStopsCountHoursOnly() throws {
        try record("r-0", at: "2026-10-31T23:00:00Z", [stopDecision("g-0", result: .requested)])
        var unpriced = stopDecision("g-9", result: .requested)
        unpriced.hourlyPrice = nil
        unpriced.currency = nil
        try record("r-1", at: "2026-11-02T00:00:00Z", [unpriced])
        try record("r-2", at: "2026-11-02T10:00:00Z", [keepDecision("g-9")])
        try record("r-3", at: "2026-11-30T00:00:00Z", [stopDecision("g-1", result: .requested)])
        let savings = try store.realizedSavings(since: utc("2026-11-01T00:00:00Z"), until: utc("2026-11-30T00:00:00Z"))
        #expect(
            savings == [
                RealizedSaving(
                    graphID: "g-9",
                    graphName: "name-g-9",
                    day: "2026-11-02",
                    currency: nil,
                    stops: 1,
                    stoppedSeconds: 36_000,
                    amount: 0
                )
            ]
        )
    }
}
