import Foundation
import GESKit
import GESSimulator
import IdleStopCore
import IdleStopTestSupport
import InMemoryLogging
import Logging
import Testing

@testable import IdleStopCLI

/// `--usage cloud-eye` end to end: the same usage fed as a CSV file and served by `ges-sim` as Cloud Eye
/// must decide the same; gaps stay gaps; a Cloud Eye that cannot be read fails the run before any stop.
@Suite struct UsageCollectorTests {
    /// Report columns that differ between two runs by construction: the run's identity and clock.
    static let runColumns: Set<String> = ["run_id", "evaluated_at"]

    @Test func csvAndCloudEyeGiveTheSameReportRowByRow() async throws {
        let harness = try CLIHarness()
        let (simulator, endpoint) = try await CLIHarness.cloudEyeSimulator()
        defer { Task { await simulator.stop() } }

        let csv = try await harness.outcome(
            harness.usageArguments(csv: CLIHarness.usage, endpoint: endpoint, ["--dry-run"], report: "csv.csv"),
            environment: CLIHarness.credentials
        )
        let cloud = try await harness.outcome(
            harness.usageArguments(cloudEye: endpoint, ["--dry-run"], report: "cloud-eye.csv"),
            environment: CLIHarness.credentials
        )
        #expect(csv.status == .done)
        #expect(cloud.status == .done)

        let csvRows = try harness.reportRows("csv.csv")
        let cloudRows = try harness.reportRows("cloud-eye.csv")
        #expect(csvRows.count == 12)
        // No column names the usage source, so every column but the run's own must agree.
        Self.expectSameRows(csvRows, cloudRows)
        #expect(csv.summary == cloud.summary)
        // The decisions are not trivially equal: the example data reaches every kind.
        let kinds = Set(cloudRows.compactMap { $0["decision"] })
        #expect(kinds == ["stop", "keep", "skip", "flag"])
        #expect(await CLIHarness.simulatorView(simulator).values.allSatisfy { $0.stops == 0 })
    }

    @Test func liveCloudEyeRunStopsExactlyTheGraphsTheCSVDryRunWould() async throws {
        let harness = try CLIHarness()
        let (simulator, endpoint) = try await CLIHarness.cloudEyeSimulator()
        defer { Task { await simulator.stop() } }

        _ = try await harness.outcome(
            harness.usageArguments(csv: CLIHarness.usage, endpoint: endpoint, ["--dry-run"], report: "dry.csv"),
            environment: CLIHarness.credentials
        )
        let live = try await harness.outcome(
            harness.usageArguments(cloudEye: endpoint, ["--wait"], report: "live.csv"),
            environment: CLIHarness.credentials
        )
        #expect(live.status == .done)

        let planned = Set(
            try harness.reportRows("dry.csv").filter { $0["decision"] == "stop" }.map { $0["graph_name"]! }
        )
        let view = await CLIHarness.simulatorView(simulator)
        let stopped = Set(view.filter { $0.value.stops > 0 }.keys)
        #expect(planned == ["dev-social-sandbox", "analytics-weekly", "test-ranking-hm"])
        #expect(stopped == planned)
        #expect(view.values.allSatisfy { $0.stops <= 1 })
        let confirmed = try harness.reportRows("live.csv").filter { $0["result"] == "confirmed" }
        #expect(Set(confirmed.map { $0["graph_name"]! }) == planned)
    }

