import Foundation
import GESSimulator
import GRDB
import IdleStopCore
import Testing

@testable import IdleStopCLI

/// The retain phase end to end: two live nights against ges-sim 500 days apart, on one history file.
struct RunPipelineRetentionTests {
    /// Runs live at `offset` seconds after the harness's `--now`, with ges-sim's clock there; returns the report.
    func night(
        _ harness: CLIHarness,
        _ simulator: Simulator,
        endpoint: String,
        at offset: TimeInterval,
        report: String
    ) async throws -> [[String: String]] {
        let instant = CLIHarness.nowDate.addingTimeInterval(offset)
        await simulator.setClock(to: instant)
        var arguments = harness.arguments(["--endpoint", endpoint], report: report)
        arguments[arguments.firstIndex(of: CLIHarness.now)!] = ISO8601DateFormatter().string(from: instant)
        _ = try await harness.outcome(arguments, environment: CLIHarness.credentials)
        return try harness.reportRows(report)
    }

    @Test func aNight500DaysLaterDeletesTheFirstNightsRowsButItsEvidence() async throws {
        let harness = try CLIHarness()
        let (simulator, endpoint) = try await CLIHarness.simulator()
        defer { Task { await simulator.stop() } }

        let first = try await night(harness, simulator, endpoint: endpoint, at: 0, report: "1.csv")
        let later = try await night(harness, simulator, endpoint: endpoint, at: 500 * 86_400, report: "2.csv")
        #expect(first.contains { $0["result"] == "requested" })

        // The evidence the restart rule could still need, from the two reports alone: a graph's newest row that
        // saw it not running, and its newest stop the job sent.
        let sent: Set<String> = ["requested", "confirmed", "already-stopped", "unknown"]
        let laterByID = Dictionary(uniqueKeysWithValues: later.map { ($0["graph_id"]!, $0) })
        let evidence = Set(
            first.filter { row in
                let next = laterByID[row["graph_id"]!]
                let notRunning = row["status"] != "200" && next.map { $0["status"] == "200" } ?? true
                let stop = sent.contains(row["result"] ?? "") && !sent.contains(next?["result"] ?? "")
                return notRunning || stop
            }.map { $0["graph_id"]! }
        )
        #expect(!evidence.isEmpty && evidence.count < first.count)

        let database = try DatabaseQueue(path: harness.path("history.sqlite"))
        let runID = try #require(first.first?["run_id"])
        let (kept, laterRows, keptSince) = try await database.read { db in
            (
                try Set(
                    String.fetchAll(db, sql: "SELECT graph_id FROM decisions WHERE run_id = ?", arguments: [runID])
                ),
                try Int.fetchOne(db, sql: "SELECT count(*) FROM decisions WHERE run_id != ?", arguments: [runID]),
                try String.fetchOne(db, sql: "SELECT decisions_kept_since FROM history_retention")
            )
        }
        #expect(kept == evidence)
        #expect(laterRows == later.count)
        #expect(keptSince == ISO8601DateFormatter().string(from: CLIHarness.nowDate.addingTimeInterval(100 * 86_400)))
    }
}
