import Foundation
import GESSimulator
import GRDB
import IdleStopCore
import IdleStopStorage
import Testing

@testable import IdleStopCLI

/// `kill -9` of the real executable at several moments of a live run; the history must stay truthful.
@Suite struct CrashSafetyTests {
    static let sandbox = "999841db-fdc7-522f-bd62-619eb7135d82"  // dev-social-sandbox

    /// The built `ges-idle-stop`, next to the test bundle (`swift build --build-tests` builds it).
    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
            "ges-idle-stop"
        )
    }

    func launch(_ arguments: [String], environment: [String: String]) throws -> Process {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = ["run"] + arguments
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    func killHard(_ process: Process) {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Polls `condition` every 50 ms for up to `seconds`.
    func eventually(_ seconds: Double = 30, _ condition: () throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if (try? condition()) == true { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    @Test func killedWhileAStopIsInFlightLeavesUnknownAndTheNextRunReconciles() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable.path))
        let harness = try CLIHarness()
        // The sandbox's stop request gets no answer for a minute.
        let faults = FaultSettings(scripts: [
            Self.sandbox: [ScriptedAnswer(status: 200, body: ["job_id": "never"], delayMilliseconds: 60_000)]
        ])
        let (simulator, endpoint) = try await CLIHarness.simulator(faults: faults)
        defer { Task { await simulator.stop() } }
        let process = try launch(harness.arguments(["--endpoint", endpoint]), environment: CLIHarness.credentials)

        let db = harness.path("history.sqlite")
        let inFlight = try await eventually {
            guard FileManager.default.fileExists(atPath: db) else { return false }
            let queue = try DatabaseQueue(path: db)
            return try queue.read { db in
                try Int.fetchOne(
                    db,
                    sql: "SELECT COUNT(*) FROM decisions WHERE graph_id = ? AND result = 'unknown'",
                    arguments: [Self.sandbox]
                ) == 1
            }
        }
        try #require(inFlight)
        killHard(process)

        let queue = try DatabaseQueue(path: db)
        let (runs, finished, sentAt, rows) = try await queue.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM runs"),
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM runs WHERE finished_at IS NOT NULL"),
                try String.fetchOne(
                    db,
                    sql: "SELECT sent_at FROM decisions WHERE graph_id = ?",
                    arguments: [Self.sandbox]
                ),
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM decisions")
            )
        }
        #expect(runs == 1)
        #expect(finished == 0)  // the run is visibly unfinished
        #expect(sentAt != nil)  // the intent was written before the request
        #expect(rows == 12)  // every decision of the run is there
        let reports = try FileManager.default.contentsOfDirectory(atPath: harness.folder.path).filter {
            $0.hasPrefix("report")
        }
        #expect(reports.isEmpty)  // no report, and no half-written one

        // The next run reads the graph's status: running, so the stop may never have taken effect, or the graph was
        // started again since; it stays a sent stop, with the reconciliation noted.
        _ = try await harness.outcome(
            harness.arguments(["--endpoint", endpoint], report: "next.csv"),
            environment: CLIHarness.credentials
        )
        let reconciled = try queue.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT result, error_msg FROM decisions WHERE graph_id = ? AND sent_at IS NOT NULL
                    ORDER BY sent_at LIMIT 1
                    """,
                arguments: [Self.sandbox]
            )
        }
        #expect(reconciled?["result"] == "requested")
        #expect((reconciled?["error_msg"] as String?)?.contains("reconciled by a later run") == true)
    }

    @Test func killedWhileReadingUsageLeavesNoRunAndNoReport() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable.path))
        let harness = try CLIHarness()
        let fifo = harness.path("usage.fifo")
        try #require(mkfifo(fifo, 0o600) == 0)
        var arguments = harness.arguments(["--dry-run", "--inventory", CLIHarness.fleet])
        arguments[arguments.firstIndex(of: CLIHarness.usage)!] = fifo
        let process = try launch(arguments, environment: [:])
        // Feed half the usage file, then kill while the reader waits for the rest.
        let writer = FileHandle(forWritingAtPath: fifo)
        let usage = try Data(contentsOf: URL(fileURLWithPath: CLIHarness.usage))
        writer?.write(usage.prefix(usage.count / 2))
        try await Task.sleep(for: .milliseconds(300))
        killHard(process)
        try? writer?.close()

        let db = harness.path("history.sqlite")
        if FileManager.default.fileExists(atPath: db) {
            let runs = try await DatabaseQueue(path: db).read { db in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM runs")
            }
            #expect(runs == 0)
        }
        #expect(!FileManager.default.fileExists(atPath: harness.path("report.csv")))
        // And the lock it held does not block the next run.
        #expect(try await harness.run(harness.arguments(["--dry-run", "--inventory", CLIHarness.fleet])) == .done)
    }

    /// While a run holds secrets it cannot leave a core file, whatever core limit it was started with.
    ///
    /// The job is started through `sh` with a core limit of 1 MiB, then blocks reading usage from a pipe;
    /// its `/proc/PID/limits` must say 0. Only the limit is checked: whether the process is dumpable
    /// (`PR_SET_DUMPABLE`) only the process itself can ask, and the root-owned `/proc` files it causes look
    /// no different when the tests run as root.
    @Test func aRunningJobHasNoCoreFileLimit() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable.path))
        let harness = try CLIHarness()
        var arguments = harness.arguments(["--dry-run", "--inventory", CLIHarness.fleet])
        arguments[arguments.firstIndex(of: CLIHarness.usage)!] = "-"
        let usage = Pipe()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "ulimit -S -c 1024; exec \"$0\" \"$@\"", Self.executable.path, "run"] + arguments
        process.environment = [:]
        process.standardInput = usage
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer {
            try? usage.fileHandleForWriting.close()
            killHard(process)
        }
        // The history exists once the run is past its start; it then waits for the usage on the pipe.
        let waiting = try await eventually { FileManager.default.fileExists(atPath: harness.path("history.sqlite")) }
        try #require(waiting && process.isRunning)
        let limits = try String(contentsOfFile: "/proc/\(process.processIdentifier)/limits", encoding: .utf8)
        let core = limits.split(separator: "\n").first { $0.hasPrefix("Max core file size") }
        let values = core?.dropFirst("Max core file size".count).split(separator: " ").prefix(2).map(String.init)
        #expect(values == ["0", "0"], "\(core ?? "no core line in /proc/PID/limits")")
    }

    /// `kill -9` at a sweep of moments across a whole live run (starting, reading, deciding, writing the
    /// history, stopping, writing the report): whatever the moment, the history tells the truth and the
    /// report is whole or absent; the next run finishes the job without stopping any graph twice.
    @Test(arguments: stride(from: 0, through: 1400, by: 100).map { $0 })
    func killedAtAnyMomentLeavesATruthfulHistoryAndTheNextRunFinishes(afterMilliseconds delay: Int) async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable.path))
        let harness = try CLIHarness()
        // 80 ms per answer stretches a live run over about a second, so the sweep lands in every phase.
        let (simulator, endpoint) = try await CLIHarness.simulator(faults: FaultSettings(latencyMilliseconds: 80))
        defer { Task { await simulator.stop() } }
        let process = try launch(
            harness.arguments(["--endpoint", endpoint, "--concurrency", "1"]),
            environment: CLIHarness.credentials
        )
        try await Task.sleep(for: .milliseconds(delay))
        killHard(process)

        let stopsSeen = await CLIHarness.simulatorView(simulator).filter { $0.value.stops > 0 }
        let db = harness.path("history.sqlite")
        // Stops whose intent was committed (sent_at) but that GES had not seen when the process died.
        var sentUnseen: Set<String> = []
        if FileManager.default.fileExists(atPath: db) {
            let queue = try DatabaseQueue(path: db)
            sentUnseen = try await queue.read { db in
                // Killed before the migrations committed: an empty database, and nothing may have been sent.
                guard try db.tableExists("runs") else {
                    #expect(stopsSeen.isEmpty, "GES saw a stop before the history existed (kill at \(delay) ms)")
                    return []
                }
                let runs = try Row.fetchAll(db, sql: "SELECT id, status, finished_at, graphs_seen FROM runs")
                #expect(runs.count <= 1)
                for run in runs {
                    let rows = try Int.fetchOne(
                        db,
                        sql: "SELECT COUNT(*) FROM decisions WHERE run_id = ?",
                        arguments: [run["id"] as String]
                    )
                    // Decisions go in one transaction: all of the run's graphs or none.
                    #expect(rows == 0 || rows == 12, "\(rows ?? -1) decision rows after a kill at \(delay) ms")
                    if run["status"] == "finished" {
                        #expect(run["finished_at"] as String? != nil)
                        #expect(rows == 12)
                    }
                }
                // An answer is never recorded for a request that was never sent.
                let answeredUnsent = try Int.fetchOne(
                    db,
                    sql: """
                        SELECT COUNT(*) FROM decisions WHERE sent_at IS NULL
                        AND result IN ('requested', 'confirmed', 'already-stopped', 'unknown')
                        """
                )
                #expect(answeredUnsent == 0)
                // The intent is committed before the request leaves: every stop GES saw has its intent.
                let intents = try String.fetchAll(
                    db,
                    sql: "SELECT graph_name FROM decisions WHERE sent_at IS NOT NULL"
                )
                #expect(Set(stopsSeen.keys).isSubset(of: Set(intents)), "kill at \(delay) ms")
                return Set(intents).subtracting(stopsSeen.keys)
            }
        } else {
            #expect(stopsSeen.isEmpty, "GES saw a stop but no history exists (kill at \(delay) ms)")
        }
        // The report is whole, or absent.
        if FileManager.default.fileExists(atPath: harness.path("report.csv")) {
            let rows = try harness.reportRows()
            #expect(rows.count == 12)
            #expect(rows.allSatisfy { $0.count == ReportColumn.allCases.count && $0["graph_id"]?.isEmpty == false })
        }

        // The next run reconciles and finishes: each idle graph stopped exactly once over both runs.
        let next = try await harness.outcome(
            harness.arguments(["--endpoint", endpoint], report: "next.csv"),
            environment: CLIHarness.credentials
        )
        #expect(next.status == .done)
        let view = await CLIHarness.simulatorView(simulator)
        // Every idle graph is stopped, except one whose stop was committed as sent but never reached GES: the next
        // run cannot tell that from a stop someone undid, so it counts it as sent (docs/SPEC.md §7, reconciling
        // `unknown`) and keeps the graph under the restart rule rather than risk stopping a graph in use.
        let stopped = Set(view.filter { $0.value.stops > 0 }.keys)
        let idle = Set(FaultRehearsalTests.idle.keys)
        #expect(stopped.isSubset(of: idle), "kill at \(delay) ms: \(view)")
        #expect(idle.subtracting(stopped).isSubset(of: sentUnseen), "kill at \(delay) ms: \(view)")
        for row in try harness.reportRows("next.csv") where idle.subtracting(stopped).contains(row["graph_name"] ?? "")
        {
            #expect(row["decision"] == "keep" && row["reason"]?.contains("restarted recently") == true, "\(row)")
        }
        #expect(view.values.allSatisfy { $0.stops <= 1 }, "kill at \(delay) ms: \(view)")
        let unknown = try await DatabaseQueue(path: db).read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM decisions WHERE result = 'unknown'")
        }
        #expect(unknown == 0)
    }

}
