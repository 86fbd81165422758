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

    /// What `apply --expect-stops N` did with a held plan: its outcome, the stop rows of its report, and the stop
    /// requests the simulator received per graph name.
    struct HeldPlanApplication {
        var outcome: RunPipeline.Outcome
        var stopRows: [[String: String]]
        var stops: [String: Int]

        /// Expects the trip-wire to have held all three stops again, with nothing sent.
        func expectEveryStopHeld(sourceLocation: SourceLocation = #_sourceLocation) {
            #expect(outcome.status == .tripWireHeld, sourceLocation: sourceLocation)
            #expect(stops.values.allSatisfy { $0 == 0 }, sourceLocation: sourceLocation)
            #expect(stopRows.count == 3, sourceLocation: sourceLocation)
            #expect(stopRows.allSatisfy { $0["result"] == "held" }, sourceLocation: sourceLocation)
        }
    }

    /// Makes a plan the tight policy holds, then applies it with `expectStops` against the same simulator.
    static func applyHeldPlan(expectStops: Int?) async throws -> HeldPlanApplication {
        let harness = try CLIHarness()
        let policy = try Self.tightPolicy(harness)
        let (simulator, endpoint) = try await CLIHarness.simulator()
        defer { Task { await simulator.stop() } }
        let plan = try await Self.heldPlan(harness, policy: policy, endpoint: endpoint)
        var arguments = harness.arguments(["--endpoint", endpoint], report: "applied.csv")
        arguments[arguments.firstIndex(of: CLIHarness.policy)!] = policy
        let settings = try RunSettings.resolve(
            options: try RunOptions.parse(arguments),
            environment: CLIHarness.credentials
        )
        let outcome = try await ApplyCommand.pipeline(
            reviewedReport: plan,
            expectedStops: expectStops,
            settings: settings,
            environment: CLIHarness.credentials,
            logger: CLIHarness.logger
        ).execute()
        return HeldPlanApplication(
            outcome: outcome,
            stopRows: try harness.reportRows("applied.csv").filter { $0["decision"] == "stop" },
            stops: await CLIHarness.simulatorView(simulator).mapValues(\.stops)
        )
    }

    @Test func aHeldDryRunIsAppliedWithTheMatchingExpectedCount() async throws {
        let applied = try await Self.applyHeldPlan(expectStops: 3)
        #expect(applied.outcome.status == .done)
        #expect(applied.outcome.errors.isEmpty)
        let stopped = applied.stops.filter { $0.value > 0 }
        #expect(Set(stopped.keys) == ["dev-social-sandbox", "analytics-weekly", "test-ranking-hm"])
        #expect(stopped.values.allSatisfy { $0 == 1 })
        #expect(applied.stopRows.count == 3)
        #expect(applied.stopRows.allSatisfy { $0["result"] == "requested" })
    }

    @Test(arguments: [2, 4])
    func aWrongExpectedCountHoldsEveryStopAndSaysBothNumbers(expected: Int) async throws {
        let applied = try await Self.applyHeldPlan(expectStops: expected)
        applied.expectEveryStopHeld()
        #expect(
            applied.outcome.errors == [
                "--expect-stops \(expected), but the re-check says to stop 3 approved graph(s); nothing was sent"
            ]
        )
    }

    @Test func withoutExpectStopsAHeldPlanIsHeldAgain() async throws {
        let applied = try await Self.applyHeldPlan(expectStops: nil)
        applied.expectEveryStopHeld()
        let reasons = applied.stopRows.map { $0["reason"] ?? "" }
        #expect(reasons.allSatisfy { $0.contains("3 stops would exceed max_stops_per_run 2") })
    }
}
