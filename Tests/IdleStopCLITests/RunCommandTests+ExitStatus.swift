import Foundation
import GESSimulator
import GRDB
import Testing

@testable import IdleStopCLI

/// The exit status never lies: 1 means nothing was sent; once stops were sent, their status stands.
extension RunCommandTests {
    @Test func noCredentialsConfiguredIsBadConfigurationNotAnAuthenticationFailure() async throws {
        let harness = try CLIHarness()
        let (simulator, endpoint) = try await CLIHarness.simulator()
        defer { Task { await simulator.stop() } }
        let environment = ["HUAWEICLOUD_SDK_PROJECT_ID": CLIHarness.projectID]
        let status = try await harness.run(harness.arguments(["--endpoint", endpoint]), environment: environment)
        #expect(status == .badInput)
        #expect(await CLIHarness.simulatorView(simulator).values.allSatisfy { $0.stops == 0 })
    }

    /// A report path whose folder cannot be made (a file is in the way) or that is a folder fails the run first.
    @Test(arguments: ["a-file/report.csv", "a-folder"])
    func aReportThatCannotBeWrittenIsFoundBeforeAnyStop(report: String) async throws {
        let harness = try CLIHarness()
        try "not a folder".write(toFile: harness.path("a-file"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: harness.path("a-folder"), withIntermediateDirectories: false)
        let (simulator, endpoint) = try await CLIHarness.simulator()
        defer { Task { await simulator.stop() } }
        let arguments = harness.arguments(["--endpoint", endpoint], report: report)
        #expect(try await harness.run(arguments, environment: CLIHarness.credentials) == .badInput)
        #expect(await CLIHarness.simulatorView(simulator).values.allSatisfy { $0.stops == 0 })
    }

    /// The report's path turns into a folder while a stop is in flight: the stops were sent, so the run exits
    /// with their status (0) and says on standard error that the report is missing, naming it.
    @Test func aReportThatFailsAfterStopsWereSentKeepsTheStopPhaseStatus() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: ExecutableRun.executable.path))
        let harness = try CLIHarness()
        let sandbox = CrashSafetyTests.sandbox
        let slowStop = ScriptedAnswer(status: 200, body: ["job_id": "job-slow"], delayMilliseconds: 1_500)
        let faults = FaultSettings(scripts: [sandbox: [slowStop]])
        let (simulator, endpoint) = try await CLIHarness.simulator(faults: faults)
        defer { Task { await simulator.stop() } }
        let db = harness.path("history.sqlite")
        let report = harness.path("report.csv")
        async let run = ExecutableRun.run(
            ["run"] + harness.arguments(["--endpoint", endpoint]),
            environment: CLIHarness.credentials,
            in: harness.folder
        )

        var isInFlight = false
        for _ in 0..<200 where !isInFlight {
            try await Task.sleep(for: .milliseconds(25))
            guard FileManager.default.fileExists(atPath: db) else { continue }
            var configuration = Configuration()
            configuration.readonly = true
            isInFlight =
                (try? await DatabaseQueue(path: db, configuration: configuration).read { db in
                    try String.fetchOne(
                        db,
                        sql: "SELECT sent_at FROM decisions WHERE graph_id = ? AND answered_at IS NULL",
                        arguments: [sandbox]
                    ) != nil
                }) ?? false
        }
        #expect(isInFlight)
        try FileManager.default.createDirectory(atPath: report, withIntermediateDirectories: false)
        let result = try await run

        #expect(result.status == 0, "\(result.stderr)")
        let line = "ges-idle-stop: error: the report \(report) could not be written after stops were sent"
        #expect(result.stderr.contains(line), "\(result.stderr)")
        let (exitStatus, reportPath, requested) = try await DatabaseQueue(path: db).read { db in
            (
                try Int.fetchOne(db, sql: "SELECT exit_status FROM runs"),
                try String.fetchOne(db, sql: "SELECT report_path FROM runs"),
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM decisions WHERE result = 'requested'")
            )
        }
        #expect(exitStatus == 0)
        #expect(reportPath == nil)
        #expect(requested == 3)
    }
}
