import Foundation
import GESSimulator
import IdleStopCore
import Testing

@testable import IdleStopCLI

/// The restart rule of docs/SPEC.md §4 end to end: history in SQLite, graph states in ges-sim, nights on its clock.
@Suite struct RestartRuleTests {
    static let sandbox = "999841db-fdc7-522f-bd62-619eb7135d82"  // dev-social-sandbox in examples/fleet.json
    static let start = CLIHarness.nowDate  // 2026-11-27T02:00:00Z
    static let day: TimeInterval = 86_400

    /// An export that reports the sandbox idle every hour, also while it was stopped (zeros, not gaps).
    func zeroFilledUsage(_ harness: CLIHarness) throws -> String {
        let first = Int(Self.start.timeIntervalSince1970) - 2 * 86_400
        return try harness.writeHourlyUsage("zeros.csv", graphIDs: [Self.sandbox], from: first, hours: 12 * 24)
    }

    /// Moves ges-sim's clock to `offset` after `start` and runs there like cron would (live, `--now` that instant);
    /// returns the sandbox's report row.
    func run(
        _ harness: CLIHarness,
        _ simulator: Simulator,
        endpoint: String,
        usage: String,
        at offset: TimeInterval,
        report: String,
        extra: [String] = []
    ) async throws -> [String: String] {
        let instant = Self.start.addingTimeInterval(offset)
        await simulator.setClock(to: instant)
        var arguments = harness.arguments(["--endpoint", endpoint] + extra, report: report)
        arguments[arguments.firstIndex(of: CLIHarness.usage)!] = usage
        arguments[arguments.firstIndex(of: CLIHarness.now)!] = ISO8601DateFormatter().string(from: instant)
        _ = try await harness.outcome(arguments, environment: CLIHarness.credentials)
        return try harness.reportRows(report).first { $0["graph_id"] == Self.sandbox } ?? [:]
    }

    /// A person starts the sandbox at `offset` on ges-sim's clock, and the start job finishes.
    func startSandbox(_ simulator: Simulator, endpoint: String, at offset: TimeInterval) async throws {
        await simulator.setClock(to: Self.start.addingTimeInterval(offset))
        _ = try await CLIHarness.client(endpoint: endpoint).startGraph(id: Self.sandbox)
        await simulator.setClock(to: Self.start.addingTimeInterval(offset + 60))
        #expect(await CLIHarness.simulatorView(simulator)["dev-social-sandbox"]?.status == "200")
    }

    func stops(_ simulator: Simulator) async -> Int? {
        await CLIHarness.simulatorView(simulator)["dev-social-sandbox"]?.stops
    }

    @Test func automaticRestartGetsAWindowOfGraceThenIsStoppedAgainWithTheReason() async throws {
        let harness = try CLIHarness()
        let usage = try zeroFilledUsage(harness)
        let (simulator, endpoint) = try await CLIHarness.simulator()
        defer { Task { await simulator.stop() } }
        let day = Self.day

        let first = try await run(harness, simulator, endpoint: endpoint, usage: usage, at: 0, report: "1.csv")
        #expect(first["result"] == "requested")

        let stillStopped = try await run(
            harness,
            simulator,
            endpoint: endpoint,
            usage: usage,
            at: 6.5 * day,
            report: "2.csv"
        )
        #expect(stillStopped["decision"] == "skip")
        #expect(stillStopped["status"] == "900")

        // GES restarts it by itself seven days after the stop; the next nightly run is the first to see it running.
        let restarted = try await run(
            harness,
            simulator,
            endpoint: endpoint,
            usage: usage,
            at: 7 * day + 3600,
            report: "3.csv"
        )
        #expect(restarted["status"] == "200")
        #expect(restarted["decision"] == "keep")
        #expect(restarted["reason"]?.contains("automatic restart after 7 days") == true)

        // A run a minute early the next night: not yet a whole window after the run that first saw it running.
        let early = try await run(
            harness,
            simulator,
            endpoint: endpoint,
            usage: usage,
            at: 8 * day + 3600 - 60,
            report: "4.csv"
        )
        #expect(early["decision"] == "keep")
        #expect(early["reason"]?.contains("automatic restart after 7 days") == true)

        let again = try await run(
            harness,
            simulator,
            endpoint: endpoint,
            usage: usage,
            at: 8 * day + 3600,
            report: "5.csv"
        )
        #expect(again["decision"] == "stop")
        #expect(again["result"] == "requested")
        #expect(again["reason"]?.contains("GES restarted it automatically after 7 days") == true)
        #expect(await stops(simulator) == 2)
    }

    @Test func aGraphSomeoneStartedEarlyIsNotStoppedAgainWithinTheWindow() async throws {
        let harness = try CLIHarness()
        let usage = try zeroFilledUsage(harness)
        let (simulator, endpoint) = try await CLIHarness.simulator()
        defer { Task { await simulator.stop() } }

        _ = try await run(harness, simulator, endpoint: endpoint, usage: usage, at: 0, report: "1.csv")
        try await startSandbox(simulator, endpoint: endpoint, at: 600)  // a person needs it back

        let later = try await run(harness, simulator, endpoint: endpoint, usage: usage, at: 10 * 3600, report: "2.csv")
        #expect(later["decision"] == "keep")
        #expect(later["reason"]?.contains("after the job stopped it") == true)
        #expect(await stops(simulator) == 1)
    }

