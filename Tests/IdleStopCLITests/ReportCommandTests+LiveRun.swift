import Foundation
import GESSimulator
import GRDB
import IdleStopCore
import IdleStopTestSupport
import Testing

@testable import IdleStopCLI
@testable import IdleStopStorage

/// `report` next to a run: it reads while the run writes, and writes (migrates) only under the run lock.
extension ReportCommandTests {
    /// A fleet of `count` running dev graphs with no request for a day, and a policy that stops them all.
    static func idleFleet(count: Int, in harness: CLIHarness) throws -> (fleet: FleetDocument, arguments: [String]) {
        let example = try FleetDocument(contentsOf: URL(fileURLWithPath: CLIHarness.fleet))
        let sandbox = example.graphs.first { $0["name"]?.stringValue == "dev-social-sandbox" }
        guard case .object(let template)? = sandbox else { throw CocoaError(.fileReadCorruptFile) }
        let now = Int64(ReportFormat.date(from: CLIHarness.now)!.timeIntervalSince1970)
        var graphs: [JSONValue] = []
        var usage = "graph_id,period_start,period_seconds,requests,cpu_util\n"
        for index in 0..<count {
            let id = String(format: "00000000-0000-4000-8000-%012d", index)
            var graph = template
            graph["id"] = .string(id)
            graph["name"] = .string("idle-\(index)")
            graphs.append(.object(graph))
            for hour in 1...24 { usage += "\(id),\(now - Int64(hour) * 3600),3600,0,0.5\n" }
        }
        try usage.write(toFile: harness.path("idle-usage.csv"), atomically: true, encoding: .utf8)
        try """
        version: 1
        limits: { max_stops_per_run: \(count), max_stop_share: 1 }
        policies:
          - name: idle-day
            match:
              - idle: { window: 24h, max_requests: 0 }
            action: stop
        """.write(toFile: harness.path("idle.yml"), atomically: true, encoding: .utf8)
        let arguments = [
            "--policy", harness.path("idle.yml"), "--pricing", CLIHarness.pricing, "--usage",
            harness.path("idle-usage.csv"), "--now", CLIHarness.now, "--db", harness.path("history.sqlite"),
            "--report", harness.path("report.csv"), "--quiet",
        ]
        return (FleetDocument(graphs: graphs), arguments)
    }

    /// The number of decision rows, read through a connection of the test's own; nil while there is no history.
    static func decisionCount(_ path: String) -> Int? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        return try? DatabaseQueue(path: path, configuration: configuration).read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM decisions")
        }
    }

    /// Reports in a loop during a live run of 200 stops: each succeeds, and the run records every intent and
    /// outcome and exits 0.
    @Test func reportsDuringALiveRunNeitherFailNorDisturbIt() async throws {
        let (fleet, arguments) = try Self.idleFleet(count: 200, in: harness)
        let (simulator, endpoint) = try await Simulator.startOnLoopback(
            SimulatorConfiguration(
                fleet: fleet,
                projectID: CLIHarness.projectID,
                accessKey: CLIHarness.accessKey,
                secretKey: CLIHarness.secretKey,
                jobDelay: 0.05,
                faults: FaultSettings(latencyMilliseconds: 5),
                seed: 7,
                clock: CLIHarness.nowDate
            )
        )
        defer { Task { await simulator.stop() } }
        let path = database
        let reports = Task.detached { () -> [IdleStopCLI.ExitStatus] in
            var statuses: [IdleStopCLI.ExitStatus] = []
            while !Task.isCancelled {
                if (Self.decisionCount(path) ?? 0) > 0 {
                    let command = try ReportCommand.parse(["--db", path, "--by", "run", "--since", "3650d"])
                    statuses.append(ReportCommand.execute(command, environment: [:], now: Date()) { _ in })
                }
                try? await Task.sleep(for: .milliseconds(5))
            }
            return statuses
        }
        let outcome = try await harness.outcome(
            arguments + ["--endpoint", endpoint, "--concurrency", "2"],
            environment: CLIHarness.credentials
        )
        reports.cancel()
        let statuses = try await reports.value

        #expect(outcome.status == .done)
        #expect(outcome.summary.stopped == 200)
        #expect(statuses.count >= 3, "only \(statuses.count) reports ran during the run")
        #expect(statuses.allSatisfy { $0 == .done }, "\(statuses)")
        let (recorded, exitStatus) = try await DatabaseQueue(path: path).read { db in
            (
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT COUNT(*) FROM decisions WHERE result = 'requested'
                        AND sent_at IS NOT NULL AND answered_at IS NOT NULL
                        """
                ),
                try Int.fetchOne(db, sql: "SELECT exit_status FROM runs WHERE finished_at IS NOT NULL")
            )
        }
        #expect(recorded == 200)
        #expect(exitStatus == 0)
        #expect(await CLIHarness.simulatorView(simulator).values.map(\.stops).reduce(0, +) == 200)
    }

    /// A history at an older schema is upgraded by `report` only while it holds the run lock.
    @Test func anOlderHistoryIsMigratedOnlyUnderTheRunLock() throws {
        let queue = try DatabaseQueue(path: database)
        try HistoryStore.migrator.migrate(queue, upTo: "v1")
        try queue.close()
        func applied() throws -> [String] {
            try DatabaseQueue(path: database).read { try HistoryStore.migrator.appliedMigrations($0) }
        }

        let lock = try RunLock.acquire(path: RunLock.path(forDatabase: database))
        let (refused, _) = try report(["--db", database])
        #expect(refused == .locked)
        #expect(try applied() == ["v1"])  // nothing written while a run may be writing
        lock.release()

        let (status, _) = try report(["--db", database, "--by", "run"])
        #expect(status == .done)
        #expect(try applied() == HistoryStore.migrator.migrations)
    }
}
