import Foundation
import IdleStopCore
import Testing

@testable import IdleStopStorage

struct CSVReportReaderTests {
    static let header = ReportColumn.header.joined(separator: ",")

    /// A valid dry-run row for `graph` with `decision` and `result`.
    static func row(
        _ graph: String,
        run: String = "r-1",
        mode: String = "dry-run",
        decision: String = "stop",
        result: String = "dry-run"
    ) -> String {
        "\(run),2026-11-25T02:00:00Z,\(mode),\(graph),n,InMemory,million,200,p,\(decision),\(result),why,0,24,1,,,1.25,USD,30.00,,,"
    }

    func read(_ text: String) throws(StorageError) -> ReviewedReport {
        try CSVReportReader.read(Array(text.utf8), path: "plan.csv")
    }

    @Test func readsAReviewedReportFromAFile() throws {
        let folder = try makeTemporaryFolder()
        let url = folder.appendingPathComponent("plan.csv")
        try Data(ReportFixtures.reviewedDryRun.utf8).write(to: url)
        let report = try CSVReportReader.read(from: url)
        #expect(report.runID == "r-7")
        #expect(report.rows.map(\.graphID) == ["g-b", "g-a", "g-c"])
        #expect(report.rows.map(\.line) == [2, 3, 4])
        let first = report.rows[0]
        #expect(first.graphName == "graph, b")
        #expect(first.decision == .stop)
        #expect(first.result == .dryRun)
        #expect(first.policy == "idle-dev-graphs")
        #expect(first.mode == .dryRun)
        #expect(first.cells["reviewer_note"] == "ok")
        #expect(report.rows[1].graphName == "=cmd")
        #expect(report.rows[1].reason == "busy: 12 requests, \"see\"")
        #expect(report.rows[1].policy == nil)
        #expect(report.rows[1].result == nil)
        #expect(report.approvedStops == ["g-b", "g-c"])  // g-c was held by the trip-wire: approved too
    }

    @Test func readsWhatTheWriterWrote() throws {
        let folder = try makeTemporaryFolder()
        let url = folder.appendingPathComponent("r.csv")
        var tricky = stopDecision("g-1", result: .dryRun)
        tricky.graph.name = "=HYPERLINK(\"http://x\")\n,-1"
        tricky.reason = "@everyone, \"stop\""
        let decisions = [tricky, keepDecision("g-2"), keepDecision("g-0", status: .stopped)]
        try CSVReportWriter.write(
            run: makeRun("r-9", at: "2026-11-27T02:00:00Z", mode: .dryRun),
            decisions: decisions,
            to: url
        )
        let report = try CSVReportReader.read(from: url)
        #expect(report.rows.map(\.graphID) == ["g-0", "g-1", "g-2"])
        #expect(report.rows[1].graphName == tricky.graph.name)
        #expect(report.rows[1].reason == tricky.reason)
        #expect(report.approvedStops == ["g-1"])
    }

    @Test func headerOnlyIsAnEmptyPlan() throws {
        let report = try read(Self.header + "\n")
        #expect(report.rows.isEmpty)
        #expect(report.runID == nil)
        #expect(report.approvedStops.isEmpty)
    }

    @Test func extraColumnsMayComeAnywhere() throws {
        let text = "note," + Self.header + "\nhello," + Self.row("g-1") + "\n"
        #expect(try read(text).rows.first?.cells["note"] == "hello")
    }

    @Test(arguments: [
        ("", 1, nil as String?, "empty"),
        ("run_id,graph_id\nr,g\n", 1, nil, "lacks the report column(s) evaluated_at"),
        (header + ",run_id\n", 1, "run_id", "twice"),
        (header + "\n" + row("g-1") + ",extra\n", 2, nil, "24 field(s) but the header has 23"),
        (header + "\n" + row("g-1") + "\n\n", 3, nil, "1 field(s)"),
        (header + "\n" + row("g-1", mode: "live") + "\n", 2, "mode", "dry-run report"),
        (header + "\n" + row("g-1", mode: "wet") + "\n", 2, "mode", "unknown mode"),
        (header + "\n" + row("g-1", decision: "stopp") + "\n", 2, "decision", "unknown decision \"stopp\""),
        (header + "\n" + row("g-1", result: "done") + "\n", 2, "result", "unknown result \"done\""),
        (
            header + "\n" + row("g-1", decision: "keep", result: "dry-run") + "\n", 2, "result",
            "results belong to stop rows"
        ),
        (header + "\n" + row("g-1") + "\n" + row("g/../x") + "\n", 3, "graph_id", "unsafe graph ID"),
        (header + "\n" + row("g-1") + "\n" + row("") + "\n", 3, "graph_id", "unsafe graph ID"),
        (header + "\n" + row("g-1") + "\n" + row("g-2", run: "r-2") + "\n", 3, "run_id", "a report holds one run"),
        (header + "\n" + row("g-1", run: "") + "\n", 2, "run_id", "empty"),
        (header + "\n" + row("g-1") + "\n" + row("g-1") + "\n", 3, "graph_id", "already appears on line 2"),
        (header + "\n" + row("g-1") + "\n\"unclosed\n", 3, nil, "never closed"),
    ])
    func refusesTheWholeFileNamingLineAndColumn(text: String, line: Int, column: String?, message: String) {
        #expect {
            try read(text)
        } throws: { error in
            guard let error = error as? StorageError else { return false }
            return error.kind == .report && error.path == "plan.csv" && error.line == line && error.column == column
                && error.description.contains(message) && error.description.hasPrefix("plan.csv:\(line)")
        }
    }

    @Test func aMissingFileIsAFileError() throws {
        let url = try makeTemporaryFolder().appendingPathComponent("missing.csv")
        #expect {
            try CSVReportReader.read(from: url)
        } throws: { error in
            (error as? StorageError)?.kind == .file && "\(error)".contains("missing.csv")
        }
    }

    @Test func errorMessagesShortenAndEscapeTheOffendingText() {
        let long = String(repeating: "x", count: 200) + "\u{07}"
        #expect {
            try read(Self.header + "\n" + Self.row("g-1", decision: long) + "\n")
        } throws: { error in
            let text = "\(error)"
            return text.contains("xxx...") && !text.contains(String(repeating: "x", count: 61))
        }
        #expect(CSVReportReader.quoted("a\u{07}b") == "\"a\\u{07}b\"")
    }
}
