import Foundation
import GESSimulator
import IdleStopCore
import Testing

@testable import IdleStopCLI

/// A dead usage feed is loud: the run decides and stops what it can, then exits 6 with an error line.
extension RunCommandTests {
    /// The example usage restricted to the graphs whose IDs `keep` accepts (the header stays).
    static func usage(_ harness: CLIHarness, name: String, keeping keep: (String) -> Bool) throws -> String {
        let lines = try String(contentsOfFile: CLIHarness.usage, encoding: .utf8).split(separator: "\n")
        let kept = [String(lines[0])] + lines.dropFirst().map(String.init).filter { keep(String($0.prefix(36))) }
        let path = harness.path(name)
        try (kept.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func arguments(_ harness: CLIHarness, usage: String, _ extra: [String]) -> [String] {
        var arguments = harness.arguments(extra)
        arguments[arguments.firstIndex(of: CLIHarness.usage)!] = usage
        return arguments
    }

    @Test func aUsageFileThatCoversNothingExitsSixWithAnErrorLine() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: ExecutableRun.executable.path))
        let harness = try CLIHarness()
        let usage = try Self.usage(harness, name: "header-only.csv") { _ in false }
        let (simulator, endpoint) = try await CLIHarness.simulator()
        defer { Task { await simulator.stop() } }
        let result = try await ExecutableRun.run(
            ["run"] + arguments(harness, usage: usage, ["--endpoint", endpoint]),
            environment: CLIHarness.credentials,
            in: harness.folder
        )

        #expect(result.status == 6, "\(result.stderr)")
        let line =
            "ges-idle-stop: error: usage data too thin: 7 of 7 running graph(s) the policies evaluate had no usable "
            + "usage (usable: 0, min_data_share 0.5 needs at least 50%); no usage records at all."
        #expect(result.stderr.contains(line), "\(result.stderr)")
        let rows = try harness.reportRows()
        #expect(rows.count == 12)
        #expect(rows.filter { $0["reason"]?.hasPrefix("insufficient usage data") == true }.count == 7)
    }

    @Test func usageForOtherGraphsOnlyIsAsThinAsNone() async throws {
        let harness = try CLIHarness()
        let usage = harness.path("elsewhere.csv")
        try "graph_id,period_start,period_seconds,requests\nsomeone-else,2026-11-27T01:00:00Z,3600,0\n".write(
            toFile: usage,
            atomically: true,
            encoding: .utf8
        )
        let outcome = try await harness.outcome(
            arguments(harness, usage: usage, ["--dry-run", "--inventory", CLIHarness.fleet])
        )
        #expect(outcome.status == .usageFeedTooThin)
        #expect(outcome.errors.count == 1)
        #expect(
            outcome.errors.first?.hasSuffix(
                "no usage records for the inventory's graphs at all (1 row(s) name other graphs). The run decided and "
                    + "stopped what it could; check the usage feed"
            ) == true,
            "\(outcome.errors)"
        )
    }

    /// Usage for the three idle graphs only: they are stopped, and the other four evaluated graphs make it exit 6.
    @Test func aThinFeedStillStopsWhatItCanAndSaysWhenTheNewestRecordIs() async throws {
        let harness = try CLIHarness()
        let idle = Set(FaultRehearsalTests.idle.values)
        let usage = try Self.usage(harness, name: "idle-only.csv") { idle.contains($0) }
        let (simulator, endpoint) = try await CLIHarness.simulator()
        defer { Task { await simulator.stop() } }
        let outcome = try await harness.outcome(
            arguments(harness, usage: usage, ["--endpoint", endpoint]),
            environment: CLIHarness.credentials
        )

        #expect(outcome.status == .usageFeedTooThin)
        #expect(outcome.summary.stopped == 3)
        let stopped = await CLIHarness.simulatorView(simulator).filter { $0.value.stops > 0 }.keys
        #expect(Set(stopped) == Set(FaultRehearsalTests.idle.keys))
        #expect(outcome.errors.first?.hasPrefix("usage data too thin: 4 of 7 running graph(s)") == true)
        #expect(outcome.errors.first?.contains("the newest usage record ends at 2026-11-27T02:00:00Z") == true)
    }

    @Test func theExampleFeedIsThickEnough() async throws {
        let harness = try CLIHarness()
        let outcome = try await harness.outcome(harness.arguments(["--dry-run", "--inventory", CLIHarness.fleet]))
        #expect(outcome.status == .done)
        #expect(outcome.errors.isEmpty)
    }

    @Test func minDataShareZeroTurnsTheAlarmOff() async throws {
        let harness = try CLIHarness()
        let policy = harness.path("quiet.yml")
        try String(contentsOfFile: CLIHarness.policy, encoding: .utf8)
            .replacingOccurrences(of: "min_data_share: 0.5", with: "min_data_share: 0")
            .write(toFile: policy, atomically: true, encoding: .utf8)
        let usage = try Self.usage(harness, name: "header-only.csv") { _ in false }
        var arguments = arguments(harness, usage: usage, ["--dry-run", "--inventory", CLIHarness.fleet])
        arguments[arguments.firstIndex(of: CLIHarness.policy)!] = policy
        let outcome = try await harness.outcome(arguments)
        #expect(outcome.status == .done)
    }
}
