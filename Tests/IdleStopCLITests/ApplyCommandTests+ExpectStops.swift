import Foundation
import GESSimulator
import IdleStopCore
import Testing

@testable import IdleStopCLI

/// A dry run the trip-wire held is a plan too: `apply --expect-stops N` releases it when N is what the re-check
/// still stops; any other N, or no flag, holds every stop as before.
extension ApplyCommandTests {
    /// The example policies with room for two stops a run: the examples' three idle graphs trip the wire.
    static func tightPolicy(_ harness: CLIHarness) throws -> String {
        let text = try String(contentsOfFile: CLIHarness.policy, encoding: .utf8)
            .replacingOccurrences(of: "max_stops_per_run: 25", with: "max_stops_per_run: 2")
        let path = harness.path("tight.yml")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A held dry run of the examples against the simulator; returns the plan's path.
    static func heldPlan(_ harness: CLIHarness, policy: String, endpoint: String) async throws -> String {
        var arguments = harness.arguments(["--endpoint", endpoint, "--dry-run"], report: "plan.csv")
        arguments[arguments.firstIndex(of: CLIHarness.policy)!] = policy
        let outcome = try await harness.outcome(arguments, environment: CLIHarness.credentials)
        #expect(outcome.status == .tripWireHeld)
        let held = try harness.reportRows("plan.csv").filter { $0["result"] == "held" }.compactMap { $0["graph_name"] }
        #expect(Set(held) == ["dev-social-sandbox", "analytics-weekly", "test-ranking-hm"])
        return harness.path("plan.csv")
    }

    /// Runs `apply PLAN [--expect-stops N]` in-process with `policy` and returns the pipeline's outcome.
    static func applyOutcome(
        _ harness: CLIHarness,
        plan: String,
        expectStops: Int?,
        policy: String,
        endpoint: String
    ) async throws -> RunPipeline.Outcome {
        var arguments = harness.arguments(["--endpoint", endpoint], report: "applied.csv")
        arguments[arguments.firstIndex(of: CLIHarness.policy)!] = policy
        let settings = try RunSettings.resolve(
            options: try RunOptions.parse(arguments),
            environment: CLIHarness.credentials
        )
        return try await ApplyCommand.pipeline(
            reviewedReport: plan,
            expectedStops: expectStops,
            settings: settings,
            environment: CLIHarness.credentials,
            logger: CLIHarness.logger
        ).execute()
    }

    @Test func aHeldDryRunIsAppliedWithTheMatchingExpectedCount() async throws {
        let harness = try CLIHarness()
        let policy = try Self.tightPolicy(harness)
        let (simulator, endpoint) = try await CLIHarness.simulator()
        defer { Task { await simulator.stop() } }
        let plan = try await Self.heldPlan(harness, policy: policy, endpoint: endpoint)

        let outcome = try await Self.applyOutcome(
            harness,
            plan: plan,
            expectStops: 3,
            policy: policy,
            endpoint: endpoint
        )
        #expect(outcome.status == .done)
        #expect(outcome.errors.isEmpty)
        let stopped = await CLIHarness.simulatorView(simulator).filter { $0.value.stops > 0 }
        #expect(Set(stopped.keys) == ["dev-social-sandbox", "analytics-weekly", "test-ranking-hm"])
        #expect(stopped.values.allSatisfy { $0.stops == 1 })
        let rows = try harness.reportRows("applied.csv").filter { $0["decision"] == "stop" }
        #expect(rows.count == 3)
        #expect(rows.allSatisfy { $0["result"] == "requested" })
    }

    @Test(arguments: [2, 4])
    func aWrongExpectedCountHoldsEveryStopAndSaysBothNumbers(expected: Int) async throws {
        let harness = try CLIHarness()
        let policy = try Self.tightPolicy(harness)
        let (simulator, endpoint) = try await CLIHarness.simulator()
        defer { Task { await simulator.stop() } }
        let plan = try await Self.heldPlan(harness, policy: policy, endpoint: endpoint)

        let outcome = try await Self.applyOutcome(
            harness,
            plan: plan,
            expectStops: expected,
            policy: policy,
            endpoint: endpoint
        )
        #expect(outcome.status == .tripWireHeld)
        #expect(
            outcome.errors == [
                "--expect-stops \(expected), but the re-check says to stop 3 approved graph(s); nothing was sent"
            ]
        )
        #expect(await CLIHarness.simulatorView(simulator).values.allSatisfy { $0.stops == 0 })
        let rows = try harness.reportRows("applied.csv").filter { $0["decision"] == "stop" }
        #expect(rows.count == 3)
        #expect(rows.allSatisfy { $0["result"] == "held" })
    }

    @Test func withoutExpectStopsAHeldPlanIsHeldAgain() async throws {
        let harness = try CLIHarness()
        let policy = try Self.tightPolicy(harness)
        let (simulator, endpoint) = try await CLIHarness.simulator()
        defer { Task { await simulator.stop() } }
        let plan = try await Self.heldPlan(harness, policy: policy, endpoint: endpoint)

        let outcome = try await Self.applyOutcome(
            harness,
            plan: plan,
            expectStops: nil,
            policy: policy,
            endpoint: endpoint
        )
        #expect(outcome.status == .tripWireHeld)
        #expect(await CLIHarness.simulatorView(simulator).values.allSatisfy { $0.stops == 0 })
        let rows = try harness.reportRows("applied.csv").filter { $0["decision"] == "stop" }
        #expect(rows.count == 3)
        #expect(rows.allSatisfy { $0["result"] == "held" })
        #expect(rows.allSatisfy { $0["reason"]?.contains("3 stops would exceed max_stops_per_run 2") == true })
    }
}
