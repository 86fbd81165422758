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

    /// The savings of `[since, until)` as `day hours amount` lines, one per graph and day.
    func cells(since: String, until: String, tz: String = "UTC") throws -> [String] {
        let calendar = try #require(ReportCalendar(parsing: tz))
        return try store.realizedSavings(since: utc(since), until: utc(until), calendar: calendar).map { saving in
            "\(saving.day) \(saving.graphID) \(saving.stops) \(ReportFormat.decimal(saving.hoursStopped)) \(ReportFormat.money(saving.amount))"
        }
    }

    @Test func aStopLastsUntilTheFirstLaterRunThatSawTheGraphRunning() throws {
        try record("r-1", at: "2026-11-20T02:00:00Z", [stopDecision("g-1", result: .requested)])
        try record("r-2", at: "2026-11-21T02:00:00Z", [keepDecision("g-1", status: .stopped)])
        try record("r-3", at: "2026-11-22T14:30:00Z", [keepDecision("g-1")])
        try record("r-4", at: "2026-11-23T02:00:00Z", [keepDecision("g-1")])
        let savings = try store.realizedSavings(since: utc("2026-11-01T00:00:00Z"), until: utc("2026-12-01T00:00:00Z"))
        // 60.5h at 1.25 USD/h, booked on the three days it covers: 22h, 24h and 14.5h.
        #expect(savings.map(\.day) == ["2026-11-20", "2026-11-21", "2026-11-22"])
        let hours: [Int64] = [22 * 3600, 24 * 3600, 14 * 3600 + 1800]
        #expect(savings.map(\.stoppedSeconds) == hours)
        #expect(savings.map(\.amount) == [Decimal(string: "27.5")!, 30, Decimal(string: "18.13")!])
        #expect(savings.map(\.stops) == [1, 0, 0])
        #expect(savings.map(\.graphName) == ["name-g-1", "name-g-1", "name-g-1"])
        let total: Int64 = 60 * 3600 + 1800
        #expect(savings.map(\.stoppedSeconds).reduce(Int64(0), +) == total)
    }

    /// The end of a stop is kept on its row as runs are recorded (`decision_rows.ended_at`): the same whichever
    /// order the runs are recorded in, and kept when retention deletes the row that saw the graph running.
    @Test func aStopEndsAtTheFirstLaterSightingWhateverOrderRunsAreRecordedIn() throws {
        try record("r-3", at: "2026-11-22T14:30:00Z", [keepDecision("g-1")])
        try record("r-1", at: "2026-11-20T02:00:00Z", [stopDecision("g-1", result: .requested)])
        try record("r-2", at: "2026-11-21T02:00:00Z", [keepDecision("g-1")])
        #expect(
            try cells(since: "2026-11-01T00:00:00Z", until: "2026-12-01T00:00:00Z") == [
                "2026-11-20 g-1 1 22 27.50", "2026-11-21 g-1 0 2 2.50",
            ]
        )
        try store.writer.write { db in
            try db.execute(
                sql: "DELETE FROM decision_rows WHERE run_seq = (SELECT seq FROM runs WHERE id = 'r-2')"
            )
        }
        #expect(
            try cells(since: "2026-11-01T00:00:00Z", until: "2026-12-01T00:00:00Z") == [
                "2026-11-20 g-1 1 22 27.50", "2026-11-21 g-1 0 2 2.50",
            ]
        )
    }

    @Test func aStopOverFourDaysBooksTheHoursOfEachDayOnIt() throws {
        // Monday 22:00 UTC to Thursday 04:00 UTC: 2 + 24 + 24 + 4 hours at 1.25 USD/h.
        try record("r-1", at: "2026-11-23T22:00:00Z", [stopDecision("g-1", result: .confirmed)])
        try record("r-2", at: "2026-11-26T04:00:00Z", [keepDecision("g-1")])
        let period = (since: "2026-11-01T00:00:00Z", until: "2026-12-01T00:00:00Z")
        #expect(
            try cells(since: period.since, until: period.until) == [
                "2026-11-23 g-1 1 2 2.50", "2026-11-24 g-1 0 24 30.00", "2026-11-25 g-1 0 24 30.00",
                "2026-11-26 g-1 0 4 5.00",
            ]
        )
        // At +08:00 the same stop runs from Tuesday 06:00 to Thursday 12:00.
        let shanghai = [
            "2026-11-24 g-1 1 18 22.50", "2026-11-25 g-1 0 24 30.00", "2026-11-26 g-1 0 12 15.00",
        ]
        #expect(try cells(since: period.since, until: period.until, tz: "+08:00") == shanghai)
        #expect(try cells(since: period.since, until: period.until, tz: "Asia/Shanghai") == shanghai)
        #expect(
            try cells(since: period.since, until: period.until, tz: "-05:00") == [
                "2026-11-23 g-1 1 7 8.75", "2026-11-24 g-1 0 24 30.00", "2026-11-25 g-1 0 23 28.75",
            ]
        )
    }

    @Test func aDaylightSavingDayBooksItsOwnLength() throws {
        // New York leaves daylight saving time on 2026-11-01: that day has 25 hours.
        try record("r-1", at: "2026-11-01T04:00:00Z", [stopDecision("g-1", result: .requested, price: 1)])
        try record("r-2", at: "2026-11-02T05:00:00Z", [keepDecision("g-1")])
        #expect(
            try cells(since: "2026-10-01T00:00:00Z", until: "2026-12-01T00:00:00Z", tz: "America/New_York") == [
                "2026-11-01 g-1 1 25 25.00"
            ]
        )
    }

    @Test func replayRunsNeitherEndAStopNorMakeOne() throws {
        try record("r-1", at: "2026-11-20T00:00:00Z", [stopDecision("g-1", result: .requested)])
        // A replay (evaluated at a `--now` far from its clock) of an older day saw g-1 running: no evidence.
        let replay = RunInfo(
            id: "r-replay",
            evaluatedAt: Instant(utc("2026-11-20T10:00:00Z")),
            startedAt: utc("2026-11-25T00:00:00Z"),
            mode: .live
        )
        try store.beginRun(replay)
        try store.recordDecisions(run: replay, [keepDecision("g-1"), stopDecision("g-2", result: .requested)])
        try record("r-2", at: "2026-11-21T06:00:00Z", [keepDecision("g-1")])
        #expect(
            try cells(since: "2026-11-01T00:00:00Z", until: "2026-12-01T00:00:00Z") == [
                "2026-11-20 g-1 1 24 30.00", "2026-11-21 g-1 0 6 7.50",
            ]
        )
    }

    @Test func aStopNeverSeenRunningAgainCountsAtMost168Hours() throws {
        try record("r-1", at: "2026-11-01T02:00:00Z", [stopDecision("g-1", result: .confirmed, price: 12)])
        let savings = try store.realizedSavings(since: utc("2026-11-01T00:00:00Z"), until: utc("2026-12-01T00:00:00Z"))
        #expect(savings.map(\.day) == (1...8).map { "2026-11-0\($0)" })
        let hours: [Int64] = [22 * 3600] + Array(repeating: 24 * 3600, count: 6) + [2 * 3600]
        #expect(savings.map(\.stoppedSeconds) == hours)
        #expect(savings.map(\.stoppedSeconds).reduce(Int64(0), +) == Graph.automaticRestartAfter.seconds)
        #expect(savings.map(\.amount).reduce(Decimal(0), +) == Decimal(2016))
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

    @Test func aStopAcrossTheStartOfThePeriodCountsOnlyItsHoursInside() throws {
        try record("r-0", at: "2026-10-31T22:00:00Z", [stopDecision("g-0", result: .requested)])
        try record("r-1", at: "2026-11-01T04:00:00Z", [keepDecision("g-0")])
        // A stop more than 168h before the period cannot reach into it.
        try record("r-old", at: "2026-10-20T00:00:00Z", [stopDecision("g-old", result: .requested)])
        #expect(try cells(since: "2026-11-01T00:00:00Z", until: "2026-12-01T00:00:00Z") == ["2026-11-01 g-0 0 4 5.00"])
        #expect(try cells(since: "2026-10-31T00:00:00Z", until: "2026-11-01T00:00:00Z") == ["2026-10-31 g-0 1 2 2.50"])
    }

    @Test func eachCellIsRoundedOnceAndTotalsAreTheirSum() throws {
        // 1 USD/h for 1 minute either side of midnight: each day 0.0166…, rounded to 0.02.
        try record("r-1", at: "2026-11-20T23:59:00Z", [stopDecision("g-1", result: .requested, price: 1)])
        try record("r-2", at: "2026-11-21T00:01:00Z", [keepDecision("g-1")])
        let savings = try store.realizedSavings(since: utc("2026-11-01T00:00:00Z"), until: utc("2026-12-01T00:00:00Z"))
        #expect(savings.map(\.amount) == [Decimal(string: "0.02")!, Decimal(string: "0.02")!])
        let report = SavingsReport(
            since: utc("2026-11-01T00:00:00Z"),
            until: utc("2026-12-01T00:00:00Z"),
            savings: savings,
            runs: []
        )
        #expect(report.totals().map(\.amount) == [Decimal(string: "0.04")!])
    }

    @Test func stopsAfterThePeriodAreLeftOutAndUnpricedStopsCountHoursOnly() throws {
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