    /// Issue 10: the job stops G at 02:15:00, a person starts it at 03:00 and does not query it, the export fills
    /// the stopped hour with zeros, and the next run starts at 02:15:03, three seconds later than the night before.
    @Test func cronJitterDoesNotShortenTheGraceOfAGraphSomeoneStarted() async throws {
        let harness = try CLIHarness()
        let usage = try zeroFilledUsage(harness)
        let (simulator, endpoint) = try await CLIHarness.simulator()
        defer { Task { await simulator.stop() } }
        let night = { (n: Double, seconds: Double) in n * Self.day + 900 + seconds }  // 02:15 plus jitter

        let stopped = try await run(
            harness,
            simulator,
            endpoint: endpoint,
            usage: usage,
            at: night(0, 0),
            report: "0.csv"
        )
        #expect(stopped["result"] == "requested")
        try await startSandbox(simulator, endpoint: endpoint, at: 3600)  // 03:00

        let late = try await run(harness, simulator, endpoint: endpoint, usage: usage, at: night(1, 3), report: "1.csv")
        #expect(late["decision"] == "keep")
        #expect(late["reason"]?.contains("started 0-25h after the job stopped it at 2026-11-27T02:15:00Z") == true)
        // Two seconds earlier the night after: the run at 02:15:03 is the earliest proof that it ran, so the whole
        // window is not over yet (with a CSV export the grace may end a night later than strictly needed).
        let early = try await run(
            harness,
            simulator,
            endpoint: endpoint,
            usage: usage,
            at: night(2, 1),
            report: "2.csv"
        )
        #expect(early["decision"] == "keep")
        #expect(early["reason"]?.contains("not before 2026-11-29T02:15:03Z") == true)
        #expect(await stops(simulator) == 1)

        let third = try await run(
            harness,
            simulator,
            endpoint: endpoint,
            usage: usage,
            at: night(3, -2),
            report: "3.csv"
        )
        #expect(third["decision"] == "stop")
        #expect(third["result"] == "requested")
        #expect(third["reason"]?.contains("stopped again: started 0-25h after the job stopped it") == true)
        #expect(await stops(simulator) == 2)
    }

    /// With Cloud Eye the first datapoint after the stop proves the graph ran: no night is lost to jitter.
    @Test func cloudEyeDatapointsEndTheGraceAWholeWindowAfterTheGraphRanAgain() async throws {
        let harness = try CLIHarness()
        let usage = try zeroFilledUsage(harness)  // served as Cloud Eye data, with gaps while the graph is stopped
        let (simulator, endpoint) = try await CLIHarness.simulator(usage: usage)
        defer { Task { await simulator.stop() } }
        let cloudEye = ["--ces-endpoint", endpoint]
        let night = { (n: Double, seconds: Double) in n * Self.day + 900 + seconds }

        let stopped = try await run(
            harness,
            simulator,
            endpoint: endpoint,
            usage: "cloud-eye",
            at: night(0, 0),
            report: "0.csv",
            extra: cloudEye
        )
        #expect(stopped["result"] == "requested")
        try await startSandbox(simulator, endpoint: endpoint, at: 3600)

        let late = try await run(
            harness,
            simulator,
            endpoint: endpoint,
            usage: "cloud-eye",
            at: night(1, 3),
            report: "1.csv",
            extra: cloudEye
        )
        #expect(late["decision"] == "keep")
        // Cloud Eye has nothing for the hours it was stopped or starting; the 04:00 datapoint ends at 05:00.
        #expect(late["reason"]?.contains("may have been stopped until 2026-11-27T05:00:00Z") == true)
        let next = try await run(
            harness,
            simulator,
            endpoint: endpoint,
            usage: "cloud-eye",
            at: night(2, 1),
            report: "2.csv",
            extra: cloudEye
        )
        #expect(next["decision"] == "stop")
        #expect(next["result"] == "requested")
        #expect(await stops(simulator) == 2)
    }

    /// Issue 10: a dry-run replay of next year while the graph is stopped must not switch the rule off.
    @Test func aReplayOfAnotherInstantIsNoEvidenceForLaterRuns() async throws {
        let harness = try CLIHarness()
        let usage = try zeroFilledUsage(harness)
        let (simulator, endpoint) = try await CLIHarness.simulator()
        defer { Task { await simulator.stop() } }

        _ = try await run(harness, simulator, endpoint: endpoint, usage: usage, at: 0, report: "0.csv")
        await simulator.setClock(to: Self.start.addingTimeInterval(4 * 3600))
        var replay = harness.arguments(["--endpoint", endpoint, "--dry-run"], report: "replay.csv")
        replay[replay.firstIndex(of: CLIHarness.usage)!] = usage
        replay[replay.firstIndex(of: CLIHarness.now)!] = "2027-01-01T00:00:00Z"
        let replayed = try await harness.outcome(replay, environment: CLIHarness.credentials)
        // The zero-filled usage ends long before the replayed instant: the feed alarm (exit 6) rings.
        #expect(replayed.status == .usageFeedTooThin)
        #expect(try harness.reportRows("replay.csv").first { $0["graph_id"] == Self.sandbox }?["status"] == "900")
        try await startSandbox(simulator, endpoint: endpoint, at: 12 * 3600)  // a person starts it at 14:00

        let next = try await run(harness, simulator, endpoint: endpoint, usage: usage, at: Self.day, report: "1.csv")
        #expect(next["decision"] == "keep")
        #expect(next["reason"]?.contains("after the job stopped it at 2026-11-27T02:00:00Z") == true)
        #expect(await stops(simulator) == 1)
        let after = try await run(
            harness,
            simulator,
            endpoint: endpoint,
            usage: usage,
            at: 2 * Self.day,
            report: "2.csv"
        )
        #expect(after["decision"] == "stop")
        #expect(await stops(simulator) == 2)
    }
}
