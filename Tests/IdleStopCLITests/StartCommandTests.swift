import Foundation
import GESSimulator
import IdleStopCore
import IdleStopStorage
import Testing

@testable import IdleStopCLI

/// `ges-idle-stop start` end to end against ges-sim over loopback: undo a night's stops (docs/SPEC.md §1).
@Suite struct StartCommandTests {
    static let night = CLIHarness.nowDate  // 2026-11-27T02:00:00Z
    static let hour: TimeInterval = 3600
    /// The graphs the example run stops: analytics-weekly, test-ranking-hm and dev-social-sandbox.
    static let stopped: Set<String> = [
        "4fa7751f-aff8-5030-b3d4-b75463388086", "5c83a085-dde3-515d-aec9-b3980b2df185",
        "999841db-fdc7-522f-bd62-619eb7135d82",
    ]
    static let neverStopped = "f5559846-da29-5a71-9df8-dd699ce7edf2"  // dev-fraud-busy

    /// The example usage, plus an idle hour of each stopped graph for the two days after the first night, so
    /// that the next night's run would stop them again but for the restart rule.
    func usage(_ harness: CLIHarness) throws -> String {
        var text = try String(contentsOfFile: CLIHarness.usage, encoding: .utf8)
        if !text.hasSuffix("\n") { text += "\n" }
        let first = Int(Self.night.timeIntervalSince1970)
        for graph in Self.stopped.sorted() {
            for hour in 0..<48 { text += "\(graph),\(first + hour * 3600),3600,0,0.5\n" }
        }
        let path = harness.path("usage.csv")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A live `run` at `offset` after the first night, on ges-sim's clock moved there.
    func run(
        _ harness: CLIHarness,
        _ simulator: Simulator,
        endpoint: String,
        at offset: TimeInterval,
        report: String
    ) async throws -> RunPipeline.Outcome {
        let instant = Self.night.addingTimeInterval(offset)
        await simulator.setClock(to: instant)
        var arguments = harness.arguments(["--endpoint", endpoint], report: report)
        arguments[arguments.firstIndex(of: CLIHarness.usage)!] = try usage(harness)
        arguments[arguments.firstIndex(of: CLIHarness.now)!] = ISO8601DateFormatter().string(from: instant)
        return try await harness.outcome(arguments, environment: CLIHarness.credentials)
    }

    /// The `start` command line `arguments` at `offset` after the first night, ges-sim's clock moved there.
    func startCommand(
        _ harness: CLIHarness,
        _ simulator: Simulator,
        endpoint: String,
        at offset: TimeInterval,
        _ arguments: [String],
        report: String = "start.csv"
    ) async throws -> StartCommand {
        let instant = Self.night.addingTimeInterval(offset)
        await simulator.setClock(to: instant)
        return try StartCommand.parse(
            arguments + [
                "--endpoint", endpoint, "--now", ISO8601DateFormatter().string(from: instant), "--db",
                harness.path("history.sqlite"), "--report", harness.path(report), "--quiet",
            ]
        )
    }

    /// `start` with `arguments` at `offset` after the first night, as the command runs it.
    func start(
        _ harness: CLIHarness,
        _ simulator: Simulator,
        endpoint: String,
        at offset: TimeInterval,
        _ arguments: [String],
        report: String = "start.csv"
    ) async throws -> IdleStopCLI.ExitStatus {
        let command = try await startCommand(
            harness,
            simulator,
            endpoint: endpoint,
            at: offset,
            arguments,
            report: report
        )
        return await command.execute(environment: CLIHarness.credentials, logger: CLIHarness.logger)
    }

    /// `start` with `arguments` at `offset` after the first night, as the pipeline ends it (throws its error).
    func startOutcome(
        _ harness: CLIHarness,
        _ simulator: Simulator,
        endpoint: String,
        at offset: TimeInterval,
        _ arguments: [String]
    ) async throws -> StartPipeline.Outcome {
        let command = try await startCommand(harness, simulator, endpoint: endpoint, at: offset, arguments)
        return try await StartPipeline(
            settings: command.settings(environment: CLIHarness.credentials),
            environment: CLIHarness.credentials,
            logger: CLIHarness.logger,
            selection: StartSelection(run: command.runID, graphs: command.graphs, since: command.since)
        ).execute()
    }

    /// The example run's first night, live, against a fresh ges-sim: the harness, the simulator, its endpoint, and
    /// the run's outcome.
    func firstNight() async throws -> (CLIHarness, Simulator, String, RunPipeline.Outcome) {
        let harness = try CLIHarness()
        let (simulator, endpoint) = try await CLIHarness.simulator()
        let first = try await run(harness, simulator, endpoint: endpoint, at: 0, report: "1.csv")
        return (harness, simulator, endpoint, first)
    }

    /// The simulator's view by graph ID instead of name (names from examples/fleet.json).
    static func view(_ simulator: Simulator) async -> [String: (status: String, stops: Int, starts: Int)] {
        let ids = [
            "analytics-weekly": "4fa7751f-aff8-5030-b3d4-b75463388086",
            "test-ranking-hm": "5c83a085-dde3-515d-aec9-b3980b2df185",
            "dev-social-sandbox": "999841db-fdc7-522f-bd62-619eb7135d82",
            "dev-fraud-busy": StartCommandTests.neverStopped,
        ]
        let byName = await CLIHarness.simulatorView(simulator)
        return Dictionary(uniqueKeysWithValues: byName.map { (ids[$0.key] ?? $0.key, $0.value) })
    }

    @Test func startRunBringsBackExactlyWhatThatRunStoppedAndTheNextNightKeepsThem() async throws {
        let (harness, simulator, endpoint, first) = try await firstNight()
        defer { Task { await simulator.stop() } }
        let stoppedRows = try harness.reportRows("1.csv").filter { $0["result"] == "requested" }
        #expect(Set(stoppedRows.compactMap { $0["graph_id"] }) == Self.stopped)

        let status = try await start(
            harness,
            simulator,
            endpoint: endpoint,
            at: 8 * Self.hour,
            ["--run", first.run.id, "--wait"]
        )
        #expect(status == .done)
        let rows = try harness.reportRows("start.csv")
        #expect(Set(rows.compactMap { $0["graph_id"] }) == Self.stopped)
        #expect(rows.allSatisfy { $0["decision"] == "start" && $0["result"] == "confirmed" && $0["status"] == "900" })
        #expect(rows.allSatisfy { $0["reason"]?.contains("in run \(first.run.id)") == true })
        let view = await Self.view(simulator)
        for graph in Self.stopped {
            #expect(view[graph]?.status == "200")
            #expect(view[graph]?.starts == 1)
        }
        #expect(view.filter { !Self.stopped.contains($0.key) }.allSatisfy { $0.value.starts == 0 })

        // The next night: idle again, but started by a person 18 hours ago, so kept a whole window.
        _ = try await run(harness, simulator, endpoint: endpoint, at: 24 * Self.hour, report: "2.csv")
        let next = try harness.reportRows("2.csv").filter { Self.stopped.contains($0["graph_id"] ?? "") }
        #expect(next.count == 3)
        for row in next {
            #expect(row["decision"] == "keep")
            #expect(
                row["reason"]?.contains(
                    "started by a person with `ges-idle-stop start` at 2026-11-27T10:00:00Z, 8h after the job "
                        + "stopped it at 2026-11-27T02:00:00Z"
                ) == true,
                "\(row["reason"] ?? "")"
            )
        }
        #expect(await CLIHarness.simulatorView(simulator).values.allSatisfy { $0.stops <= 1 })

        // `report`: the savings of those stops end at the start, 8 hours each, in the CSV and on the page.
        let command = try ReportCommand.parse([
            "--db", harness.path("history.sqlite"), "--since", "2026-11-26", "--until", "2026-12-01", "--by", "graph",
            "--out", harness.path("savings.csv"), "--html", harness.path("savings.html"),
        ])
        #expect(ReportCommand.execute(command, environment: [:], now: Date()) { _ in } == .done)
        let savings = try CSVTable.rows(of: String(contentsOfFile: harness.path("savings.csv"), encoding: .utf8))
        #expect(Set(savings.compactMap { $0["graph_id"] }) == Self.stopped)
        #expect(savings.allSatisfy { $0["hours_stopped"] == "8" }, "\(savings)")
        let page = try String(contentsOfFile: harness.path("savings.html"), encoding: .utf8)
        #expect(page.contains("<td class=\"num\">started 3</td>"))
    }

