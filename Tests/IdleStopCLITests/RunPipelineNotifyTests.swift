import Foundation
import GESSimulator
import IdleStopCore
import IdleStopStorage
import IdleStopTestSupport
import Testing

@testable import IdleStopCLI

/// Runs against an in-process ges-sim that also receives the SMN messages and webhooks.
@Suite struct RunPipelineNotifyTests {
    /// The example fleet's live stops and its flagged graph: what every whole-run message must name.
    static let stopped: Set<String> = ["dev-social-sandbox", "analytics-weekly", "test-ranking-hm"]

    /// Writes the fixture `name` with `ENDPOINT` (and `CLOSED`) replaced; returns its path.
    func config(_ name: String, harness: CLIHarness, endpoint: String, closed: String = "") throws -> String {
        let text = try Fixtures(.module).text("notify/\(name)")
        let path = harness.path(name)
        try text.replacingOccurrences(of: "ENDPOINT", with: endpoint).replacingOccurrences(of: "CLOSED", with: closed)
            .write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func messages(_ simulator: Simulator) async -> [String: JSONValue] {
        var byTarget: [String: JSONValue] = [:]
        for message in await simulator.notifications() {
            let key =
                message["topic_urn"]?.stringValue.map {
                    "smn:" + ($0.split(separator: ":").last.map(String.init) ?? "")
                }
                ?? "webhook:" + (message["name"]?.stringValue ?? "")
            byTarget[key] = message
        }
        return byTarget
    }

    @Test func aLiveRunSendsSMNAndBothWebhookFormatsAndEachOwnerItsGraphs() async throws {
        let harness = try CLIHarness()
        let (simulator, endpoint) = try await CLIHarness.simulator()
        defer { Task { await simulator.stop() } }
        let config = try config("notify.yml", harness: harness, endpoint: endpoint)
        var environment = CLIHarness.credentials
        environment["TEST_SLACK_WEBHOOK"] = endpoint + "/_sim/webhooks/slack"
        let outcome = try await harness.outcome(
            harness.arguments(["--endpoint", endpoint, "--config", config]),
            environment: environment
        )
        #expect(outcome.status == .done)
        let rows = try harness.reportRows()
        let told = Set(rows.filter { ["stop", "flag"].contains($0["decision"]) }.map { $0["graph_name"]! })
        #expect(told.isSuperset(of: Self.stopped))

        let received = await messages(simulator)
        #expect(
            Set(received.keys) == [
                "smn:ges-idle-stop", "webhook:generic", "webhook:slack", "webhook:team-social", "smn:team-risk",
            ]
        )

        let smn = try #require(received["smn:ges-idle-stop"]?["message"]?.stringValue)
        for name in told { #expect(smn.contains("- \(name) ("), "SMN message lacks \(name)") }
        #expect(smn.contains("Owner team-social:"))
        #expect(smn.contains("Report: \(harness.path("report.csv"))"))
        #expect(try #require(received["smn:ges-idle-stop"]?["subject"]?.stringValue).contains("3 stopped"))

        guard case .array(let genericRows)? = received["webhook:generic"]?["body"]?["rows"] else {
            Issue.record("the generic webhook has no rows")
            return
        }
        #expect(Set(genericRows.compactMap { $0["name"]?.stringValue }) == told)
        #expect(received["webhook:generic"]?["body"]?["run_id"]?.stringValue == outcome.run.id)
        #expect(received["webhook:generic"]?["body"]?["projected_savings"]?["USD"]?.stringValue != nil)

        let slack = try #require(received["webhook:slack"]?["body"]?["text"]?.stringValue)
        for name in Self.stopped { #expect(slack.contains(name)) }

        guard case .array(let ownRows)? = received["webhook:team-social"]?["body"]?["rows"] else {
            Issue.record("the owner's webhook has no rows")
            return
        }
        #expect(ownRows.compactMap { $0["name"]?.stringValue } == ["dev-social-sandbox"])
        #expect(received["webhook:team-social"]?["body"]?["owner"]?.stringValue == "team-social")
        let risk = try #require(received["smn:team-risk"]?["message"]?.stringValue)
        #expect(!risk.contains("dev-social-sandbox"))
        #expect(risk.contains("Graphs of owner team-risk"))

        let store = try HistoryStore(path: harness.path("history.sqlite"))
        let recorded = try store.notifications(runID: outcome.run.id)
        #expect(recorded.count == 5)
        #expect(recorded.allSatisfy { $0.isDelivered && $0.attempts == 1 })
        #expect(recorded.filter { $0.owner != nil }.map(\.owner) == ["team-risk", "team-social"])
    }

    @Test func aFailingWebhookChangesNeitherStopsNorExitStatusAndIsRecorded() async throws {
        let harness = try CLIHarness()
        let (closedSimulator, closed) = try await CLIHarness.simulator()
        await closedSimulator.stop()
        let (simulator, endpoint) = try await CLIHarness.simulator()
        defer { Task { await simulator.stop() } }
        let config = try config("failing.yml", harness: harness, endpoint: endpoint, closed: closed)
        let outcome = try await harness.outcome(
            harness.arguments(["--endpoint", endpoint, "--config", config]),
            environment: CLIHarness.credentials
        )
        #expect(outcome.status == .done)
        #expect(outcome.summary.stopped == 3)
        let view = await CLIHarness.simulatorView(simulator)
        #expect(Set(view.filter { $0.value.stops > 0 }.keys) == Self.stopped)

        let recorded = try HistoryStore(path: harness.path("history.sqlite")).notifications(runID: outcome.run.id)
        #expect(recorded.count == 2)
        let failed = try #require(recorded.first)
        #expect(!failed.isDelivered)
        #expect(failed.attempts == 2)
        #expect(failed.target == closed + "/…")
        #expect(failed.error?.contains("SECRETPART") == false)
        #expect(recorded.last?.isDelivered == true)
        #expect(await simulator.notifications().count == 1)
    }

    @Test func aDryRunDoesNotNotifyUnlessTheConfigSaysSo() async throws {
        let harness = try CLIHarness()
        let (simulator, endpoint) = try await CLIHarness.simulator()
        defer { Task { await simulator.stop() } }
        let config = try config("failing.yml", harness: harness, endpoint: endpoint, closed: endpoint)
        let outcome = try await harness.outcome(
            harness.arguments(["--endpoint", endpoint, "--config", config, "--dry-run"]),
            environment: CLIHarness.credentials
        )
        #expect(outcome.status == .done)
        #expect(await simulator.notifications().isEmpty)
        #expect(try HistoryStore(path: harness.path("history.sqlite")).notifications(runID: outcome.run.id).isEmpty)
    }
}
