import Foundation
import GESKit
import GESSimulator
import GRDB
import IdleStopCore
import IdleStopStorage
import IdleStopTestSupport
import InMemoryLogging
import Logging
import Testing

@testable import IdleStopCLI

@Suite struct RunCommandTests {
    @Test func dryRunOverTheExamplesMatchesTheGoldenReport() async throws {
        let harness = try CLIHarness()
        let outcome = try await harness.outcome(harness.arguments(["--dry-run", "--inventory", CLIHarness.fleet]))
        #expect(outcome.status == .done)
        let report = try String(contentsOfFile: harness.path("report.csv"), encoding: .utf8)
        let golden = try Fixtures(.module).text("golden-dry-run.csv")
        #expect(report.replacingOccurrences(of: outcome.run.id, with: "RUN_ID") == golden)
        #expect(outcome.summary.stopped == 3)
        #expect(outcome.summary.skipped == 5)
        #expect(outcome.summary.kept == 3)
        #expect(outcome.summary.flagged == 1)
        #expect(outcome.summary.projectedSavings["USD"] == Decimal(string: "606"))
    }

    @Test func sameInputsGiveTheSameReportApartFromTheRunID() async throws {
        let harness = try CLIHarness()
        let first = try await harness.outcome(
            harness.arguments(["--dry-run", "--inventory", CLIHarness.fleet], report: "a.csv")
        )
        let second = try await harness.outcome(
            harness.arguments(["--dry-run", "--inventory", CLIHarness.fleet], report: "b.csv")
        )
        #expect(first.run.id != second.run.id)
        let a = try String(contentsOfFile: harness.path("a.csv"), encoding: .utf8).replacingOccurrences(
            of: first.run.id,
            with: "X"
        )
        let b = try String(contentsOfFile: harness.path("b.csv"), encoding: .utf8).replacingOccurrences(
            of: second.run.id,
            with: "X"
        )
        #expect(a == b)
    }

    @Test func dryRunRecordsTheRunAndEveryDecisionInSQLite() async throws {
        let harness = try CLIHarness()
        let outcome = try await harness.outcome(harness.arguments(["--dry-run", "--inventory", CLIHarness.fleet]))
        let db = try DatabaseQueue(path: harness.path("history.sqlite"))
        let (mode, exit, decisions, stops) = try await db.read { db in
            (
                try String.fetchOne(db, sql: "SELECT mode FROM runs WHERE id = ?", arguments: [outcome.run.id]),
                try Int.fetchOne(db, sql: "SELECT exit_status FROM runs WHERE id = ?", arguments: [outcome.run.id]),
                try Int.fetchOne(
                    db,
                    sql: "SELECT COUNT(*) FROM decisions WHERE run_id = ?",
                    arguments: [outcome.run.id]
                ),
                try Int.fetchOne(
                    db,
                    sql: "SELECT COUNT(*) FROM decisions WHERE run_id = ? AND decision = 'stop' AND result = 'dry-run'",
                    arguments: [outcome.run.id]
                )
            )
        }
        #expect(mode == "dry-run")
        #expect(exit == 0)
        #expect(decisions == 12)
        #expect(stops == 3)
    }

