import Foundation
import GESSimulator
import GRDB
import IdleStopCore
import IdleStopStorage
import Testing

@testable import IdleStopCLI

/// A stop whose answer never arrived and whose graph a later run finds running stays a sent stop: it may have
/// stopped the graph and someone started it again.
extension RunCommandTests {
    @Test func anUnknownStopFoundRunningStaysASentStopForTheRestartRuleAndSavingsUntilThatRun() async throws {
        let harness = try CLIHarness()
        let sandbox = RestartRuleTests.sandbox
        let usage = try RestartRuleTests().zeroFilledUsage(harness)
        // The sandbox's stop gets no answer for two minutes: the run's deadline cancels it, leaving `unknown`.
        // The deadline leaves a loaded machine time to read the usage and list the graphs before the stop phase.
        let hang = ScriptedAnswer(status: 200, body: ["job_id": "never"], delayMilliseconds: 120_000)
        let (simulator, endpoint) = try await CLIHarness.simulator(faults: FaultSettings(scripts: [sandbox: [hang]]))
        defer { Task { await simulator.stop() } }
        func run(at offset: TimeInterval, report: String, _ extra: [String] = []) async throws -> [String: String] {
            // A live run acts on the present: ges-sim's clock follows the evaluated instant.
            await simulator.setClock(to: RestartRuleTests.start.addingTimeInterval(offset))
            var arguments = harness.arguments(["--endpoint", endpoint] + extra, report: report)
            arguments[arguments.firstIndex(of: CLIHarness.usage)!] = usage
            arguments[arguments.firstIndex(of: CLIHarness.now)!] = ISO8601DateFormatter().string(
                from: RestartRuleTests.start.addingTimeInterval(offset)
            )
            _ = try await harness.outcome(arguments, environment: CLIHarness.credentials)
            return try harness.reportRows(report).first { $0["graph_id"] == sandbox } ?? [:]
        }

        let first = try await run(at: 0, report: "1.csv", ["--deadline", "30"])
        #expect(first["result"] == "unknown")

        // Ten hours later the graph is running (the stop never took, or someone started it again).
        let later = try await run(at: 10 * 3600, report: "2.csv")
        #expect(later["status"] == "200")
        #expect(later["decision"] == "keep")
        #expect(later["reason"]?.contains("after the job stopped it") == true, "\(later)")
        #expect(await CLIHarness.simulatorView(simulator)["dev-social-sandbox"]?.stops == 1)

        let store = try HistoryStore(path: harness.path("history.sqlite"))
        let db = try DatabaseQueue(path: harness.path("history.sqlite"))
        let reconciled = try db.read { db in
            try Row.fetchOne(
                db,
                sql: "SELECT result, error_msg FROM decisions WHERE graph_id = ? AND run_id = ?",
                arguments: [sandbox, first["run_id"]]
            )
        }
        #expect(reconciled?["result"] == "requested")
        let note: String? = reconciled?["error_msg"]
        #expect(note?.contains("reconciled by a later run: the answer never arrived") == true)
        #expect(note?.contains("found with status 200 at 2026-11-27T12:00:00Z") == true, "\(note ?? "")")

        let savings = try store.realizedSavings(
            since: RestartRuleTests.start.addingTimeInterval(-86_400),
            until: RestartRuleTests.start.addingTimeInterval(2 * 86_400)
        )
        let saving = try #require(savings.first { $0.graphID == sandbox })
        #expect(saving.stops == 1)
        #expect(saving.stoppedSeconds == 10 * 3600)
    }
}
