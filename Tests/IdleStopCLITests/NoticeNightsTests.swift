import Foundation
import GESSimulator
import IdleStopCore
import IdleStopTestSupport
import Testing

@testable import IdleStopCLI

/// The notice period of docs/SPEC.md §4 end to end: live nightly runs against ges-sim on its clock, history in SQLite.
@Suite struct NoticeNightsTests {
    static let start = CLIHarness.nowDate  // 2026-11-27T02:00:00Z, night 1
    static let day: TimeInterval = 86_400
    static let graphs = [
        "dev-social-sandbox": "999841db-fdc7-522f-bd62-619eb7135d82",
        "dev-fraud-busy": "f5559846-da29-5a71-9df8-dd699ce7edf2",
        "test-kg-sparse": "bab0ce04-f00d-51d1-a3d3-7dd8bb2b1d53",
    ]
    static let policy = try! Fixtures(.module).path("notice/policies.yml")

    /// Hourly usage of the three graphs from two days before night 1 to night 4: none, except two requests to
    /// test-kg-sparse six hours after night 1.
    func usage(_ harness: CLIHarness) throws -> String {
        let used = try #require(Self.graphs["test-kg-sparse"])
        return try harness.writeHourlyUsage(
            "usage.csv",
            graphIDs: Self.graphs.values.sorted(),
            from: Int(Self.start.timeIntervalSince1970) - 2 * 86_400,
            hours: 5 * 24
        ) { id, hour in id == used && hour == 2 * 24 + 6 ? 2 : 0 }
    }

    /// Runs live at `night` days after night 1 on ges-sim's clock, as cron would; returns the outcome and the
    /// report rows of the three graphs by name.
    func night(
        _ night: Double,
        _ harness: CLIHarness,
        _ simulator: Simulator,
        endpoint: String,
        usage: String
    ) async throws -> (RunPipeline.Outcome, [String: [String: String]]) {
        let instant = Self.start.addingTimeInterval(night * Self.day)
        await simulator.setClock(to: instant)
        let report = "night-\(night).csv"
        var arguments = harness.arguments(["--endpoint", endpoint], report: report)
        arguments[arguments.firstIndex(of: CLIHarness.usage)!] = usage
        arguments[arguments.firstIndex(of: CLIHarness.policy)!] = Self.policy
        arguments[arguments.firstIndex(of: CLIHarness.now)!] = ISO8601DateFormatter().string(from: instant)
        let outcome = try await harness.outcome(arguments, environment: CLIHarness.credentials)
        var rows: [String: [String: String]] = [:]
        for row in try harness.reportRows(report) where Self.graphs[row["graph_name"] ?? ""] != nil {
            rows[row["graph_name"] ?? ""] = row
        }
        return (outcome, rows)
    }

    func stops(_ simulator: Simulator) async -> [String: Int] {
        let view = await CLIHarness.simulatorView(simulator)
        return Self.graphs.keys.reduce(into: [:]) { stops, name in stops[name] = view[name]?.stops }
    }

    @Test func noticedOnNightOneStoppedOnNightTwoUnlessPostponedOrUsed() async throws {
        let harness = try CLIHarness()
        let usage = try usage(harness)
        let (simulator, endpoint) = try await CLIHarness.simulator()
        defer { Task { await simulator.stop() } }

        let (first, one) = try await night(0, harness, simulator, endpoint: endpoint, usage: usage)
        #expect(first.status == .done)
        #expect(first.summary.noticed == 3)
        #expect(first.summary.stopped == 0)
        #expect(SummaryLine.render(first).contains(", 3 noticed, "))
        #expect(first.figures?.stopsByResult[.noticed] == 3)
        // Each noticed row says what stopping it would save; none of it is a saving of this run.
        #expect(one.values.allSatisfy { !($0["projected_savings"] ?? "").isEmpty })
        #expect(first.figures?.projectedSavings.isEmpty == true)
        for row in one.values {
            #expect(row["decision"] == "stop")
            #expect(row["result"] == "noticed")
            #expect(
                row["reason"]?.hasPrefix(
                    "noticed: may be stopped from 2026-11-28T01:00:00Z (notice of 1d under policy idle-with-notice "
                        + "given at 2026-11-27T02:00:00Z)"
                ) == true
            )
        }
        #expect(await stops(simulator) == ["dev-social-sandbox": 0, "dev-fraud-busy": 0, "test-kg-sparse": 0])

        // The owner of dev-fraud-busy postpones it until noon; it is idle, but the postponement came after the notice.
        let fraud = try #require(Self.graphs["dev-fraud-busy"])
        #expect(await simulator.setTags(of: fraud, to: [Postponement.tagKey: "2026-11-27T12:00:00Z", "env": "dev"]))

        let (second, two) = try await night(1, harness, simulator, endpoint: endpoint, usage: usage)
        #expect(second.status == .done)
        #expect(two["dev-social-sandbox"]?["result"] == "requested")
        #expect(two["dev-social-sandbox"]?["reason"]?.contains("given at 2026-11-27T02:00:00Z has passed") == true)
        #expect(two["dev-fraud-busy"]?["result"] == "noticed")
        #expect(
            two["dev-fraud-busy"]?["reason"]?.contains("a new notice: it was postponed until 2026-11-27T12:00:00Z")
                == true
        )
        #expect(two["test-kg-sparse"]?["result"] == "noticed")
        #expect(
            two["test-kg-sparse"]?["reason"]?.contains(
                "may be stopped from 2026-11-29T01:00:00Z (notice of 1d under policy idle-with-notice given at "
                    + "2026-11-28T02:00:00Z); a new notice: activity until 2026-11-27T09:00:00Z came after"
            ) == true
        )
        #expect((second.summary.stopped, second.summary.noticed) == (1, 2))
        #expect(await stops(simulator) == ["dev-social-sandbox": 1, "dev-fraud-busy": 0, "test-kg-sparse": 0])

        let (_, three) = try await night(2, harness, simulator, endpoint: endpoint, usage: usage)
        #expect(three["dev-social-sandbox"]?["decision"] == "skip")
        #expect(three["dev-fraud-busy"]?["result"] == "requested")
        #expect(three["test-kg-sparse"]?["result"] == "requested")
        #expect(await stops(simulator) == ["dev-social-sandbox": 1, "dev-fraud-busy": 1, "test-kg-sparse": 1])
    }

    /// A dry-run says what a live run would notice, but starts no period: the next live run notices afresh.
    @Test func aDryRunNoticeStartsNoClock() async throws {
        let harness = try CLIHarness()
        let usage = try usage(harness)
        let (simulator, endpoint) = try await CLIHarness.simulator()
        defer { Task { await simulator.stop() } }
        await simulator.setClock(to: Self.start)
        var arguments = harness.arguments(["--endpoint", endpoint, "--dry-run"], report: "dry.csv")
        arguments[arguments.firstIndex(of: CLIHarness.usage)!] = usage
        arguments[arguments.firstIndex(of: CLIHarness.policy)!] = Self.policy
        let dry = try await harness.outcome(arguments, environment: CLIHarness.credentials)
        #expect(dry.summary.noticed == 3)
        #expect(
            try harness.reportRows("dry.csv").filter { $0["result"] == "noticed" }.allSatisfy {
                $0["reason"]?.hasPrefix("would be noticed: ") == true
            }
        )

        let (live, rows) = try await night(1, harness, simulator, endpoint: endpoint, usage: usage)
        #expect(live.summary.noticed == 3)
        #expect(rows["dev-social-sandbox"]?["reason"]?.contains("given at 2026-11-28T02:00:00Z)") == true)
    }
}
