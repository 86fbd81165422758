import Foundation
import IdleStopCore
import IdleStopStorage
import Testing

@testable import IdleStopCLI

struct ReportCommandTests {
    let harness: CLIHarness
    let database: String

    init() throws {
        harness = try CLIHarness()
        database = harness.path("history.sqlite")
    }

    static let now = ReportFormat.date(from: "2026-12-01T00:00:00Z")!

    /// A history with one live run that stops two graphs (USD and EUR) and a later run that sees them running.
    func writeHistory() throws {
        let store = try HistoryStore(path: database)
        func graph(_ id: String) -> Graph { Graph(id: id, name: "name-\(id)", status: .running, sizeIndex: "1") }
        let first = RunInfo(
            id: "r-1",
            evaluatedAt: Instant(ReportFormat.date(from: "2026-11-20T02:00:00Z")!),
            startedAt: ReportFormat.date(from: "2026-11-20T02:00:00Z")!,
            mode: .live
        )
        var decisions = [
            Decision(
                graph: graph("g-a"),
                kind: .stop,
                reason: "idle",
                hourlyPrice: Decimal(string: "1.25")!,
                currency: "USD",
                projectedSavings: 30
            ),
            Decision(
                graph: graph("g-e"),
                kind: .stop,
                reason: "idle",
                hourlyPrice: 2,
                currency: "EUR",
                projectedSavings: 48
            ),
        ]
        try store.beginRun(first)
        try store.recordDecisions(run: first, decisions)
        for index in decisions.indices {
            try store.recordIntent(runID: "r-1", graphID: decisions[index].graph.id, at: first.startedAt)
            try store.recordOutcome(
                runID: "r-1",
                graphID: decisions[index].graph.id,
                result: .requested,
                jobID: "j",
                errorCode: nil,
                errorMessage: nil,
                at: first.startedAt
            )
            decisions[index].result = .requested
        }
        try store.finishRun(
            runID: "r-1",
            summary: RunSummary(decisions: decisions),
            exitStatus: 0,
            reportPath: nil,
            at: first.startedAt
        )
        let second = RunInfo(
            id: "r-2",
            evaluatedAt: Instant(ReportFormat.date(from: "2026-11-20T12:00:00Z")!),
            startedAt: ReportFormat.date(from: "2026-11-20T12:00:00Z")!,
            mode: .live
        )
        let seen = [graph("g-a"), graph("g-e")].map { Decision(graph: $0, kind: .keep, reason: "busy") }
        try store.beginRun(second)
        try store.recordDecisions(run: second, seen)
        try store.finishRun(
            runID: "r-2",
            summary: RunSummary(decisions: seen),
            exitStatus: 0,
            reportPath: nil,
            at: second.startedAt
        )
    }

    /// Parses `arguments` and runs the command in-process; returns its status and what it printed.
    func report(_ arguments: [String], environment: [String: String] = [:]) throws -> (IdleStopCLI.ExitStatus, String) {
        let command = try ReportCommand.parse(arguments)
        var printed = ""
        let status = ReportCommand.execute(command, environment: environment, now: Self.now) { printed += $0 }
        return (status, printed)
    }

    @Test func aMissingDatabaseIsAnErrorNotAnEmptyReport() throws {
        let (status, printed) = try report(["--db", database])
        #expect(status == .badInput)
        #expect(printed.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: database))
    }

    @Test func aFolderIsNotADatabase() throws {
        let (status, _) = try report(["--db", harness.folder.path])
        #expect(status == .badInput)
    }

    @Test func printsTheGraphDayCSVByDefault() throws {
        try writeHistory()
        let (status, printed) = try report(["--db", database])
        #expect(status == .done)
        let rows = CSVTable.rows(of: printed)
        #expect(rows.map { $0["graph_id"] } == ["g-a", "g-e"])
        #expect(rows.map { $0["hours_stopped"] } == ["10", "10"])
        #expect(rows.map { $0["realized_savings"] } == ["12.50", "20.00"])
        #expect(rows.map { $0["currency"] } == ["USD", "EUR"])
        #expect(rows.first?["period_start"] == "2026-11-01T00:00:00Z")
        #expect(rows.first?["period_end"] == "2026-12-01T00:00:00Z")
    }

    @Test func honoursTheDatabaseFromTheEnvironmentAndFlagsWin() throws {
        try writeHistory()
        let (status, printed) = try report([], environment: ["GES_IDLE_STOP_DB": database])
        #expect(status == .done)
        #expect(CSVTable.rows(of: printed).count == 2)
        let (flagStatus, _) = try report(
            ["--db", harness.path("missing.sqlite")],
            environment: ["GES_IDLE_STOP_DB": database]
        )
        #expect(flagStatus == .badInput)
    }

