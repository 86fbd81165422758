import Foundation
import GESKit
import GESSimulator
import IdleStopTestSupport
import Testing

/// Concurrent paths of the release executable, run many times against a jittery `ges-sim`: every run must
/// decide, stop and export exactly the same (issue 9: one run hides what fifty find).
@Suite struct RepeatedRunTests {
    static let now = "2026-11-27T02:00:00Z"
    static let nowSeconds: Int64 = 1_795_744_800
    static let week: Int64 = 7 * 86_400

    /// Stops dev/test graphs idle for a day and staging graphs quiet for a week; flags idle prod graphs.
    static let policy = """
        version: 1
        limits: { max_stops_per_run: 1000, max_stop_share: 1 }
        protect:
          tags: { keep-running: "true" }
        policies:
          - name: idle-day
            match:
              - tag: { key: env, in: [dev, test] }
              - idle: { window: 24h, max_requests: 0 }
            action: stop
          - name: idle-week
            match:
              - tag: { key: env, in: [staging] }
              - idle: { window: 7d, max_requests: 20 }
            action: stop
          - name: flag-prod
            match:
              - tag: { key: env, in: [prod] }
              - idle: { window: 24h }
            action: report

        """

    /// The columns that carry a decision; run IDs and job IDs differ from run to run by design.
    static let decisionColumns = [
        "graph_id", "status", "policy", "decision", "result", "reason", "requests_in_window", "window_hours",
        "coverage", "hourly_price", "projected_savings",
    ]

    struct Setup {
        var harness: CLIHarness
        var fleet: SyntheticFleet
        var simulator: Simulator
        var endpoint: String
        var policyPath: String
        var usagePath: String
        var records: [SimulatedUsage.Record]
    }

    /// A fleet of `count` graphs whose week of usage `ges-sim` serves as Cloud Eye data, with answers
    /// delayed by a random 0–`jitter` ms.
    static func setUp(count: Int, seed: UInt64, jitter: Int) async throws -> Setup {
        let harness = try CLIHarness()
        let fleet = SyntheticFleet(count: count, seed: seed)
        let records = fleet.records(from: nowSeconds - week, to: nowSeconds)
        let (simulator, endpoint) = try await Simulator.startOnLoopback(
            SimulatorConfiguration(
                fleet: fleet.fleetDocument,
                projectID: CLIHarness.projectID,
                accessKey: CLIHarness.accessKey,
                secretKey: CLIHarness.secretKey,
                jobDelay: 0.05,
                faults: FaultSettings(jitterMilliseconds: jitter),
                seed: seed,
                usage: SimulatedUsage(records: records)
            )
        )
        await simulator.setClock(to: Date(timeIntervalSince1970: TimeInterval(nowSeconds + 10)))
        let policyPath = harness.path("policy.yml")
        try policy.write(toFile: policyPath, atomically: true, encoding: .utf8)
        let usagePath = harness.path("usage.csv")
        try SyntheticFleet.csv(records).write(toFile: usagePath, atomically: true, encoding: .utf8)
        return Setup(
            harness: harness,
            fleet: fleet,
            simulator: simulator,
            endpoint: endpoint,
            policyPath: policyPath,
            usagePath: usagePath,
            records: records
        )
    }

    /// `run` arguments for one run numbered `index`, with its own database and report.
    static func runArguments(_ setup: Setup, index: Int, usage: String, extra: [String] = []) -> [String] {
        [
            "run", "--policy", setup.policyPath, "--pricing", CLIHarness.pricing, "--usage", usage,
            "--endpoint", setup.endpoint, "--ces-endpoint", setup.endpoint, "--now", now,
            "--db", setup.harness.path("history-\(index).sqlite"), "--report",
            setup.harness.path("report-\(index).csv"),
            "--quiet",
        ] + extra
    }

    /// The report's decision columns, one line per graph.
    static func decisions(_ setup: Setup, index: Int) throws -> [String] {
        try setup.harness.reportRows("report-\(index).csv").map { row in
            decisionColumns.map { row[$0] ?? "<missing>" }.joined(separator: " | ")
        }
    }

