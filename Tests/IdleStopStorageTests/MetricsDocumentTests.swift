import Foundation
import IdleStopCore
import IdleStopTestSupport
import Testing

@testable import IdleStopStorage

@Suite struct MetricsDocumentTests {
    static let start = utc("2026-11-27T02:00:00Z")

    static func fixture(_ name: String) throws -> String {
        try Fixtures(.module).text("metrics/\(name)")
    }

    @Test func finishedRunIsWrittenInFullWithEveryLabelEvenAtZero() throws {
        let document = MetricsDocument(
            startedAt: Self.start,
            finishedAt: Self.start.addingTimeInterval(12.5),
            exitStatus: 2,
            figures: MetricsDocument.Figures(
                isDryRun: false,
                graphsByDecision: [.stop: 4, .keep: 3, .skip: 5],
                stopsByResult: [.requested: 2, .confirmed: 1, .failed: 1],
                projectedSavings: ["USD": Decimal(string: "0.10")!, "CNY": Decimal(string: "1234567890.123456789")!],
                usageCoveredGraphs: 6,
                usageEvaluatedGraphs: 7
            )
        )
        #expect(document.text == (try Self.fixture("finished-run.prom")))
    }

    @Test func failedRunHasOnlyItsStatusAndTimes() throws {
        let document = MetricsDocument(
            startedAt: Self.start,
            finishedAt: Self.start.addingTimeInterval(0.25),
            exitStatus: 3
        )
        #expect(document.text == (try Self.fixture("failed-run.prom")))
    }

    @Test func moneyKeepsEveryDigitADoubleWouldLose() throws {
        let amount = Decimal(string: "98765432109876.54321")!
        #expect("\(Double("98765432109876.54321")!)" != "98765432109876.54321")
        let figures = MetricsDocument.Figures(
            isDryRun: true,
            graphsByDecision: [:],
            stopsByResult: [:],
            projectedSavings: ["EUR": amount],
            usageCoveredGraphs: 0,
            usageEvaluatedGraphs: 0
        )
        let text = MetricsDocument(startedAt: Self.start, finishedAt: Self.start, exitStatus: 0, figures: figures).text
        #expect(text.contains("\nges_idle_stop_projected_savings{currency=\"EUR\"} 98765432109876.54321\n"))
    }

    @Test func labelValuesEscapeBackslashQuoteAndLineFeed() {
        #expect(MetricsDocument.labels(["currency": "a\\b\"c\nd"]) == #"{currency="a\\b\"c\nd"}"#)
        #expect(MetricsDocument.escapeHelp("one\\two\nthree") == #"one\\two\nthree"#)
    }

    @Test func figuresTallyDecisionsResultsAndTheSummarysSavings() {
        let decisions = [
            stopDecision("a", result: .requested), stopDecision("b", result: .failed),
            stopDecision("c", result: .requested), keepDecision("d"),
            keepDecision("e", status: GraphStatus(rawValue: "400")),
        ]
        let usage = UsageFeedCoverage(evaluatedGraphIDs: ["a", "b", "c", "d"], graphIDsWithoutUsage: ["d"])
        let figures = MetricsDocument.Figures(decisions: decisions, isDryRun: false, usage: usage)
        #expect(figures.graphsByDecision == [.stop: 3, .keep: 1, .skip: 1])
        #expect(figures.stopsByResult == [.requested: 2, .failed: 1])
        #expect(figures.projectedSavings == ["USD": Decimal(60)])
        #expect(figures.usageCoveredGraphs == 3)
        #expect(figures.usageEvaluatedGraphs == 4)
    }

    @Test func fileIsReplacedWholeAndReadableByAllWhateverTheUmask() throws {
        let folder = try makeTemporaryFolder()
        let url = folder.appendingPathComponent("node/ges-idle-stop.prom")
        let previous = umask(0o077)
        defer { umask(previous) }
        try MetricsDocument(startedAt: Self.start, finishedAt: Self.start, exitStatus: 0).write(to: url)
        try MetricsDocument(startedAt: Self.start, finishedAt: Self.start, exitStatus: 5).write(to: url)
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o644)
        #expect(try String(contentsOf: url, encoding: .utf8).contains("\nges_idle_stop_last_run_exit_status 5\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path).count == 1)
    }
}
