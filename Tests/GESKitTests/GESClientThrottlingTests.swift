import Foundation
import GESSimulator
import Logging
import Synchronization
import Testing

@testable import GESKit

/// `GESClient` against an in-process `ges-sim` whose scripted stop answers carry `Retry-After`.
///
/// Times are measured on the client's side and only bounded from below (or, for "at once", far from above),
/// so a loaded machine cannot break them. Request timeouts are generous for the same reason: a first attempt
/// that timed out would carry no hint.
struct GESClientThrottlingTests {
    static let graphID = ScriptedStopHarness.graphID

    @Test(arguments: [429, 503])
    func retryAfterSecondsDelaysTheNextAttempt(_ status: Int) async throws {
        let attempts = try await Self.attemptsThrough(ScriptedAnswer(status: status, headers: ["Retry-After": "1"]))
        #expect(attempts[1].start - attempts[0].end >= .seconds(1))
    }

    @Test func retryAfterAsAnHTTPDateDelaysTheNextAttemptUntilThen() async throws {
        let date = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.up) + 3)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let throttled = ScriptedAnswer(status: 429, headers: ["Retry-After": formatter.string(from: date)])
        let attempts = try await Self.attemptsThrough(throttled)
        // Wall-clock time, as the date is; a tenth of a second for the two clocks' granularity.
        #expect(attempts[1].wallClockStart >= date.addingTimeInterval(-0.1))
    }

    @Test func retryAfterBeyondTheBudgetFailsAtOnceWithTheThrottledAnswer() async throws {
        let throttled = ScriptedAnswer(status: 429, headers: ["Retry-After": "120"])
        let (client, transport, simulator) = try await Self.client(
            script: [throttled, ScriptedAnswer(status: 200)],
            budget: .seconds(40),
            requestTimeout: .seconds(10)
        )
        defer { Task { await simulator.stop() } }

        let start = ContinuousClock.now
        let outcome = await client.stopGraph(id: Self.graphID)
        #expect(ContinuousClock.now - start < .seconds(60), "it slept for the hint")
        #expect(
            outcome
                == .failed(httpStatus: 429, code: "APIGW.0308", message: "The throttling threshold has been reached.")
        )
        #expect(transport.attempts.count == 1)
    }

    /// The attempt's timeout comes from the client (`requestTimeout`) or, when it sets none, from the transport.
    @Test(arguments: [true, false])
    func aBudgetShorterThanTheRequestTimeoutSendsOneAttempt(timeoutOnTheClient: Bool) async throws {
        let (client, transport, simulator) = try await Self.client(
            script: [ScriptedAnswer(status: 503), ScriptedAnswer(status: 200)],
            budget: .seconds(5),
            requestTimeout: timeoutOnTheClient ? .seconds(10) : nil,
            transportTimeout: .seconds(10)
        )
        defer { Task { await simulator.stop() } }

        let outcome = await client.stopGraph(id: Self.graphID)
        guard case .failed(503, _, _) = outcome else {
            Issue.record("expected the 503, got \(outcome)")
            return
        }
        #expect(transport.attempts.count == 1)
    }

    /// Stops the graph through `throttled` and then a 200, with a 40 s budget and 10 s request timeouts; returns
    /// the two attempts once the stop was requested.
    static func attemptsThrough(_ throttled: ScriptedAnswer) async throws -> [TimedTransport.Attempt] {
        let (client, transport, simulator) = try await Self.client(
            script: [throttled, ScriptedAnswer(status: 200)],
            budget: .seconds(40),
            requestTimeout: .seconds(10)
        )
        defer { Task { await simulator.stop() } }
        let outcome = await client.stopGraph(id: Self.graphID)
        guard case .requested = outcome else {
            throw ThrottledStopError(description: "the stop after the throttled answer was not requested: \(outcome)")
        }
        let attempts = transport.attempts
        try #require(attempts.map(\.status) == [throttled.status, 200])
        return attempts
    }

    struct ThrottledStopError: Error, CustomStringConvertible {
        var description: String
    }

    /// A simulator serving one running graph whose stops answer `script` first, and a client for it.
    static func client(
        script: [ScriptedAnswer],
        budget: Duration,
        requestTimeout: Duration?,
        transportTimeout: Duration = .seconds(30)
    ) async throws -> (GESClient, TimedTransport, Simulator) {
        try await ScriptedStopHarness.start(
            script: script,
            budget: budget,
            requestTimeout: requestTimeout,
            transportTimeout: transportTimeout
        )
    }
}