    @Test func aGraphTheJobNeverStoppedIsRefusedAndNothingIsSent() async throws {
        let (harness, simulator, endpoint, _) = try await firstNight()
        defer { Task { await simulator.stop() } }
        let refused = try await start(
            harness,
            simulator,
            endpoint: endpoint,
            at: Self.hour,
            ["--graph", Self.neverStopped]
        )
        #expect(refused == .badInput)
        let row = try #require(try harness.reportRows("start.csv").first)
        #expect(row["result"] == "refused")
        #expect(row["reason"]?.hasPrefix("the history has no stop of this graph by the job") == true)

        // Named with a graph it did stop: that one starts, the other is refused, and the run is done.
        let sandbox = "999841db-fdc7-522f-bd62-619eb7135d82"
        let mixed = try await start(
            harness,
            simulator,
            endpoint: endpoint,
            at: 2 * Self.hour,
            ["--graph", Self.neverStopped, "--graph", sandbox],
            report: "mixed.csv"
        )
        #expect(mixed == .done)
        let results = Dictionary(
            uniqueKeysWithValues: try harness.reportRows("mixed.csv").map { ($0["graph_id"] ?? "", $0["result"] ?? "") }
        )
        #expect(results == [Self.neverStopped: "refused", sandbox: "requested"])
        let view = await Self.view(simulator)
        #expect(view[Self.neverStopped]?.starts == 0)
        #expect(view[sandbox]?.starts == 1)
    }