    @Test func byRunListsTheRunsWithProjectedSavings() throws {
        try writeHistory()
        let (status, printed) = try report(["--db", database, "--by", "run"])
        #expect(status == .done)
        let rows = CSVTable.rows(of: printed)
        #expect(rows.map { $0["run_id"] } == ["r-1", "r-1", "r-2"])
        #expect(rows.map { $0["currency"] } == ["EUR", "USD", ""])
        #expect(rows.map { $0["projected_savings"] } == ["48.00", "30.00", ""])
        #expect(rows.map { $0["mode"] } == ["live", "live", "live"])
        #expect(rows.first?["stopped"] == "2")
    }

    @Test func writesTheCSVAndTheHTMLPageToFiles() throws {
        try writeHistory()
        let csv = harness.path("out/savings.csv")
        let html = harness.path("out/savings.html")
        let (status, printed) = try report(["--db", database, "--by", "day", "--out", csv, "--html", html])
        #expect(status == .done)
        #expect(printed.isEmpty)
        let rows = CSVTable.rows(of: try String(contentsOfFile: csv, encoding: .utf8))
        #expect(rows.map { $0["currency"] } == ["EUR", "USD"])
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.contains("<svg"))
        #expect(page.contains("12.50 USD"))
        #expect(page.contains("Generated 2026-12-01T00:00:00Z"))
    }

    @Test func htmlAloneKeepsStandardOutputQuietUnlessOutIsDash() throws {
        try writeHistory()
        let (quietStatus, quiet) = try report(["--db", database, "--html", harness.path("a.html")])
        #expect(quietStatus == .done)
        #expect(quiet.isEmpty)
        let (status, printed) = try report(["--db", database, "--html", harness.path("b.html"), "--out", "-"])
        #expect(status == .done)
        #expect(CSVTable.rows(of: printed).count == 2)
    }

    @Test func thePeriodLeavesOutEarlierStops() throws {
        try writeHistory()
        let (status, printed) = try report(["--db", database, "--since", "2026-11-21", "--until", "2026-11-22"])
        #expect(status == .done)
        #expect(CSVTable.rows(of: printed).isEmpty)
        #expect(printed.hasPrefix("period_start,"))
    }

    @Test(
        arguments: [
            ("30d", nil, "2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z"),
            ("2w", nil, "2026-11-17T00:00:00Z", "2026-12-01T00:00:00Z"),
            ("24h", "2026-11-27T02:00:00Z", "2026-11-26T02:00:00Z", "2026-11-27T02:00:00Z"),
            ("2026-11-01T00:00:00Z", nil, "2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z"),
            ("2026-11-01T08:00:00+08:00", "2026-11-15", "2026-11-01T00:00:00Z", "2026-11-15T00:00:00Z"),
            ("2026-11-01", "2026-11-02T00:00:00Z", "2026-11-01T00:00:00Z", "2026-11-02T00:00:00Z"),
        ] as [(String, String?, String, String)]
    )
    func sinceIsADurationBeforeUntilOrAnInstant(since: String, until: String?, start: String, end: String) throws {
        let period = try ReportCommand.period(since: since, until: until, now: Self.now)
        #expect(ReportFormat.timestamp(period.since) == start)
        #expect(ReportFormat.timestamp(period.until) == end)
    }

    @Test(
        arguments: [
            ("30x", nil), ("0d", nil), ("-3d", nil), ("1700000000", nil), ("2026-11-01T00:00:00", nil), ("", nil),
            ("2026-13-01", nil), ("30d", "yesterday"), ("2026-12-02", nil), ("2026-11-01", "2026-11-01"),
        ] as [(String, String?)]
    )
    func badPeriodsAreBadInput(since: String, until: String?) {
        #expect(throws: CommandError.self) { try ReportCommand.period(since: since, until: until, now: Self.now) }
    }

    @Test func aBadSinceExitsWithBadInputBeforeReading() throws {
        try writeHistory()
        let (status, printed) = try report(["--db", database, "--since", "thirty days"])
        #expect(status == .badInput)
        #expect(printed.isEmpty)
    }

    @Test func anUnknownViewIsRefusedByTheParser() {
        #expect(throws: (any Error).self) { try ReportCommand.parse(["--by", "week"]) }
    }
}
