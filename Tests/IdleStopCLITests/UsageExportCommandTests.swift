import Foundation
import GESSimulator
import IdleStopCore
import IdleStopStorage
import Logging
import Testing

@testable import IdleStopCLI

/// `usage export` and `run --save-usage` against `ges-sim`: what they write reads back, through the CSV usage
/// reader, as exactly the usage the fetched records say, and exactly what the original usage file says.
@Suite struct UsageExportCommandTests {
    @Test func exportAndSavedUsageReadBackAsTheFetchedRecordsSay() async throws {
        let harness = try CLIHarness()
        let (simulator, endpoint) = try await CLIHarness.exportSimulator()
        defer { Task { await simulator.stop() } }

        let run = try await harness.outcome(
            harness.exportRunArguments(endpoint: endpoint, ["--dry-run", "--save-usage", harness.path("saved.csv")]),
            environment: CLIHarness.credentials
        )
        #expect(run.status == .done)
        let export = try UsageExportCommand.parse(harness.exportArguments(endpoint: endpoint, out: "export.csv"))
        #expect(await export.execute(environment: CLIHarness.credentials, logger: CLIHarness.logger) == .done)

        // The records the run fetched, as kept in its SQLite history.
        let fetched = try HistoryStore(path: harness.path("history.sqlite")).usageRecords(runID: run.run.id)
        let running = Self.runningGraphIDs()
        #expect(Set(fetched.map(\.graphID)) == running)
        #expect(fetched.allSatisfy { $0.periodSeconds == 3600 })
        let query = UsageQuery(
            now: Instant(unixSeconds: try #require(TimestampParser.parse(CLIHarness.now))),
            windows: [.hours(24), .days(7)],
            graphIDs: running
        )
        var aggregator = UsageAggregator(query: query)
        for record in fetched { aggregator.add(record) }
        let expected = aggregator.summary().graphs

        let exported = try Self.read(harness.path("export.csv"), query: query)
        let saved = try Self.read(harness.path("saved.csv"), query: query)
        #expect(exported.graphs == expected)
        #expect(saved.graphs == expected)
        #expect(exported.rowsRead == fetched.count)
        #expect(
            try String(contentsOfFile: harness.path("export.csv"), encoding: .utf8)
                == String(contentsOfFile: harness.path("saved.csv"), encoding: .utf8)
        )

        // And the same as the usage file ges-sim served, for every graph Cloud Eye was asked about.
        let original = try Self.read(CLIHarness.usage, query: query)
        for graphID in running.sorted() {
            let fromFile = original.graphs[graphID]
            let fromCloud = exported.graphs[graphID]
            for window in [TimeSpan.hours(24), .days(7)] {
                #expect(fromCloud?.usage(over: window).requests == fromFile?.usage(over: window).requests)
                #expect(fromCloud?.usage(over: window).coveredSeconds == fromFile?.usage(over: window).coveredSeconds)
            }
            #expect(fromCloud?.lastActivity == fromFile?.lastActivity, "\(graphID)")
        }
        #expect(await CLIHarness.simulatorView(simulator).values.allSatisfy { $0.stops == 0 })
    }

