import Foundation
import Testing

@testable import IdleStopCLI

/// The summary line is the cron log's proof of a run: exactly one on stdout, `--quiet` or not.
extension RunCommandTests {
    /// A dry run of the example fleet and usage, read from files, by the executable: no cloud, no credentials.
    func executableDryRun(_ harness: CLIHarness, _ extra: [String]) async throws -> ExecutableRun {
        let arguments = harness.arguments(["--dry-run", "--inventory", CLIHarness.fleet]).filter { $0 != "--quiet" }
        return try await ExecutableRun.run(["run"] + arguments + extra, environment: [:], in: harness.folder)
    }

    @Test(arguments: [["--quiet"], []])
    func aRunPrintsExactlyOneSummaryLineOnStandardOutput(extra: [String]) async throws {
        try #require(FileManager.default.isExecutableFile(atPath: ExecutableRun.executable.path))
        let harness = try CLIHarness()
        let result = try await executableDryRun(harness, extra)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 2 && lines[1].isEmpty, "\(result.stdout)")
        #expect(lines[0].hasPrefix("ges-idle-stop run dry-run "), "\(result.stdout)")
        #expect(lines[0].contains("graphs,") && lines[0].contains("; report \(harness.path("report.csv"))"))
        if extra == ["--quiet"] { #expect(result.stderr.isEmpty, "--quiet let logs through: \(result.stderr)") }
    }

    @Test func aRunThatFailsBeforeDecidingPrintsItsErrorAndNoSummary() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: ExecutableRun.executable.path))
        let harness = try CLIHarness()
        let result = try await executableDryRun(harness, ["--quiet", "--now", "yesterday"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("ges-idle-stop: error: --now"), "\(result.stderr)")
    }
}
