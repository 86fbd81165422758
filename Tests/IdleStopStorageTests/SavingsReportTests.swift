import Foundation
import IdleStopCore
import Testing

@testable import IdleStopStorage

/// A real SQLite history in the test's own folder, written only through `HistoryStore`'s public write API.
struct SavingsHistory {
    /// A stop the job makes in a run.
    struct Stop {
        var graphID: String
        var name: String
        var price: Decimal?
        var currency: String?
        var result: StopResult = .requested
    }

    let folder: URL
    let path: String
    let store: HistoryStore

    init(_ name: String = #function) throws {
        folder = try makeTemporaryFolder(name)
        path = folder.appendingPathComponent("history.sqlite").path
        store = try HistoryStore(path: path)
    }

    /// A run at `time` that stops `stops` (sending each request in a live run), sees `running` running and
    /// `notRunning` stopped, and finishes.
    func run(
        _ id: String,
        at time: String,
        stops: [Stop] = [],
        running: [String] = [],
        notRunning: [String] = [],
        mode: RunInfo.Mode = .live
    ) throws {
        let run = RunInfo(id: id, evaluatedAt: instant(time), startedAt: utc(time), mode: mode)
        var decisions = stops.map { stop in
            Decision(
                graph: Graph(id: stop.graphID, name: stop.name, status: .running, sizeIndex: "1"),
                kind: .stop,
                policy: "idle-dev-graphs",
                reason: "0 requests in 24h",
                window: .hours(24),
                requestsInWindow: 0,
                coverage: 1,
                hourlyPrice: stop.price,
                currency: stop.currency,
                projectedSavings: stop.price.map { $0 * 24 },
                result: mode == .dryRun ? .dryRun : nil
            )
        }
        decisions += running.map { Decision(graph: makeGraph($0), kind: .keep, reason: "busy") }
        decisions += notRunning.map { Decision(graph: makeGraph($0, status: .stopped), kind: .skip, reason: "stopped") }
        try store.beginRun(run)
        try store.recordDecisions(run: run, decisions)
        if mode == .live {
            for (index, stop) in stops.enumerated() {
                try store.recordIntent(runID: id, graphID: stop.graphID, at: utc(time))
                try store.recordOutcome(
                    runID: id,
                    graphID: stop.graphID,
                    result: stop.result,
                    jobID: "job-\(stop.graphID)",
                    errorCode: stop.result == .failed ? "GES.0001" : nil,
                    errorMessage: nil,
                    at: utc(time)
                )
                decisions[index].result = stop.result
            }
        }
        try store.finishRun(
            runID: id,
            summary: RunSummary(decisions: decisions),
            exitStatus: 0,
            reportPath: nil,
            at: utc(time)
        )
    }

    /// Two currencies, a stop ended by a later run, one capped at 168h, a graph stopped twice, and stops that
    /// save nothing (dry-run, failed).
    static func twoCurrencies(_ name: String = #function) throws -> SavingsHistory {
        let history = try SavingsHistory(name)
        let price = Decimal(string: "1.25")!
        try history.run(
            "r-1",
            at: "2026-11-20T02:00:00Z",
            stops: [
                Stop(graphID: "g-a", name: "alpha", price: price, currency: "USD"),
                Stop(graphID: "g-b", name: "beta", price: 12, currency: "USD"),
                Stop(graphID: "g-e", name: "euro", price: Decimal(string: "2.5")!, currency: "EUR"),
                Stop(graphID: "g-f", name: "failing", price: 99, currency: "USD", result: .failed),
            ],
            running: ["g-c"]
        )
        try history.run(
            "r-d",
            at: "2026-11-20T03:00:00Z",
            stops: [Stop(graphID: "g-c", name: "gamma", price: 50, currency: "USD")],
            mode: .dryRun
        )
        // g-a seen running after 10h: 1.25 × 10 = 12.50. g-b still stopped.
        try history.run("r-2", at: "2026-11-20T12:00:00Z", running: ["g-a", "g-c"], notRunning: ["g-b"])
        try history.run(
            "r-3",
            at: "2026-11-21T02:00:00Z",
            stops: [Stop(graphID: "g-a", name: "alpha", price: price, currency: "USD", result: .confirmed)]
        )
        // g-a after 24h: 30.00; g-e after 48h: 2.5 × 48 = 120.00 EUR. g-b is never seen again: 168h × 12.
        try history.run("r-4", at: "2026-11-22T02:00:00Z", running: ["g-a", "g-e"])
        return history
    }