    @Test func dryRunSendsNothingAndReportsWhatWouldStart() async throws {
        let (harness, simulator, endpoint, _) = try await firstNight()
        defer { Task { await simulator.stop() } }
        let outcome = try await startOutcome(
            harness,
            simulator,
            endpoint: endpoint,
            at: Self.hour,
            ["--since", "24h", "--dry-run"]
        )
        #expect(outcome.status == .done)
        let line = SummaryLine.render(outcome)
        #expect(line.hasPrefix("ges-idle-stop start dry-run \(outcome.run.id): 3 graphs, 3 to start (dry-run), "))
        #expect(line.hasSuffix("0 already running, 0 refused, 0 failed; report \(harness.path("start.csv"))"))
        let rows = try harness.reportRows("start.csv")
        #expect(Set(rows.compactMap { $0["graph_id"] }) == Self.stopped)
        #expect(rows.allSatisfy { $0["result"] == "dry-run" && $0["mode"] == "dry-run" })
        let view = await Self.view(simulator)
        #expect(view.values.allSatisfy { $0.starts == 0 })
        #expect(Self.stopped.allSatisfy { view[$0]?.status == "900" })
        // Nothing was started, so a live start afterwards still brings them all back.
        #expect(
            try await start(harness, simulator, endpoint: endpoint, at: 2 * Self.hour, ["--since", "24h"]) == .done
        )
        #expect(try harness.reportRows("start.csv").allSatisfy { $0["result"] == "requested" })
    }

    /// GES answers after 3.5 s: the listing ends in time, the first start is still in flight when the 6 s deadline
    /// passes (it may have reached GES: `unknown`), and the others are never sent.
    @Test func theDeadlineLeavesTheStartInFlightUnknownAndSendsNoOther() async throws {
        let (harness, simulator, endpoint, first) = try await firstNight()
        defer { Task { await simulator.stop() } }
        await simulator.replaceFaults(FaultSettings(latencyMilliseconds: 3500))
        let status = try await start(
            harness,
            simulator,
            endpoint: endpoint,
            at: Self.hour,
            ["--run", first.run.id, "--deadline", "6"]
        )
        #expect(status == .someStopsFailed)
        let rows = try harness.reportRows("start.csv")
        #expect(rows.filter { $0["result"] == "unknown" }.map(\.["error_msg"]) == [StartExecutor.cancelledAtDeadline])
        let notSent = rows.filter { $0["result"] == "failed" }
        #expect(notSent.count == 2)
        #expect(notSent.allSatisfy { $0["error_msg"] == StopExecutor.notSentAfterDeadline })
    }

    @Test func aLockHeldByAnotherRunExitsLikeRunAndSendsNothing() async throws {
        let (harness, simulator, endpoint, first) = try await firstNight()
        defer { Task { await simulator.stop() } }
        let lock = try RunLock.acquire(path: harness.path("history.sqlite") + ".lock")
        defer { lock.release() }
        let status = try await start(harness, simulator, endpoint: endpoint, at: Self.hour, ["--run", first.run.id])
        #expect(status == .locked)
        #expect(await Self.view(simulator).values.allSatisfy { $0.starts == 0 })
    }

    @Test func aSelectionThatNamesNoLiveRunOrSeveralWaysIsBadInput() async throws {
        let harness = try CLIHarness()
        let (simulator, endpoint) = try await CLIHarness.simulator()
        defer { Task { await simulator.stop() } }
        let dryRun = harness.arguments(["--endpoint", endpoint, "--dry-run"])
        let dry = try await harness.outcome(dryRun, environment: CLIHarness.credentials)
        let cases: [[String]] = [
            ["--run", dry.run.id], ["--run", "000000000000"], ["--since", "24h", "--graph", Self.neverStopped],
            ["--since", "soon"], ["--graph", "../etc"],
        ]
        for arguments in cases {
            #expect(try await start(harness, simulator, endpoint: endpoint, at: 0, arguments) == .badInput)
        }
        #expect(await Self.view(simulator).values.allSatisfy { $0.starts == 0 })
    }

    @Test func helpNamesTheSelectorsTheCredentialsAndTheExitStatuses() {
        let help = IdleStopCommand.helpMessage(for: StartCommand.self, columns: 100)
        for word in [
            "--run", "--graph", "--since", "--dry-run", "--wait", "--db", "--report", "--now", "HUAWEICLOUD_SDK_AK",
        ] {
            #expect(help.contains(word), "start --help misses \(word)")
        }
        for option in [
            "--policy", "--usage", "--pricing", "--horizon", "--concurrency", "--inventory", "--ces-endpoint",
        ] {
            #expect(!help.contains(option), "start --help lists \(option)")
        }
        for status in [0, 1, 2, 3, 5, 70, 75] { #expect(help.contains("  \(status) ")) }
        #expect(!help.contains("  4 ") && !help.contains("  6 "))
        #expect(help.contains("some starts failed"))
    }
}