    @Test func graphWithoutDatapointsForPartOfTheWindowIsKeptForInsufficientData() async throws {
        let harness = try CLIHarness()
        // test-ranking-hm served zero requests all week (the examples stop it); take away its last 20 hours:
        // 4 of 24 hours covered, 148 of 168 hours covered, both under the 90% the policies require.
        let graph = Self.exampleGraphID("test-ranking-hm")
        let now = try #require(TimestampParser.parse(CLIHarness.now))
        try Self.writeUsage(to: harness.path("gappy.csv")) { graphID, start in
            graphID != graph || start < now - 20 * 3600
        }
        let (simulator, endpoint) = try await CLIHarness.cloudEyeSimulator(usage: harness.path("gappy.csv"))
        defer { Task { await simulator.stop() } }

        let csv = try await harness.outcome(
            harness.usageArguments(
                csv: harness.path("gappy.csv"),
                endpoint: endpoint,
                ["--dry-run"],
                report: "csv.csv"
            ),
            environment: CLIHarness.credentials
        )
        let live = try await harness.outcome(
            harness.usageArguments(cloudEye: endpoint, ["--wait"], report: "live.csv"),
            environment: CLIHarness.credentials
        )
        #expect(csv.status == .done)
        #expect(live.status == .done)

        for name in ["csv.csv", "live.csv"] {
            let row = try #require(try harness.reportRows(name).first { $0["graph_id"] == graph })
            #expect(row["decision"] == "keep", "\(name)")
            #expect(
                row["reason"] == "insufficient usage data: 16% of 24h covered, 90% required (policy idle-dev-graphs)"
            )
            #expect(row["coverage"] == "0.1666", "\(name)")
        }
        // The week is 88% covered, so idle-a-week cannot stop it either; and every other graph decides as before.
        Self.expectSameRows(
            try harness.reportRows("csv.csv"),
            try harness.reportRows("live.csv"),
            ignoring: [
                "mode", "result", "job_id",
            ]
        )
        let view = await CLIHarness.simulatorView(simulator)
        #expect(view["test-ranking-hm"]?.stops == 0)
        #expect(view["test-ranking-hm"]?.status == "200")
        #expect(Set(view.filter { $0.value.stops > 0 }.keys) == ["dev-social-sandbox", "analytics-weekly"])
    }

    /// The one legitimate difference: `last_activity` is the end of the latest period with requests among the
    /// records read. A CSV export may reach further back than the policies' longest window; Cloud Eye is asked
    /// for that window only (7d here), so activity older than it is unknown to the Cloud Eye run. No decision
    /// or reason uses it: both runs decide the same, and only `last_activity` and `idle_hours` differ.
    @Test func lastActivityOlderThanTheLongestWindowIsKnownOnlyFromALongerCSV() async throws {
        let harness = try CLIHarness()
        // prod-search-quiet: its requests every ten hours stop a week before --now (the file holds eight days).
        let graph = Self.exampleGraphID("prod-search-quiet")
        let now = try #require(TimestampParser.parse(CLIHarness.now))
        try Self.writeUsage(
            to: harness.path("old-activity.csv"),
            requests: { graphID, start in graphID == graph && start >= now - 168 * 3600 ? 0 : nil }
        )
        let (simulator, endpoint) = try await CLIHarness.cloudEyeSimulator(usage: harness.path("old-activity.csv"))
        defer { Task { await simulator.stop() } }

        _ = try await harness.outcome(
            harness.usageArguments(
                csv: harness.path("old-activity.csv"),
                endpoint: endpoint,
                ["--dry-run"],
                report: "csv.csv"
            ),
            environment: CLIHarness.credentials
        )
        _ = try await harness.outcome(
            harness.usageArguments(cloudEye: endpoint, ["--dry-run"], report: "cloud-eye.csv"),
            environment: CLIHarness.credentials
        )
        let csvRows = try harness.reportRows("csv.csv")
        let cloudRows = try harness.reportRows("cloud-eye.csv")
        Self.expectSameRows(csvRows, cloudRows, ignoring: ["last_activity", "idle_hours"])
        let csvRow = try #require(csvRows.first { $0["graph_id"] == graph })
        let cloudRow = try #require(cloudRows.first { $0["graph_id"] == graph })
        #expect(csvRow["decision"] == "flag")
        #expect(csvRow["last_activity"] == "2026-11-20T01:00:00Z")
        #expect(cloudRow["last_activity"] == "none in the window", "Cloud Eye saw no request in the windows it read")
        for (a, b) in zip(csvRows, cloudRows) where a["graph_id"] != graph {
            #expect(a["last_activity"] == b["last_activity"])
            #expect(a["idle_hours"] == b["idle_hours"])
        }
    }

    @Test func graphMissingFromTheCloudEyeAnswerFailsTheRunBeforeAnyStop() async throws {
        let harness = try CLIHarness()
        let missing = Self.exampleGraphID("prod-search-quiet")
        let (simulator, endpoint) = try await CLIHarness.cloudEyeSimulator(
            faults: CloudEyeFaults(omittedGraphIDs: [missing])
        )
        defer { Task { await simulator.stop() } }

        let arguments = harness.usageArguments(cloudEye: endpoint, ["--wait"])
        await #expect {
            _ = try await harness.outcome(arguments, environment: CLIHarness.credentials)
        } throws: { error in
            guard let error = error as? CommandError else { return false }
            return error.status == .cloudUnreadable && error.description.contains("graph \(missing) missing")
                && error.description.contains("No stop was sent.")
        }
        #expect(try await harness.run(arguments, environment: CLIHarness.credentials) == .cloudUnreadable)
        #expect(!FileManager.default.fileExists(atPath: harness.path("report.csv")))
        #expect(await CLIHarness.simulatorView(simulator).values.allSatisfy { $0.stops == 0 })
    }

    @Test(arguments: [500, 503, 429])
    func cloudEyeErrorsAfterRetriesFailTheRunBeforeAnyStop(status: Int) async throws {
        let harness = try CLIHarness()
        let (simulatorLogger, simulatorLog) = InMemoryLogHandler.logger(label: "ges-sim", level: .info)
        let (simulator, endpoint) = try await CLIHarness.cloudEyeSimulator(
            faults: CloudEyeFaults(failureStatus: status),
            logger: simulatorLogger
        )
        defer { Task { await simulator.stop() } }
        // Two attempts, at most half a second apart (full jitter on a 0.5 s base); the generous time budget keeps
        // the retry from being skipped when a loaded machine makes the first attempt slow.
        try "retries: { max_attempts: 2, max_seconds: 60 }\n".write(
            toFile: harness.path("config.yml"),
            atomically: true,
            encoding: .utf8
        )

        let arguments = harness.usageArguments(cloudEye: endpoint, ["--config", harness.path("config.yml")])
        await #expect {
            _ = try await harness.outcome(arguments, environment: CLIHarness.credentials)
        } throws: { error in
            guard let error = error as? CommandError else { return false }
            return error.status == .cloudUnreadable && error.description.contains("Cloud Eye")
                && error.description.contains("No stop was sent.")
        }
        // One batch query (10 running graphs × 168 hourly points fit one call), sent twice: retried, then given up.
        #expect(simulatorLog.entries.filter { $0.message.description.contains("(Cloud Eye fault)") }.count == 2)
        #expect(try await harness.run(arguments, environment: CLIHarness.credentials) == .cloudUnreadable)
        #expect(!FileManager.default.fileExists(atPath: harness.path("report.csv")))
        #expect(await CLIHarness.simulatorView(simulator).values.allSatisfy { $0.stops == 0 })
    }

    @Test func cloudEyeCannotBeMixedWithCSVSources() async throws {
        let harness = try CLIHarness()
        let (simulator, endpoint) = try await CLIHarness.cloudEyeSimulator()
        defer { Task { await simulator.stop() } }
        var arguments = harness.usageArguments(cloudEye: endpoint, [])
        arguments += ["--usage", CLIHarness.usage]
        #expect(try await harness.run(arguments, environment: CLIHarness.credentials) == .badInput)
        #expect(await CLIHarness.simulatorView(simulator).values.allSatisfy { $0.stops == 0 })
    }

    // MARK: - Helpers

    /// Expects two reports to hold the same rows in the same order, apart from the run's columns and `ignoring`.
    static func expectSameRows(
        _ first: [[String: String]],
        _ second: [[String: String]],
        ignoring: Set<String> = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(first.count == second.count, sourceLocation: sourceLocation)
        for (a, b) in zip(first, second) {
            #expect(a.keys.sorted() == b.keys.sorted(), sourceLocation: sourceLocation)
            for column in a.keys.sorted() where !runColumns.contains(column) && !ignoring.contains(column) {
                #expect(
                    a[column] == b[column],
                    "graph \(a["graph_name"] ?? "?"), column \(column)",
                    sourceLocation: sourceLocation
                )
            }
        }
    }

    /// The ID `scripts/make-examples` gives an example graph (a UUIDv5 of its name).
    static func exampleGraphID(_ name: String) -> String {
        let fleet = try? FleetDocument(contentsOf: URL(fileURLWithPath: CLIHarness.fleet))
        let graph = fleet?.graphs.first { $0["name"]?.stringValue == name }
        return graph?["id"]?.stringValue ?? "unknown-\(name)"
    }

    /// Writes examples/usage.csv to `path`, keeping the rows for which `keep(graphID, periodStart)` holds and
    /// replacing the requests of a kept row by `requests(graphID, periodStart)` when that gives a value.
    static func writeUsage(
        to path: String,
        keep: (String, Int64) -> Bool = { _, _ in true },
        requests: (String, Int64) -> Int? = { _, _ in nil }
    ) throws {
        let lines = try String(contentsOfFile: CLIHarness.usage, encoding: .utf8).split(separator: "\n")
        var kept = [String(lines[0])]
        for line in lines.dropFirst() {
            var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard let start = TimestampParser.parse(fields[1]), keep(fields[0], start) else { continue }
            if let value = requests(fields[0], start) { fields[3] = String(value) }
            kept.append(fields.joined(separator: ","))
        }
        try (kept.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }
}