    /// The report of November 2026.
    func november() throws -> SavingsReport {
        try SavingsReport.load(from: store, since: utc("2026-11-01T00:00:00Z"), until: utc("2026-12-01T00:00:00Z"))
    }
}

struct SavingsReportTests {
    @Test func loadsTheStopsOfThePeriodPerGraphAndEachDayTheyHeld() throws {
        let report = try SavingsHistory.twoCurrencies().november()
        let first = report.savings.prefix(6)
        #expect(first.map(\.graphID) == ["g-a", "g-b", "g-e", "g-a", "g-b", "g-e"])
        #expect(
            first.map(\.day) == ["2026-11-20", "2026-11-20", "2026-11-20", "2026-11-21", "2026-11-21", "2026-11-21"]
        )
        // g-a 10h, g-b 22h × 12, g-e 22h × 2.5 on the 20th; g-a's second stop 22h, g-b and g-e 24h on the 21st.
        #expect(first.map(\.amount) == [Decimal(string: "12.5")!, 264, 55, Decimal(string: "27.5")!, 288, 60])
        #expect(first.map(\.stops) == [1, 1, 1, 1, 0, 0])
        // g-b never seen again: its 168h run to 2026-11-27T02:00:00Z.
        #expect(report.savings.last?.day == "2026-11-27")
        #expect(report.savings.last?.stoppedSeconds == Int64(2 * 3600))
        #expect(report.runs.map(\.id) == ["r-1", "r-d", "r-2", "r-3", "r-4"])
    }

    @Test func aPeriodStartingBeforeWhatTheHistoryKeepsSaysSo() throws {
        let history = try SavingsHistory.twoCurrencies()
        #expect(try history.november().keptSince == nil)
        _ = try history.store.applyRetention(
            HistoryRetention.Cutoffs(
                usageBefore: instant("2026-11-10T00:00:00Z"),
                decisionsBefore: instant("2026-11-10T00:00:00Z")
            ),
            at: utc("2026-12-01T00:00:00Z")
        )
        let report = try history.november()
        #expect(report.keptSince == utc("2026-11-10T00:00:00Z"))
        #expect(report.retentionNote?.contains("keeps decisions only from 2026-11-10T00:00:00Z on") == true)
        #expect(report.html(generatedAt: utc("2026-12-01T06:00:00Z")).contains("keeps decisions only from"))
        let later = try SavingsReport.load(
            from: history.store,
            since: utc("2026-11-10T00:00:00Z"),
            until: utc("2026-12-01T00:00:00Z")
        )
        #expect(later.retentionNote == nil)
    }

    @Test func runsAtOrAfterUntilAreLeftOut() throws {
        let history = try SavingsHistory.twoCurrencies()
        let report = try SavingsReport.load(
            from: history.store,
            since: utc("2026-11-20T02:00:00Z"),
            until: utc("2026-11-21T02:00:00Z")
        )
        #expect(report.runs.map(\.id) == ["r-1", "r-d", "r-2"])
        // g-b is still stopped at `until`: 24h (22h on the 20th, 2h on the 21st), not 168h.
        let beta = report.savings.filter { $0.graphID == "g-b" }
        #expect(beta.map(\.stoppedSeconds) == [Int64(22 * 3600), Int64(2 * 3600)])
    }

    @Test func groupsPerGraphAndCurrencyNeverAcrossCurrencies() throws {
        let report = try SavingsHistory.twoCurrencies().november()
        let byGraph = report.byGraph()
        #expect(byGraph.map(\.graphID) == ["g-a", "g-b", "g-e"])
        #expect(byGraph.map(\.currency) == ["USD", "USD", "EUR"])
        #expect(byGraph.map(\.stops) == [2, 1, 1])
        #expect(byGraph.map(\.stoppedSeconds) == [Int64(34 * 3600), Int64(168 * 3600), Int64(48 * 3600)])
        #expect(byGraph.map(\.amount) == [Decimal(string: "42.5")!, 2016, 120])
        #expect(byGraph.map(\.graphName) == ["alpha", "beta", "euro"])
    }

    @Test func groupsPerDayAndCurrency() throws {
        let report = try SavingsHistory.twoCurrencies().november()
        let byDay = report.byDay().prefix(4)
        #expect(byDay.map(\.day) == ["2026-11-20", "2026-11-20", "2026-11-21", "2026-11-21"])
        #expect(byDay.map(\.currency) == ["EUR", "USD", "EUR", "USD"])
        #expect(byDay.map(\.graphs) == [1, 2, 1, 2])
        #expect(byDay.map(\.stops) == [1, 2, 0, 1])
        #expect(byDay.map(\.amount) == [55, Decimal(string: "276.5")!, 60, Decimal(string: "315.5")!])
        // The days add up to the graphs' totals in each currency.
        for currency in ["EUR", "USD"] {
            let days = report.byDay().filter { $0.currency == currency }.map(\.amount).reduce(Decimal(0), +)
            #expect(days == report.totals().first { $0.currency == currency }?.amount)
        }
    }

    @Test func totalsArePerCurrencyWithUnpricedLast() throws {
        let history = try SavingsHistory.twoCurrencies()
        try history.run(
            "r-5",
            at: "2026-11-23T02:00:00Z",
            stops: [.init(graphID: "g-u", name: "unpriced", price: nil, currency: nil)]
        )
        try history.run("r-6", at: "2026-11-23T05:00:00Z", running: ["g-u"])
        let totals = try history.november().totals()
        #expect(totals.map(\.currency) == ["EUR", "USD", nil])
        #expect(totals.map(\.amount) == [120, Decimal(string: "2058.5")!, 0])
        #expect(totals.map(\.stoppedSeconds) == [Int64(48 * 3600), Int64(202 * 3600), Int64(3 * 3600)])
        #expect(totals.map(\.graphs) == [1, 2, 1])
    }

    @Test func topGraphsAreTheLargestSaversOfOneCurrency() throws {
        let report = try SavingsHistory.twoCurrencies().november()
        #expect(report.currencies == ["EUR", "USD"])
        #expect(report.topGraphs(currency: "USD", limit: 10).map(\.graphID) == ["g-b", "g-a"])
        #expect(report.topGraphs(currency: "USD", limit: 1).map(\.graphID) == ["g-b"])
        #expect(report.topGraphs(currency: "EUR", limit: 10).map(\.graphID) == ["g-e"])
        #expect(report.topGraphs(currency: "JPY", limit: 10).isEmpty)
    }

    @Test(arguments: [
        ("2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z", 30, "2026-11-01", "2026-11-30"),
        ("2026-11-01T12:00:00Z", "2026-11-02T00:00:01Z", 2, "2026-11-01", "2026-11-02"),
        ("2026-11-27T02:00:00Z", "2026-11-27T03:00:00Z", 1, "2026-11-27", "2026-11-27"),
        ("1969-12-31T12:00:00Z", "1970-01-01T12:00:00Z", 2, "1969-12-31", "1970-01-01"),
    ])
    func daysCoverThePeriod(since: String, until: String, count: Int, first: String, last: String) {
        let days = SavingsReport(since: utc(since), until: utc(until), savings: [], runs: []).days()
        #expect(days.count == count)
        #expect(days.first == first)
        #expect(days.last == last)
    }

    @Test(arguments: [
        ("+08:00", 31, "2026-11-01", "2026-12-01"), ("Asia/Shanghai", 31, "2026-11-01", "2026-12-01"),
        ("-05:00", 31, "2026-10-31", "2026-11-30"), ("UTC", 30, "2026-11-01", "2026-11-30"),
    ])
    func daysAreThoseOfTheReportsZone(zone: String, count: Int, first: String, last: String) throws {
        let calendar = try #require(ReportCalendar(parsing: zone))
        let report = SavingsReport(
            since: utc("2026-11-01T00:00:00Z"),
            until: utc("2026-12-01T00:00:00Z"),
            calendar: calendar,
            savings: [],
            runs: []
        )
        let days = report.days()
        #expect(days.count == count)
        #expect(days.first == first)
        #expect(days.last == last)
    }

    @Test func daysKeepTheLatestWhenThePeriodIsLong() {
        let report = SavingsReport(
            since: utc("2020-01-01T00:00:00Z"),
            until: utc("2026-12-01T00:00:00Z"),
            savings: [],
            runs: []
        )
        #expect(report.days(maximumDays: 3) == ["2026-11-28", "2026-11-29", "2026-11-30"])
        #expect(report.days().count == 366)
        #expect(
            SavingsReport(since: utc("2026-12-01T00:00:00Z"), until: utc("2026-11-01T00:00:00Z"), savings: [], runs: [])
                .days().isEmpty
        )
    }
}
