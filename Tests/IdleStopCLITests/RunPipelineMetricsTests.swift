import Foundation
import IdleStopStorage
import Testing

@testable import IdleStopCLI

/// The metrics file after every run (docs/SPEC.md §8, metrics file): its figures agree with the report, a failed
/// run keeps only its status and times, a run refused by the lock leaves it alone.
@Suite struct RunPipelineMetricsTests {
    /// The samples of a metrics file by `name{labels}`, read apart from the code under test.
    static func samples(_ path: String) throws -> [String: String] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var samples: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let space = line.lastIndex(of: " ")!
            samples[String(line[..<space])] = String(line[line.index(after: space)...])
        }
        return samples
    }

    /// Whether `python3` can make a venv to install `prometheus_client` in.
    static let hasPythonVenv: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import venv, ensurepip"]
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    @Test func dryRunFiguresAgreeWithTheReport() async throws {
        let harness = try CLIHarness()
        let metrics = harness.path("node/ges-idle-stop.prom")
        let arguments = harness.arguments(["--dry-run", "--inventory", CLIHarness.fleet, "--metrics-file", metrics])
        #expect(try await harness.run(arguments) == .done)
        let samples = try Self.samples(metrics)
        let rows = try harness.reportRows()
        for decision in ["stop", "keep", "skip", "flag"] {
            let count = rows.filter { $0["decision"] == decision }.count
            #expect(samples["ges_idle_stop_graphs{decision=\"\(decision)\"}"] == String(count), "\(decision)")
        }
        #expect(samples["ges_idle_stop_graphs{decision=\"stop\"}"] == "3")
        #expect(samples["ges_idle_stop_stops{result=\"dry-run\"}"] == "3")
        #expect(samples["ges_idle_stop_stops{result=\"failed\"}"] == "0")
        #expect(samples["ges_idle_stop_projected_savings{currency=\"USD\"}"] == "606")
        #expect(samples["ges_idle_stop_last_run_exit_status"] == "0")
        #expect(samples["ges_idle_stop_last_run_dry_run"] == "1")
        #expect(samples["ges_idle_stop_usage_covered_graphs"] == "5")
        #expect(samples["ges_idle_stop_usage_evaluated_graphs"] == "7")
        let attributes = try FileManager.default.attributesOfItem(atPath: metrics)
        #expect((attributes[.posixPermissions] as? Int) == 0o644)
    }

    @Test func failedRunReplacesTheFiguresWithItsStatusAndTimesOnly() async throws {
        let harness = try CLIHarness()
        let metrics = harness.path("ges-idle-stop.prom")
        let dryRun = harness.arguments(["--dry-run", "--inventory", CLIHarness.fleet, "--metrics-file", metrics])
        #expect(try await harness.run(dryRun) == .done)
        let (simulator, endpoint) = try await CLIHarness.simulator()
        defer { Task { await simulator.stop() } }
        var environment = CLIHarness.credentials
        environment["HUAWEICLOUD_SDK_SK"] = "not-the-secret"
        let live = harness.arguments(["--endpoint", endpoint, "--metrics-file", metrics], report: "live.csv")
        #expect(try await harness.run(live, environment: environment) == .authenticationFailed)
        let samples = try Self.samples(metrics)
        #expect(
            Set(samples.keys) == [
                "ges_idle_stop_last_run_timestamp_seconds", "ges_idle_stop_last_run_exit_status",
                "ges_idle_stop_run_duration_seconds",
            ]
        )
        #expect(samples["ges_idle_stop_last_run_exit_status"] == "3")
        let ended = try #require(Double(samples["ges_idle_stop_last_run_timestamp_seconds"]!))
        #expect(abs(ended - Date().timeIntervalSince1970) < 120)
    }

    @Test func badInputWritesTheMetricsFileNamedInTheConfigRelativeToIt() async throws {
        let harness = try CLIHarness()
        let config = harness.path("etc/ges-idle-stop.yml")
        try FileManager.default.createDirectory(atPath: harness.path("etc"), withIntermediateDirectories: true)
        try "metrics_file: metrics/run.prom\n".write(toFile: config, atomically: true, encoding: .utf8)
        var arguments = harness.arguments(["--dry-run", "--inventory", CLIHarness.fleet, "--config", config])
        arguments[arguments.firstIndex(of: CLIHarness.policy)!] = harness.path("missing.yml")
        #expect(try await harness.run(arguments) == .badInput)
        #expect(try Self.samples(harness.path("etc/metrics/run.prom"))["ges_idle_stop_last_run_exit_status"] == "1")
    }

    @Test func runRefusedByTheLockLeavesTheLastRunsFile() async throws {
        let harness = try CLIHarness()
        let metrics = harness.path("ges-idle-stop.prom")
        let arguments = harness.arguments(["--dry-run", "--inventory", CLIHarness.fleet, "--metrics-file", metrics])
        #expect(try await harness.run(arguments) == .done)
        let before = try String(contentsOfFile: metrics, encoding: .utf8)
        let lock = try RunLock.acquire(path: harness.path("history.sqlite") + ".lock")
        defer { lock.release() }
        #expect(try await harness.run(arguments) == .locked)
        #expect(try String(contentsOfFile: metrics, encoding: .utf8) == before)
    }

    @Test func metricsFileThatCannotBeWrittenNeverHoldsTheStops() async throws {
        let harness = try CLIHarness()
        try "a file, not a folder".write(toFile: harness.path("blocker"), atomically: true, encoding: .utf8)
        let (simulator, endpoint) = try await CLIHarness.simulator()
        defer { Task { await simulator.stop() } }
        let arguments = harness.arguments(["--endpoint", endpoint, "--metrics-file", harness.path("blocker/m.prom")])
        #expect(try await harness.run(arguments, environment: CLIHarness.credentials) == .done)
        #expect(await CLIHarness.simulatorView(simulator).values.filter { $0.stops > 0 }.count == 3)
        #expect(try harness.reportRows().count == 12)
    }

    @Test(.enabled(if: hasPythonVenv, "needs python3 with venv and ensurepip to install prometheus_client"))
    func prometheusParserReadsNumbersThatAgreeWithTheReport() async throws {
        let harness = try CLIHarness()
        let (simulator, endpoint) = try await CLIHarness.simulator()
        defer { Task { await simulator.stop() } }
        let metrics = harness.path("ges-idle-stop.prom")
        let arguments = harness.arguments(["--endpoint", endpoint, "--wait", "--metrics-file", metrics])
        #expect(try await harness.run(arguments, environment: CLIHarness.credentials) == .done)
        #expect(try Self.samples(metrics)["ges_idle_stop_stops{result=\"confirmed\"}"] == "3")
        let script = CLIHarness.repository.appendingPathComponent("scripts/check-metrics")
        let result = try await ExecutableRun.run(
            [metrics, harness.path("report.csv"), "0"],
            executable: script,
            environment: ProcessInfo.processInfo.environment,
            in: harness.folder
        )
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("check-metrics: ok"), "\(result.stderr)")
    }
}