    @Test func exportOfAGraphMissingFromTheAnswerFailsWithExitFiveAndWritesNothing() async throws {
        let harness = try CLIHarness()
        let (simulator, endpoint) = try await CLIHarness.exportSimulator(
            faults: CloudEyeFaults(omittedGraphIDs: [Self.graphID("dev-fraud-busy")])
        )
        defer { Task { await simulator.stop() } }
        let export = try UsageExportCommand.parse(harness.exportArguments(endpoint: endpoint, out: "export.csv"))
        #expect(
            await export.execute(environment: CLIHarness.credentials, logger: CLIHarness.logger) == .cloudUnreadable
        )
        #expect(!FileManager.default.fileExists(atPath: harness.path("export.csv")))
    }

    @Test func exportWhenCloudEyeKeepsFailingExitsFiveAndWritesNothing() async throws {
        let harness = try CLIHarness()
        let (simulator, endpoint) = try await CLIHarness.exportSimulator(faults: CloudEyeFaults(failureStatus: 503))
        defer { Task { await simulator.stop() } }
        try "retries: { max_attempts: 2, max_seconds: 60 }\n".write(
            toFile: harness.path("config.yml"),
            atomically: true,
            encoding: .utf8
        )
        let export = try UsageExportCommand.parse(
            harness.exportArguments(endpoint: endpoint, out: "export.csv") + ["--config", harness.path("config.yml")]
        )
        #expect(
            await export.execute(environment: CLIHarness.credentials, logger: CLIHarness.logger) == .cloudUnreadable
        )
        #expect(!FileManager.default.fileExists(atPath: harness.path("export.csv")))
    }

    @Test(arguments: ["7", "soon", "1y"])
    func exportRefusesASinceThatIsNotADuration(since: String) async throws {
        let harness = try CLIHarness()
        let export = try UsageExportCommand.parse(
            ["--since", since, "--out", harness.path("export.csv"), "--quiet"])
        #expect(await export.execute(environment: CLIHarness.credentials, logger: CLIHarness.logger) == .badInput)
        #expect(!FileManager.default.fileExists(atPath: harness.path("export.csv")))
    }

    @Test func exportAtAFinerPeriodCoversTheSameRequests() async throws {
        let harness = try CLIHarness()
        let (simulator, endpoint) = try await CLIHarness.exportSimulator()
        defer { Task { await simulator.stop() } }
        let hourly = try UsageExportCommand.parse(
            harness.exportArguments(endpoint: endpoint, out: "hourly.csv", since: "24h")
        )
        let fine = try UsageExportCommand.parse(
            harness.exportArguments(endpoint: endpoint, out: "fine.csv", since: "24h") + ["--period", "300"]
        )
        #expect(await hourly.execute(environment: CLIHarness.credentials, logger: CLIHarness.logger) == .done)
        #expect(await fine.execute(environment: CLIHarness.credentials, logger: CLIHarness.logger) == .done)
        let query = UsageQuery(
            now: Instant(unixSeconds: try #require(TimestampParser.parse(CLIHarness.now))),
            windows: [.hours(24)],
            graphIDs: Self.runningGraphIDs()
        )
        let a = try Self.read(harness.path("hourly.csv"), query: query)
        let b = try Self.read(harness.path("fine.csv"), query: query)
        #expect(b.rowsRead > a.rowsRead)
        for graphID in Self.runningGraphIDs() {
            #expect(a.graphs[graphID]?.usage(over: .hours(24)) == b.graphs[graphID]?.usage(over: .hours(24)))
        }
    }

    // MARK: - Helpers

    static func read(_ path: String, query: UsageQuery) throws -> UsageSummary {
        try UsageReader(query: query, logger: CLIHarness.logger, parallelism: 1).read(sources: [path])
    }

    static let fleet: [(id: String, name: String, status: String)] = {
        let document = try? FleetDocument(contentsOf: URL(fileURLWithPath: CLIHarness.fleet))
        return (document?.graphs ?? []).compactMap { graph in
            guard let id = graph["id"]?.stringValue, let name = graph["name"]?.stringValue,
                let status = graph["status"]?.stringValue
            else { return nil }
            return (id, name, status)
        }
    }()

    static func graphID(_ name: String) -> String { fleet.first { $0.name == name }?.id ?? "unknown-\(name)" }

    /// The example graphs Cloud Eye is asked about: the running ones.
    static func runningGraphIDs() -> Set<String> { Set(fleet.filter { $0.status == "200" }.map(\.id)) }
}

extension CLIHarness {
    /// `ges-sim` in-process with the example fleet, serving Cloud Eye from examples/usage.csv with `faults`.
    fileprivate static func exportSimulator(faults: CloudEyeFaults = .none) async throws -> (Simulator, String) {
        try await simulator(usage: usage, cloudEyeFaults: faults)
    }

    /// `usage export` of the example fleet's usage from `endpoint` (GES and Cloud Eye) to `out` in this folder.
    fileprivate func exportArguments(endpoint: String, out: String, since: String = "7d") -> [String] {
        [
            "--since", since, "--out", path(out), "--endpoint", endpoint, "--ces-endpoint", endpoint, "--now",
            Self.now, "--quiet",
        ]
    }

    /// `run` over the example policies with usage from Cloud Eye at `endpoint`.
    fileprivate func exportRunArguments(endpoint: String, _ extra: [String]) -> [String] {
        [
            "--policy", Self.policy, "--pricing", Self.pricing, "--usage", "cloud-eye", "--endpoint", endpoint,
            "--ces-endpoint", endpoint, "--now", Self.now, "--db", path("history.sqlite"), "--report",
            path("report.csv"), "--quiet",
        ] + extra
    }
}
