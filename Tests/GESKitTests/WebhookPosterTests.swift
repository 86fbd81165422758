import Foundation
import GESSimulator
import IdleStopTestSupport
import Logging
import Testing

@testable import GESKit

@Suite struct WebhookPosterTests {
    static let logger = Logger.discarding("webhook-test")

    /// Retries 5 ms apart within 20 s.
    static func quickRetry(attempts: Int) -> RetryPolicy {
        RetryPolicy(
            maxAttempts: attempts,
            maxTotal: .seconds(20),
            baseDelay: .milliseconds(5),
            maxDelay: .milliseconds(5)
        )
    }

    /// A poster whose requests time out after `timeout` (short only where nothing answers: a closed port).
    static func poster(retry: RetryPolicy = .none, timeout: Duration = .seconds(30)) throws -> WebhookPoster {
        WebhookPoster(
            delivery: NotificationDelivery(
                transport: try CurlTransport(configuration: .init(timeout: timeout)),
                retryPolicy: retry,
                logger: logger
            )
        )
    }

    @Test func aJSONBodyArrivesAtTheSimulatorsReceiver() async throws {
        let (simulator, endpoint) = try await Simulator.startOnLoopback(
            SimulatorConfiguration(fleet: FleetDocument(graphs: []), seed: 7)
        )
        defer { Task { await simulator.stop() } }
        let url = try #require(URL(string: endpoint + "/_sim/webhooks/team-a"))
        let receipt = try await Self.poster().post(
            Data(#"{"text": "hello"}"#.utf8),
            to: url,
            deadline: Date().addingTimeInterval(30)
        )
        #expect(receipt.isDelivered)
        let recorded = await simulator.notifications()
        #expect(recorded.first?["name"]?.stringValue == "team-a")
        #expect(recorded.first?["body"]?["text"]?.stringValue == "hello")
    }

    @Test func aClosedPortIsRetriedWithinTheBudgetAndReportedWithoutThePath() async throws {
        let (simulator, endpoint) = try await Simulator.startOnLoopback(
            SimulatorConfiguration(fleet: FleetDocument(graphs: []), seed: 7)
        )
        await simulator.stop()
        let url = try #require(URL(string: endpoint + "/services/T000/B000/SECRETPART"))
        let retry = Self.quickRetry(attempts: 3)
        let receipt = try await Self.poster(retry: retry, timeout: .seconds(2)).post(
            Data("{}".utf8),
            to: url,
            deadline: Date().addingTimeInterval(60)
        )
        #expect(!receipt.isDelivered)
        #expect(receipt.attempts == 3, "\(String(describing: receipt.error))")  // a 2 s timeout fits the 20 s budget
        #expect(receipt.error?.description.contains("SECRETPART") == false)
        #expect(receipt.error?.description.contains("\(endpoint)/…") == true)
    }

    @Test func aPassedDeadlineLeavesOneAttempt() async throws {
        let url = try #require(URL(string: "http://127.0.0.1:9/x"))
        let retry = Self.quickRetry(attempts: 5)
        let receipt = try await Self.poster(retry: retry).post(
            Data("{}".utf8),
            to: url,
            deadline: Date().addingTimeInterval(-1)
        )
        #expect(receipt.attempts == 1)
        #expect(!receipt.isDelivered)
    }

    @Test func plainHTTPToAnotherHostIsRefusedBeforeSending() async throws {
        let url = try #require(URL(string: "http://hooks.example/x"))
        let receipt = try await Self.poster().post(Data("{}".utf8), to: url, deadline: Date().addingTimeInterval(30))
        #expect(receipt.attempts == 0)
        #expect(receipt.error?.description.contains("refused") == true)
    }

    @Test func theRedactedURLKeepsOnlySchemeHostAndPort() throws {
        #expect(
            WebhookPoster.redacted(try #require(URL(string: "https://hooks.slack.com/services/T/B/X")))
                == "https://hooks.slack.com/…"
        )
        #expect(WebhookPoster.redacted(try #require(URL(string: "http://127.0.0.1:8080"))) == "http://127.0.0.1:8080")
    }
}
