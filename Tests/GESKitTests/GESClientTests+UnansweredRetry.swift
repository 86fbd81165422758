import Foundation
import GESSimulator
import Logging
import Testing

@testable import GESKit

/// A stop retried after an attempt without answer, against `ges-sim`'s scripted answers: "already stopped" on the
/// retry means the unanswered attempt stopped the graph, so the outcome is the caller's own stop.
struct GESClientUnansweredRetryTests {
    static let graphID = ScriptedStopHarness.graphID
    static let notRunning = ScriptedAnswer(
        status: 400,
        body: ["error_code": "GES.7001", "error_msg": "The graph is not running."]
    )

    /// GES takes the stop at once but answers after 6 s; the client gives up after 2 s and asks again.
    @Test func aTimedOutStopWhoseRetryFindsTheGraphStoppingIsTheCallersOwnStop() async throws {
        let (client, transport, simulator) = try await Self.client(
            script: [ScriptedAnswer(status: 200, delayMilliseconds: 6000)],
            jobDelay: 3600
        )
        defer { Task { await simulator.stop() } }
        let outcome = await client.stopGraph(id: Self.graphID)
        let message = "The graph is being stopped or has been stopped."
        #expect(outcome == .stoppedByUnansweredAttempt(code: "GES.7003", message: message))
        #expect(transport.attempts.map(\.status) == [nil, 400])
    }

    @Test func aTimedOutStopWhoseRetryIsToldNotRunningIsTheCallersOwnStop() async throws {
        let late = ScriptedAnswer(status: 200, body: ["job_id": "late"], delayMilliseconds: 6000)
        let (client, transport, simulator) = try await Self.client(script: [late, Self.notRunning])
        defer { Task { await simulator.stop() } }
        let outcome = await client.stopGraph(id: Self.graphID)
        #expect(outcome == .stoppedByUnansweredAttempt(code: "GES.7001", message: "The graph is not running."))
        #expect(transport.attempts.map(\.status) == [nil, 400])
    }

    /// An answered 503 took no effect: "not running" on the retry is somebody else's stop, as without a retry.
    @Test func anAnsweredAttemptBeforeTheRetryLeavesAlreadyStopped() async throws {
        let (client, transport, simulator) = try await Self.client(
            script: [ScriptedAnswer(status: 503), Self.notRunning],
            requestTimeout: .seconds(20)
        )
        defer { Task { await simulator.stop() } }
        let outcome = await client.stopGraph(id: Self.graphID)
        #expect(outcome == .alreadyStopped(code: "GES.7001", message: "The graph is not running."))
        #expect(transport.attempts.map(\.status) == [503, 400])
    }

    @Test func aTimedOutStopWhoseRetryIsAcceptedIsRequested() async throws {
        let late = ScriptedAnswer(status: 200, body: ["job_id": "late"], delayMilliseconds: 6000)
        let (client, _, simulator) = try await Self.client(script: [late])
        defer { Task { await simulator.stop() } }
        guard case .requested(let jobID) = await client.stopGraph(id: Self.graphID) else {
            Issue.record("the retry's accepted stop was not requested")
            return
        }
        #expect(jobID != "late")
    }

    /// A simulator serving one running graph whose stops answer `script` first, and a client for it.
    ///
    /// The 2 s request timeout is far below the scripted 6 s answers and far above a loopback answer, even on a
    /// loaded machine.
    static func client(
        script: [ScriptedAnswer],
        jobDelay: TimeInterval = 0.05,
        requestTimeout: Duration = .seconds(2)
    ) async throws -> (GESClient, TimedTransport, Simulator) {
        try await ScriptedStopHarness.start(
            script: script,
            jobDelay: jobDelay,
            budget: .seconds(60),
            requestTimeout: requestTimeout
        )
    }
}