    /// 100 Cloud Eye runs in all, over fleets that need 2, 3 and 20 batch queries (issue 9's bar).
    @Test(arguments: [
        (count: 20, batches: 2, runs: 40), (count: 40, batches: 3, runs: 40), (count: 335, batches: 20, runs: 20),
    ])
    func cloudEyeDecidesLikeTheCSVPathInEveryRun(count: Int, batches: Int, runs: Int) async throws {
        try #require(FileManager.default.isExecutableFile(atPath: ExecutableRun.executable.path))
        let setup = try await Self.setUp(count: count, seed: UInt64(count), jitter: 40)
        defer { Task { await setup.simulator.stop() } }
        let plan = CloudEyeQueryPlan.plan(
            graphIDs: setup.fleet.members.map(\.id),
            from: Date(timeIntervalSince1970: TimeInterval(Self.nowSeconds - Self.week)),
            to: Date(timeIntervalSince1970: TimeInterval(Self.nowSeconds)),
            period: .oneHour
        )
        #expect(plan.count == batches, "this fleet size is meant to need \(batches) batch queries")

        let reference = try await ExecutableRun.run(
            Self.runArguments(setup, index: 0, usage: setup.usagePath, extra: ["--dry-run"]),
            environment: CLIHarness.credentials,
            in: setup.harness.folder
        )
        try #require(reference.status == 0, "\(reference.stderr)")
        let expected = try Self.decisions(setup, index: 0)
        try #require(expected.count == count)
        #expect(expected.contains { $0.contains("| stop | dry-run |") }, "the fleet should have idle graphs to stop")

        for index in 1...runs {
            let result = try await ExecutableRun.run(
                Self.runArguments(setup, index: index, usage: "cloud-eye", extra: ["--dry-run"]),
                environment: CLIHarness.credentials,
                in: setup.harness.folder
            )
            try #require(result.status == 0, "run \(index) of \(runs): exit \(result.status): \(result.stderr)")
            let got = try Self.decisions(setup, index: index)
            let differing = zip(expected, got).filter { $0 != $1 }.map { "expected \($0)\n     got \($1)" }
            try #require(
                got.count == expected.count && differing.isEmpty,
                "run \(index) of \(runs) (\(batches) batches) differs from the CSV path:\n\(differing.prefix(5).joined(separator: "\n"))"
            )
        }
    }

    @Test func concurrentStopsWithJobPollingGiveTheSameOutcomeInEveryRun() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: ExecutableRun.executable.path))
        let setup = try await Self.setUp(count: 40, seed: 40, jitter: 30)
        defer { Task { await setup.simulator.stop() } }
        var expected: [String]?
        var expectedStops: Set<String> = []
        for index in 1...50 {
            // Everything running again, the clock back at the evaluation instant: each run meets the same fleet.
            for member in setup.fleet.members { await setup.simulator.setStatus("200", of: member.id) }
            await setup.simulator.setClock(to: Date(timeIntervalSince1970: TimeInterval(Self.nowSeconds + 10)))
            let before = try await Self.stopRequestCounts(setup.simulator)

            let result = try await ExecutableRun.run(
                Self.runArguments(setup, index: index, usage: "cloud-eye", extra: ["--wait", "--concurrency", "8"]),
                environment: CLIHarness.credentials,
                in: setup.harness.folder
            )
            try #require(result.status == 0, "run \(index): exit \(result.status): \(result.stderr)")
            let got = try Self.decisions(setup, index: index)
            let after = try await Self.stopRequestCounts(setup.simulator)
            let stopped = Set(after.filter { $0.value != before[$0.key] }.keys)
            #expect(
                after.allSatisfy { $0.value - (before[$0.key] ?? 0) <= 1 },
                "run \(index): a graph got two stop requests"
            )
            let rows = try setup.harness.reportRows("report-\(index).csv")
            let confirmed = Set(rows.filter { $0["result"] == "confirmed" }.compactMap { $0["graph_id"] })
            #expect(confirmed == stopped, "run \(index): the report's confirmed stops are not what ges-sim received")
            if let expected {
                try #require(got == expected, "run \(index) decided or ended differently from run 1")
                try #require(stopped == expectedStops, "run \(index) stopped other graphs than run 1")
            } else {
                #expect(!stopped.isEmpty, "the fleet should have idle graphs to stop")
                expected = got
                expectedStops = stopped
            }
        }
    }

    @Test func usageExportWritesTheSameRecordsInEveryRun() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: ExecutableRun.executable.path))
        for (count, runs) in [(20, 20), (40, 20), (335, 10)] {
            let setup = try await Self.setUp(count: count, seed: UInt64(count) + 1, jitter: 40)
            defer { Task { await setup.simulator.stop() } }
            let served = Set(setup.records.map { "\($0.graphID),\($0.periodStart),\($0.periodSeconds),\($0.requests)" })
            var first: String?
            for index in 1...runs {
                let out = setup.harness.path("export-\(index).csv")
                let result = try await ExecutableRun.run(
                    [
                        "usage", "export", "--since", "7d", "--out", out, "--endpoint", setup.endpoint,
                        "--ces-endpoint", setup.endpoint, "--now", Self.now, "--quiet",
                    ],
                    environment: CLIHarness.credentials,
                    in: setup.harness.folder
                )
                try #require(result.status == 0, "export \(index) of \(runs) (\(count) graphs): \(result.stderr)")
                let text = try String(contentsOfFile: out, encoding: .utf8)
                if let first {
                    try #require(text == first, "export \(index) of \(runs) (\(count) graphs) differs from the first")
                } else {
                    let rows = CSVTable.rows(of: text).map { row in
                        let start = row["period_start"].flatMap { TimestampText.seconds($0) } ?? -1
                        return
                            "\(row["graph_id"] ?? ""),\(start),\(row["period_seconds"] ?? ""),\(row["requests"] ?? "")"
                    }
                    #expect(Set(rows) == served, "\(count) graphs: the export is not the records ges-sim served")
                    first = text
                }
            }
        }
    }

    /// Stop requests per graph ID that `ges-sim` has received so far.
    static func stopRequestCounts(_ simulator: Simulator) async throws -> [String: Int] {
        let state = await simulator.stateDocument()
        guard case .array(let graphs)? = state["graphs"] else { return [:] }
        var counts: [String: Int] = [:]
        for graph in graphs {
            guard let id = graph["id"]?.stringValue else { continue }
            if case .array(let list)? = graph["stop_requests"] { counts[id] = list.count } else { counts[id] = 0 }
        }
        return counts
    }
}

/// Reads the instants that usage CSVs carry: Unix seconds or ISO 8601 UTC.
enum TimestampText {
    static func seconds(_ text: String) -> Int64? {
        if let value = Int64(text) { return value }
        guard let date = try? Date(text, strategy: .iso8601) else { return nil }
        return Int64(date.timeIntervalSince1970)
    }
}
