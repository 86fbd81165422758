import Foundation
import GESKit
import GESSimulator
import IdleStopCore
import IdleStopTestSupport
import Logging
import Testing

@testable import IdleStopCLI

@Suite struct ApplyCommandTests {
    /// Runs `apply REPORT` in-process with the harness's shared options and returns the exit status.
    func apply(
        _ harness: CLIHarness,
        report: String,
        extra: [String],
        usage: String = CLIHarness.usage
    ) async throws
        -> IdleStopCLI.ExitStatus
    {
        var arguments = harness.arguments(extra, report: "applied.csv")
        arguments[arguments.firstIndex(of: CLIHarness.usage)!] = usage
        return await ApplyCommand.execute(
            reviewedReport: report,
            options: try RunOptions.parse(arguments),
            environment: CLIHarness.credentials,
            logger: CLIHarness.logger
        )
    }

    /// A dry run of the examples against a fresh in-process simulator, reported to `plan.csv`; the caller stops the
    /// simulator.
    func planned() async throws -> (CLIHarness, Simulator, endpoint: String) {
        let harness = try CLIHarness()
        let (simulator, endpoint) = try await CLIHarness.simulator()
        do {
            _ = try await harness.outcome(
                harness.arguments(["--endpoint", endpoint, "--dry-run"], report: "plan.csv"),
                environment: CLIHarness.credentials
            )
        } catch {
            await simulator.stop()
            throw error
        }
        return (harness, simulator, endpoint)
    }

    /// Writes `rows` back as a report with the header of `original`.
    func write(_ original: String, keeping keep: (String) -> Bool, to path: String) throws {
        let lines = original.split(separator: "\n", omittingEmptySubsequences: false)
        let kept = [String(lines[0])] + lines.dropFirst().filter { !$0.isEmpty && keep(String($0)) }.map(String.init)
        try (kept.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    static func graphID(_ name: String) -> String {
        // Matches scripts/make-examples: uuid5(NAMESPACE_URL, "ges-idle-stop/" + name).
        let ids = ["dev-social-sandbox": "999841db-fdc7-522f-bd62-619eb7135d82"]
        return ids[name] ?? name
    }

    @Test func applyStopsOnlyApprovedGraphsThatAreStillIdle() async throws {
        let (harness, simulator, endpoint) = try await planned()
        defer { Task { await simulator.stop() } }
        let plan = try String(contentsOfFile: harness.path("plan.csv"), encoding: .utf8)
        // The reviewer deletes the analytics graph's row.
        try write(plan, keeping: { !$0.contains(",analytics-weekly,") }, to: harness.path("reviewed.csv"))
        // Meanwhile the sandbox became busy again.
        let sandbox = Self.graphID("dev-social-sandbox")
        var usage = try String(contentsOfFile: CLIHarness.usage, encoding: .utf8)
        usage += "\(sandbox),2026-11-27T01:00:00Z,3600,42,5.0\n"
        try usage.write(toFile: harness.path("fresh.csv"), atomically: true, encoding: .utf8)

        let status = try await apply(
            harness,
            report: harness.path("reviewed.csv"),
            extra: ["--endpoint", endpoint],
            usage: harness.path("fresh.csv")
        )
        #expect(status == .done)
        let view = await CLIHarness.simulatorView(simulator)
        #expect(Set(view.filter { $0.value.stops > 0 }.keys) == ["test-ranking-hm"])
        let rows = Dictionary(
            uniqueKeysWithValues: try harness.reportRows("applied.csv").map { ($0["graph_name"]!, $0) }
        )
        #expect(rows["analytics-weekly"]?["decision"] == "keep")
        #expect(rows["analytics-weekly"]?["reason"]?.hasPrefix("not in the reviewed plan") == true)
        #expect(rows["dev-social-sandbox"]?["decision"] == "keep")
        #expect(rows["dev-social-sandbox"]?["reason"]?.hasPrefix("changed since the review: ") == true)
        #expect(rows["test-ranking-hm"]?["result"] == "requested")
    }

    @Test func applyKeepsAGraphThatWasStoppedMeanwhile() async throws {
        let (harness, simulator, endpoint) = try await planned()
        defer { Task { await simulator.stop() } }
        // Someone stops the sandbox by hand between review and apply.
        let client = try CLIHarness.client(endpoint: endpoint)
        let outcome = await client.stopGraph(id: Self.graphID("dev-social-sandbox"))
        guard case .requested = outcome else {
            Issue.record("manual stop failed: \(outcome)")
            return
        }

        let status = try await apply(harness, report: harness.path("plan.csv"), extra: ["--endpoint", endpoint])
        #expect(status == .done)
        let rows = Dictionary(
            uniqueKeysWithValues: try harness.reportRows("applied.csv").map { ($0["graph_name"]!, $0) }
        )
        #expect(rows["dev-social-sandbox"]?["decision"] == "skip")
        #expect(rows["dev-social-sandbox"]?["reason"]?.contains("changed since the review: not running") == true)
        let view = await CLIHarness.simulatorView(simulator)
        #expect(view["dev-social-sandbox"]?.stops == 1)  // only the manual one
        #expect(view["analytics-weekly"]?.stops == 1)
    }

    @Test func aMalformedReviewedReportIsRefusedBeforeAnythingIsSent() async throws {
        let (harness, simulator, endpoint) = try await planned()
        defer { Task { await simulator.stop() } }
        let plan = try String(contentsOfFile: harness.path("plan.csv"), encoding: .utf8)
        try (plan + "oops,only,three\n").write(toFile: harness.path("broken.csv"), atomically: true, encoding: .utf8)
        let status = try await apply(harness, report: harness.path("broken.csv"), extra: ["--endpoint", endpoint])
        #expect(status == .badInput)
        #expect(await CLIHarness.simulatorView(simulator).values.allSatisfy { $0.stops == 0 })
    }

    @Test func aLiveReportCannotBeApplied() async throws {
        let harness = try CLIHarness()
        let (simulator, endpoint) = try await CLIHarness.simulator()
        defer { Task { await simulator.stop() } }
        let plan = try Fixtures(.module).text("golden-dry-run.csv").replacingOccurrences(
            of: ",dry-run,",
            with: ",live,"
        )
        try plan.write(toFile: harness.path("live.csv"), atomically: true, encoding: .utf8)
        let status = try await apply(harness, report: harness.path("live.csv"), extra: ["--endpoint", endpoint])
        #expect(status == .badInput)
        #expect(await CLIHarness.simulatorView(simulator).values.allSatisfy { $0.stops == 0 })
    }
}