    @Test func malformedUsageRowFailsBeforeAnythingIsSentOrWritten() async throws {
        let harness = try CLIHarness()
        var text = try String(contentsOfFile: CLIHarness.usage, encoding: .utf8)
        text += "999841db-fdc7-522f-bd62-619eb7135d82,2026-11-26T02:00:00Z,3600,lots,1.0\n"
        try text.write(toFile: harness.path("usage.csv"), atomically: true, encoding: .utf8)
        let (simulator, endpoint) = try await CLIHarness.simulator()
        defer { Task { await simulator.stop() } }
        var arguments = harness.arguments(["--endpoint", endpoint])
        arguments[arguments.firstIndex(of: CLIHarness.usage)!] = harness.path("usage.csv")
        await #expect(throws: CommandError.self) {
            _ = try await harness.outcome(arguments, environment: CLIHarness.credentials)
        }
        do {
            _ = try await harness.outcome(arguments, environment: CLIHarness.credentials)
        } catch let error as CommandError {
            #expect(error.status == .badInput)
            #expect(error.description.contains("usage.csv:1703:4 (requests)"))
        }
        #expect(try await harness.run(arguments, environment: CLIHarness.credentials) == .badInput)
        #expect(!FileManager.default.fileExists(atPath: harness.path("report.csv")))
        let view = await CLIHarness.simulatorView(simulator)
        #expect(view.values.allSatisfy { $0.stops == 0 })
    }

    /// A history that SQLite cannot open is no bug (70) and not the operator's input: exit 1, the message naming
    /// the history database and what failed, and nothing sent (docs/SPEC.md §8).
    @Test func aCorruptHistoryFailsWithOneNamingTheHistoryBeforeAnythingIsSent() async throws {
        let harness = try CLIHarness()
        try Data(repeating: 0x5A, count: 8192).write(to: URL(fileURLWithPath: harness.path("history.sqlite")))
        let (simulator, endpoint) = try await CLIHarness.simulator()
        defer { Task { await simulator.stop() } }
        let arguments = harness.arguments(["--endpoint", endpoint])
        do {
            _ = try await harness.outcome(arguments, environment: CLIHarness.credentials)
            Issue.record("a run over a corrupt history finished")
        } catch let error as CommandError {
            #expect(error.status == .badInput)
            #expect(error.description.hasPrefix("the history database failed: "))
            #expect(error.description.contains("history.sqlite: cannot "))
            #expect(error.description.contains("SQLite error 26"))
            #expect(error.description.hasSuffix("\nNo stop was sent."))
        }
        #expect(try await harness.run(arguments, environment: CLIHarness.credentials) == .badInput)
        #expect(!FileManager.default.fileExists(atPath: harness.path("report.csv")))
        let view = await CLIHarness.simulatorView(simulator)
        #expect(view.values.allSatisfy { $0.stops == 0 })
    }

    @Test func liveRunStopsExactlyTheIdleGraphsAndLeavesTheRestAlone() async throws {
        let harness = try CLIHarness()
        let (simulator, endpoint) = try await CLIHarness.simulator()
        defer { Task { await simulator.stop() } }
        let outcome = try await harness.outcome(
            harness.arguments(["--endpoint", endpoint, "--wait"]),
            environment: CLIHarness.credentials
        )
        #expect(outcome.status == .done)
        let view = await CLIHarness.simulatorView(simulator)
        let stopped = Set(view.filter { $0.value.stops > 0 }.keys)
        #expect(stopped == ["dev-social-sandbox", "analytics-weekly", "test-ranking-hm"])
        #expect(view.values.allSatisfy { $0.stops <= 1 })
        #expect(view["prod-ledger-db"]?.status == "200")
        #expect(view["dev-social-sandbox"]?.status == "900")
        let rows = try harness.reportRows()
        let results = Dictionary(uniqueKeysWithValues: rows.map { ($0["graph_name"]!, $0) })
        #expect(results["dev-social-sandbox"]?["result"] == "confirmed")
        #expect(results["dev-social-sandbox"]?["job_id"]?.isEmpty == false)
        #expect(results["prod-ledger-db"]?["decision"] == "skip")
        #expect(rows.allSatisfy { $0["mode"] == "live" })
    }

    @Test func liveRunDecidesExactlyWhatTheDryRunSaid() async throws {
        let harness = try CLIHarness()
        let (simulator, endpoint) = try await CLIHarness.simulator()
        defer { Task { await simulator.stop() } }
        _ = try await harness.outcome(
            harness.arguments(["--endpoint", endpoint, "--dry-run"], report: "dry.csv"),
            environment: CLIHarness.credentials
        )
        #expect(await CLIHarness.simulatorView(simulator).values.allSatisfy { $0.stops == 0 })
        _ = try await harness.outcome(
            harness.arguments(["--endpoint", endpoint], report: "live.csv"),
            environment: CLIHarness.credentials
        )
        let planned = Set(try harness.reportRows("dry.csv").filter { $0["decision"] == "stop" }.map { $0["graph_id"]! })
        let done = Set(
            try harness.reportRows("live.csv").filter { $0["result"] == "requested" }.map { $0["graph_id"]! }
        )
        #expect(planned == done)
        #expect(planned.count == 3)
    }

    @Test func secondLiveRunFindsTheGraphsAlreadyStoppedAndSendsNothingNew() async throws {
        let harness = try CLIHarness()
        let (simulator, endpoint) = try await CLIHarness.simulator()
        defer { Task { await simulator.stop() } }
        let first = try await harness.outcome(
            harness.arguments(["--endpoint", endpoint, "--wait"], report: "1.csv"),
            environment: CLIHarness.credentials
        )
        #expect(first.summary.stopped == 3)
        let second = try await harness.outcome(
            harness.arguments(["--endpoint", endpoint], report: "2.csv"),
            environment: CLIHarness.credentials
        )
        #expect(second.summary.stopped == 0)
        #expect(second.summary.skipped == 8)
        #expect(await CLIHarness.simulatorView(simulator).values.allSatisfy { $0.stops <= 1 })
    }

    @Test func tripWireHoldsEveryStopAndExitsFour() async throws {
        let harness = try CLIHarness()
        let policy = try String(contentsOfFile: CLIHarness.policy, encoding: .utf8)
            .replacingOccurrences(of: "max_stops_per_run: 25", with: "max_stops_per_run: 2")
        try policy.write(toFile: harness.path("tight.yml"), atomically: true, encoding: .utf8)
        let (simulator, endpoint) = try await CLIHarness.simulator()
        defer { Task { await simulator.stop() } }
        var arguments = harness.arguments(["--endpoint", endpoint])
        arguments[arguments.firstIndex(of: CLIHarness.policy)!] = harness.path("tight.yml")
        #expect(try await harness.run(arguments, environment: CLIHarness.credentials) == .tripWireHeld)
        let held = try harness.reportRows().filter { $0["result"] == "held" }
        #expect(held.count == 3)
        #expect(held.allSatisfy { $0["reason"]!.contains("max_stops_per_run 2") })
        #expect(await CLIHarness.simulatorView(simulator).values.allSatisfy { $0.stops == 0 })
    }

    @Test func wrongSecretKeyExitsThreeAndStopsNothing() async throws {
        let harness = try CLIHarness()
        let (simulator, endpoint) = try await CLIHarness.simulator()
        defer { Task { await simulator.stop() } }
        var environment = CLIHarness.credentials
        environment["HUAWEICLOUD_SDK_SK"] = "not-the-secret"
        #expect(
            try await harness.run(harness.arguments(["--endpoint", endpoint]), environment: environment)
                == .authenticationFailed
        )
        #expect(await CLIHarness.simulatorView(simulator).values.allSatisfy { $0.stops == 0 })
    }

    @Test func unreadableInventoryExitsFiveAndSendsNoStop() async throws {
        let harness = try CLIHarness()
        let (simulator, endpoint) = try await CLIHarness.simulator(faults: FaultSettings(errorRates: [503: 1.0]))
        defer { Task { await simulator.stop() } }
        let arguments = harness.arguments(["--endpoint", endpoint, "--config", try Self.fastRetries(harness)])
        #expect(try await harness.run(arguments, environment: CLIHarness.credentials) == .cloudUnreadable)
        #expect(await CLIHarness.simulatorView(simulator).values.allSatisfy { $0.stops == 0 })
        #expect(!FileManager.default.fileExists(atPath: harness.path("report.csv")))
    }

    @Test func aSecondRunWhileTheLockIsHeldExitsSeventyFive() async throws {
        let harness = try CLIHarness()
        let lock = try RunLock.acquire(path: harness.path("history.sqlite") + ".lock")
        defer { lock.release() }
        #expect(try await harness.run(harness.arguments(["--dry-run", "--inventory", CLIHarness.fleet])) == .locked)
    }

    @Test func aLockLeftByADeadRunDoesNotBlock() async throws {
        let harness = try CLIHarness()
        try "12345\n".write(toFile: harness.path("history.sqlite") + ".lock", atomically: true, encoding: .utf8)
        #expect(try await harness.run(harness.arguments(["--dry-run", "--inventory", CLIHarness.fleet])) == .done)
    }

    @Test func nowWithoutAnOffsetIsBadInput() async throws {
        let harness = try CLIHarness()
        var arguments = harness.arguments(["--dry-run", "--inventory", CLIHarness.fleet])
        arguments[arguments.firstIndex(of: CLIHarness.now)!] = "2026-11-27T02:00:00"
        #expect(try await harness.run(arguments) == .badInput)
    }

    /// `reason` follows the file name: its line and column when the problem has a place, then the message.
    @Test(arguments: [
        ("count-mismatch", ":2:18: graph_count is 12 but the file lists 11 graphs"),
        (
            "duplicate-id",
            ":358:13: graph \"999841db-fdc7-522f-bd62-619eb7135d82\" is listed twice (graphs[0] and graphs[11])"
        ),
        ("no-count", ": missing field graph_count"),
        ("not-json", ":3:16: not valid JSON: unexpected \"]\" (expected \",\" or \"}\")"),
    ])
    func anInventoryFileThatCannotBeTrustedFailsBeforeAnyRunRow(_ name: String, reason: String) async throws {
        let harness = try CLIHarness()
        let inventory = try Fixtures(.module).path("inventory/\(name).json")
        let arguments = harness.arguments(["--dry-run", "--inventory", inventory])
        do {
            _ = try await harness.outcome(arguments)
            Issue.record("\(name) was trusted")
        } catch let error as CommandError {
            #expect(error.status == .badInput)
            #expect(error.description.contains("\(name).json\(reason)"), "\(error)")
        }
        #expect(try await harness.run(arguments) == .badInput)
        #expect(try Self.runRows(harness) == 0)
        #expect(!FileManager.default.fileExists(atPath: harness.path("report.csv")))
    }

    @Test(arguments: ListingFault.allCases)
    func aListingWithoutGraphCountOrWithARepeatedGraphFailsWithExitFive(_ fault: ListingFault) async throws {
        let harness = try CLIHarness()
        let (simulator, endpoint) = try await CLIHarness.simulator(faults: FaultSettings(listing: fault))
        defer { Task { await simulator.stop() } }
        let arguments = harness.arguments(["--endpoint", endpoint])
        do {
            _ = try await harness.outcome(arguments, environment: CLIHarness.credentials)
            Issue.record("a listing with \(fault) was trusted")
        } catch let error as CommandError {
            #expect(error.status == .cloudUnreadable)
            let reason = fault == .omitsGraphCount ? "missing field graph_count" : "was listed twice"
            #expect(error.description.contains(reason), "\(error)")
        }
        #expect(try await harness.run(arguments, environment: CLIHarness.credentials) == .cloudUnreadable)
        #expect(try Self.runRows(harness) == 0)
        #expect(await CLIHarness.simulatorView(simulator).values.allSatisfy { $0.stops == 0 })
    }

    @Test func anAnchoredLiteralNamePatternIsLoggedAsAWarningAndTheRunGoesOn() async throws {
        let harness = try CLIHarness()
        let policy = try String(contentsOfFile: CLIHarness.policy, encoding: .utf8)
            .replacingOccurrences(
                of: "      - tag: { key: env, in: [dev, test] }\n",
                with: "      - name: { matches: ^dev- }\n"
            )
        try policy.write(toFile: harness.path("anchored.yml"), atomically: true, encoding: .utf8)
        var arguments = harness.arguments(["--dry-run", "--inventory", CLIHarness.fleet])
        arguments[arguments.firstIndex(of: CLIHarness.policy)!] = harness.path("anchored.yml")
        let (logger, log) = InMemoryLogHandler.logger(label: "ges-idle-stop", level: .warning)
        let status = await RunCommand.execute(
            options: try RunOptions.parse(arguments),
            environment: [:],
            logger: logger
        ) { settings in
            RunPipeline(settings: settings, environment: [:], logger: logger)
        }
        #expect(status == .done)
        #expect(
            log.messages(at: .warning).contains(
                harness.path("anchored.yml") + ":36:26: name pattern \"^dev-\" matches only a graph named exactly "
                    + "\"dev-\" (patterns match the whole name); for names that start with \"dev-\" write \"dev-.*\""
            ),
            "\(log.messages(at: .warning))"
        )
    }

    /// Rows in the history's `runs` table (0 when the database was never created).
    static func runRows(_ harness: CLIHarness) throws -> Int {
        guard FileManager.default.fileExists(atPath: harness.path("history.sqlite")) else { return 0 }
        return try DatabaseQueue(path: harness.path("history.sqlite")).read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM runs") ?? 0
        }
    }

    /// A config file whose 1 s retry budget holds no retry (a retry must fit with its 30 s request timeout), so a
    /// test of a failing server does not wait for backoff.
    static func fastRetries(_ harness: CLIHarness) throws -> String {
        let path = harness.path("fast.yml")
        try "retries: { max_attempts: 2, max_seconds: 1 }\n".write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