extension CLIHarness {
    /// `ges-sim` in-process with the example fleet, serving Cloud Eye from `usage` with `faults`.
    fileprivate static func cloudEyeSimulator(
        usage: String = CLIHarness.usage,
        faults: CloudEyeFaults = .none,
        logger: Logger = .discarding("ges-sim")
    ) async throws -> (Simulator, String) {
        try await simulator(usage: usage, cloudEyeFaults: faults, logger: logger)
    }

    /// A run over the example policies with usage from a CSV file, inventory from GES at `endpoint`.
    fileprivate func usageArguments(
        csv: String,
        endpoint: String,
        _ extra: [String],
        report: String = "report.csv"
    )
        -> [String]
    {
        base(report: report) + ["--usage", csv, "--endpoint", endpoint] + extra
    }

    /// A run over the example policies with usage from Cloud Eye; GES and Cloud Eye are both `endpoint`.
    fileprivate func usageArguments(
        cloudEye endpoint: String,
        _ extra: [String],
        report: String = "report.csv"
    )
        -> [String]
    {
        base(report: report) + ["--usage", "cloud-eye", "--ces-endpoint", endpoint, "--endpoint", endpoint] + extra
    }

    private func base(report: String) -> [String] {
        [
            "--policy", Self.policy, "--pricing", Self.pricing, "--now", Self.now, "--db", path("history.sqlite"),
            "--report", path(report), "--quiet",
        ]
    }
}
