import Foundation
import GESSimulator
import IdleStopCore
import Testing

@testable import IdleStopCLI

/// The restart rule of docs/SPEC.md §4 end to end: history in SQLite, graph states in ges-sim, time moved by `--now`.
@Suite struct RestartRuleTests {
    static let sandbox = "999841db-fdc7-522f-bd62-619eb7135d82"  // dev-social-sandbox in examples/fleet.json
    static let start = Date(timeIntervalSince1970: 1_795_744_800)  // 2026-11-27T02:00:00Z

    /// An export that reports the sandbox idle every hour, also while it was stopped (zeros, not gaps).
    func zeroFilledUsage(_ harness: CLIHarness) throws -> String {
        var text = "graph_id,period_start,period_seconds,requests\n"
        let first = Int(Self.start.timeIntervalSince1970) - 2 * 86_400
        for hour in 0..<(12 * 24) { text += "\(Self.sandbox),\(first + hour * 3600),3600,0\n" }
        let path = harness.path("zeros.csv")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func run(_ harness: CLIHarness, endpoint: String, usage: String, at offset: TimeInterval, report: String)
        async throws -> [String: String]
    {
        var arguments = harness.arguments(["--endpoint", endpoint], report: report)
        arguments[arguments.firstIndex(of: CLIHarness.usage)!] = usage
        arguments[arguments.firstIndex(of: CLIHarness.now)!] = ISO8601DateFormatter().string(
            from: Self.start.addingTimeInterval(offset))
        _ = try await harness.outcome(arguments, environment: CLIHarness.credentials)
        return try harness.reportRows(report).first { $0["graph_id"] == Self.sandbox } ?? [:]
    }

    @Test func automaticRestartGetsAWindowOfGraceThenIsStoppedAgainWithTheReason() async throws {
        let harness = try CLIHarness()
        let usage = try zeroFilledUsage(harness)
        let (simulator, endpoint) = try await CLIHarness.simulator()
        defer { Task { await simulator.stop() } }
        let day: TimeInterval = 86_400

        let first = try await run(harness, endpoint: endpoint, usage: usage, at: 0, report: "1.csv")
        #expect(first["result"] == "requested")
        try await Task.sleep(for: .milliseconds(200))  // the stop job finishes

        let stillStopped = try await run(harness, endpoint: endpoint, usage: usage, at: 6.5 * day, report: "2.csv")
        #expect(stillStopped["decision"] == "skip")
        #expect(stillStopped["status"] == "900")

        await simulator.advanceClock(by: 7 * day + 3600)  // GES restarts it by itself
        let restarted = try await run(harness, endpoint: endpoint, usage: usage, at: 7 * day, report: "3.csv")
        #expect(restarted["status"] == "200")
        #expect(restarted["decision"] == "keep")
        #expect(restarted["reason"]?.contains("automatic restart after 7 days") == true)

        let again = try await run(harness, endpoint: endpoint, usage: usage, at: 7.6 * day, report: "4.csv")
        #expect(again["decision"] == "stop")
        #expect(again["result"] == "requested")
        #expect(again["reason"]?.contains("GES restarted it automatically after 7 days") == true)
        #expect(await CLIHarness.simulatorView(simulator)["dev-social-sandbox"]?.stops == 2)
    }

    @Test func aGraphSomeoneStartedEarlyIsNotStoppedAgainWithinTheWindow() async throws {
        let harness = try CLIHarness()
        let usage = try zeroFilledUsage(harness)
        let (simulator, endpoint) = try await CLIHarness.simulator()
        defer { Task { await simulator.stop() } }

        _ = try await run(harness, endpoint: endpoint, usage: usage, at: 0, report: "1.csv")
        try await Task.sleep(for: .milliseconds(200))
        let client = try CLIHarness.client(endpoint: endpoint)
        _ = try await client.startGraph(id: Self.sandbox)  // a person needs it back
        try await Task.sleep(for: .milliseconds(200))

        let later = try await run(harness, endpoint: endpoint, usage: usage, at: 10 * 3600, report: "2.csv")
        #expect(later["decision"] == "keep")
        #expect(later["reason"]?.contains("after the job stopped it") == true)
        #expect(await CLIHarness.simulatorView(simulator)["dev-social-sandbox"]?.stops == 1)
    }
}
