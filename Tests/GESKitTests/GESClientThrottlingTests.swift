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
    static let graphID = "g1"

    @Test(arguments: [429, 503])
    func retryAfterSecondsDelaysTheNextAttempt(_ status: Int) async throws {
        let throttled = ScriptedAnswer(status: status, headers: ["Retry-After": "1"])
        let (client, transport, simulator) = try await Self.client(
            script: [throttled, ScriptedAnswer(status: 200)],
            budget: .seconds(40),
            requestTimeout: .seconds(10)
        )
        defer { Task { await simulator.stop() } }

        guard case .requested = await client.stopGraph(id: Self.graphID) else {
            Issue.record("the stop after the throttled answer was not requested")
            return
        }
        let attempts = transport.attempts
        try #require(attempts.map(\.status) == [status, 200])
        #expect(attempts[1].start - attempts[0].end >= .seconds(1))
    }

    @Test func retryAfterAsAnHTTPDateDelaysTheNextAttemptUntilThen() async throws {
        let date = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.up) + 3)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let throttled = ScriptedAnswer(status: 429, headers: ["Retry-After": formatter.string(from: date)])
        let (client, transport, simulator) = try await Self.client(
            script: [throttled, ScriptedAnswer(status: 200)],
            budget: .seconds(40),
            requestTimeout: .seconds(10)
        )
        defer { Task { await simulator.stop() } }

        guard case .requested = await client.stopGraph(id: Self.graphID) else {
            Issue.record("the stop after the throttled answer was not requested")
            return
        }
        let attempts = transport.attempts
        try #require(attempts.map(\.status) == [429, 200])
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

    /// A simulator serving one running graph whose stops answer `script` first, and a client for it.
    static func client(
        script: [ScriptedAnswer],
        budget: Duration,
        requestTimeout: Duration?,
        transportTimeout: Duration = .seconds(30)
    ) async throws -> (GESClient, TimedTransport, Simulator) {
        let fleet = FleetDocument(graphs: [["id": .string(graphID), "name": "throttled", "status": "200"]])
        let simulator = Simulator(
            configuration: SimulatorConfiguration(
                fleet: fleet,
                projectID: ClientFactory.projectID,
                token: "test-token",
                faults: FaultSettings(scripts: [graphID: script]),
                seed: 7
            )
        )
        let port = try await simulator.start()
        let transport = TimedTransport(try CurlTransport(configuration: .init(timeout: transportTimeout)))
        let logger = Logger(label: "throttling", factory: { _ in SwiftLogNoOpLogHandler() })
        let authorizer = RequestAuthorizer(credentials: .token("test-token"), transport: transport, logger: logger)
        // A tiny backoff, so any wait of a second or more comes from the Retry-After header.
        let retry = RetryPolicy(
            maxAttempts: 3,
            maxTotal: budget,
            baseDelay: .milliseconds(10),
            maxDelay: .milliseconds(10)
        )
        let client = try GESClient(
            transport: transport,
            endpoint: try #require(URL(string: "http://127.0.0.1:\(port)")),
            projectID: ClientFactory.projectID,
            authorizer: authorizer,
            logger: logger,
            retryPolicy: retry,
            requestTimeout: requestTimeout
        )
        return (client, transport, simulator)
    }
}

/// Passes requests to another transport and notes, on the client's clocks, when each started and ended.
final class TimedTransport: HTTPTransport {
    struct Attempt {
        var start: ContinuousClock.Instant
        var wallClockStart: Date
        var end: ContinuousClock.Instant
        /// The answer's status; nil when there was none.
        var status: Int?
    }

    private let inner: any HTTPTransport
    private let recorded = Mutex<[Attempt]>([])

    init(_ inner: any HTTPTransport) { self.inner = inner }

    var attempts: [Attempt] { recorded.withLock { $0 } }

    var defaultTimeout: Duration? { inner.defaultTimeout }

    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        let (start, wallClockStart) = (ContinuousClock.now, Date())
        var status: Int?
        defer {
            recorded.withLock {
                $0.append(Attempt(start: start, wallClockStart: wallClockStart, end: .now, status: status))
            }
        }
        let response = try await inner.send(request)
        status = response.status
        return response
    }
}
