import Foundation
import GESSimulator
import GRDB
import IdleStopCore
import IdleStopTestSupport
import InMemoryLogging
import Logging
import Testing

@testable import IdleStopCLI

/// Live runs act on the present (issue 10): `--now` is checked against the GES endpoint's clock, its `Date` header.
@Suite struct RunPipelineClockTests {
    /// Runs the pipeline with `arguments`; returns its outcome or error, and the messages logged at notice and above.
    func execute(
        _ arguments: [String],
        hostClock: (@Sendable () -> Date)? = nil,
        plan: Set<String>? = nil
    ) async throws -> (Result<RunPipeline.Outcome, CommandError>, [String]) {
        let (logger, log) = InMemoryLogHandler.logger(label: "clock-test", level: .notice)
        let lines = { log.entries.map(\.message.description) }
        let settings = try RunSettings.resolve(
            options: try RunOptions.parse(arguments),
            environment: CLIHarness.credentials
        )
        var pipeline = RunPipeline(settings: settings, environment: CLIHarness.credentials, logger: logger)
        if let hostClock { pipeline.hostClock = hostClock }
        if let plan {
            pipeline.command = "apply"
            pipeline.reviewedPlan = ("reviewed.csv", plan)
        }
        do {
            return (.success(try await pipeline.execute()), lines())
        } catch {
            return (.failure(error), lines())
        }
    }

    /// `arguments` with `--now` replaced.
    func at(_ now: String, _ arguments: [String]) -> [String] {
        var arguments = arguments
        arguments[arguments.firstIndex(of: CLIHarness.now)!] = now
        return arguments
    }

    func runCount(_ harness: CLIHarness) throws -> Int {
        guard FileManager.default.fileExists(atPath: harness.path("history.sqlite")) else { return 0 }
        return try DatabaseQueue(path: harness.path("history.sqlite")).read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM runs") ?? 0
        }
    }

    @Test(arguments: [false, true])
    func aLiveRunOrApplyAwayFromTheGESClockIsRefusedAndSendsNothing(_ isApply: Bool) async throws {
        let harness = try CLIHarness()
        let (simulator, endpoint) = try await CLIHarness.simulator()  // its clock: 2026-11-27T02:00:00Z
        defer { Task { await simulator.stop() } }
        let arguments = at("2026-11-27T02:06:00Z", harness.arguments(["--endpoint", endpoint]))
        let (result, _) = try await execute(arguments, plan: isApply ? [RestartRuleTests.sandbox] : nil)

        guard case .failure(let error) = result else {
            Issue.record("the live run was not refused")
            return
        }
        #expect(error.status == .badInput)
        #expect(error.description.hasPrefix("--now 2026-11-27T02:06:00Z is "))
        #expect(
            error.description.contains(
                " after the GES endpoint's clock (Date header of its first answer) 2026-11-27T02:0"
            )
        )
        #expect(error.description.hasSuffix("--dry-run.\nNo stop was sent."))
        #expect(await CLIHarness.simulatorView(simulator).values.allSatisfy { $0.stops == 0 })
        #expect(!FileManager.default.fileExists(atPath: harness.path("report.csv")))
        #expect(try runCount(harness) == 0)
    }

    @Test func aLiveRunWithinFiveMinutesOfTheGESClockStops() async throws {
        let harness = try CLIHarness()
        let (simulator, endpoint) = try await CLIHarness.simulator()
        defer { Task { await simulator.stop() } }
        let (result, _) = try await execute(at("2026-11-27T01:56:00Z", harness.arguments(["--endpoint", endpoint])))
        #expect((try? result.get())?.status == .done)
        #expect(await CLIHarness.simulatorView(simulator).values.contains { $0.stops > 0 })
    }

    @Test func aDryRunMayEvaluateAnyInstantAndIsRecordedAsAReplay() async throws {
        let harness = try CLIHarness()
        let (simulator, endpoint) = try await CLIHarness.simulator()
        defer { Task { await simulator.stop() } }
        let arguments = at("2027-01-01T00:00:00Z", harness.arguments(["--endpoint", endpoint, "--dry-run"]))
        let (result, lines) = try await execute(arguments)
        // Evaluated, not refused; the example usage ends in November 2026, so the feed alarm (exit 6) rings.
        #expect((try? result.get())?.status == .usageFeedTooThin)
        #expect(lines.contains { $0.hasPrefix("replay: --now is more than 5 minutes from the GES endpoint's clock") })
        let replay = try DatabaseQueue(path: harness.path("history.sqlite")).read { db in
            try Row.fetchOne(db, sql: "SELECT clock_at_start, clock_source, is_replay FROM runs")
        }
        #expect((replay?["clock_at_start"] as String?)?.hasPrefix("2026-11-27T02:0") == true)
        #expect(replay?["clock_source"] as String? == "endpoint")
        #expect(replay?["is_replay"] as Int? == 1)
    }

    @Test func withoutNowAHostAwayFromTheGESClockOnlyWarns() async throws {
        let harness = try CLIHarness()
        let (simulator, endpoint) = try await CLIHarness.simulator()  // days behind the host clock
        defer { Task { await simulator.stop() } }
        var arguments = harness.arguments(["--endpoint", endpoint])
        arguments.removeSubrange(arguments.firstIndex(of: "--now")!...arguments.firstIndex(of: CLIHarness.now)!)
        let (result, lines) = try await execute(arguments)
        // The run goes on at the host clock; the example usage ends days before it, so the feed alarm (exit 6) rings.
        #expect((try? result.get())?.status == .usageFeedTooThin)
        #expect(FileManager.default.fileExists(atPath: harness.path("report.csv")))
        let warning = try #require(lines.first { $0.hasPrefix("clock skew: ") })
        #expect(warning.hasPrefix("clock skew: the GES endpoint's clock 2026-11-27T02:0"))
        #expect(warning.contains(" behind the host clock "))
        #expect(warning.contains("GES refuses AK/SK signatures past 15m (already past it)"))
        let isReplay = try await DatabaseQueue(path: harness.path("history.sqlite")).read { db in
            try Int.fetchOne(db, sql: "SELECT is_replay FROM runs")
        }
        #expect(isReplay == 0)
    }

    @Test func aLiveRunFromAnInventoryFileIsCheckedAgainstTheHostClock() async throws {
        let harness = try CLIHarness()
        let (simulator, endpoint) = try await CLIHarness.simulator()
        defer { Task { await simulator.stop() } }
        let arguments = harness.arguments(["--endpoint", endpoint, "--inventory", CLIHarness.fleet])
        let hostLater: @Sendable () -> Date = { CLIHarness.nowDate.addingTimeInterval(3 * 86_400) }
        let (refused, _) = try await execute(arguments, hostClock: hostLater)
        guard case .failure(let error) = refused else {
            Issue.record("the live run was not refused")
            return
        }
        #expect(
            error.description.contains("before the host clock (the inventory came from a file) 2026-11-30T02:00:00Z")
        )
        #expect(await CLIHarness.simulatorView(simulator).values.allSatisfy { $0.stops == 0 })

        let (accepted, _) = try await execute(arguments, hostClock: { CLIHarness.nowDate })
        #expect((try? accepted.get())?.status == .done)
        #expect(await CLIHarness.simulatorView(simulator).values.contains { $0.stops > 0 })
    }
}
