import Foundation
import GESSimulator
import IdleStopTestSupport
import Logging
import Testing

@testable import GESKit

/// `ges-sim` serving one running graph, `g1`, whose stop requests get `script`'s answers first, and a GES client
/// for it that notes when each attempt started and ended.
///
/// The client retries three times with a 10 ms backoff, so any longer wait between attempts comes from the
/// answers (a `Retry-After`, a late answer) and not from the backoff.
enum ScriptedStopHarness {
    static let graphID = "g1"

    /// Starts the simulator (its stop jobs take `jobDelay`) and makes the client; the caller stops the simulator.
    static func start(
        script: [ScriptedAnswer],
        jobDelay: TimeInterval = 0.5,
        budget: Duration,
        requestTimeout: Duration?,
        transportTimeout: Duration = .seconds(30)
    ) async throws -> (GESClient, TimedTransport, Simulator) {
        let (simulator, endpoint) = try await Simulator.startOnLoopback(
            SimulatorConfiguration(
                fleet: FleetDocument(graphs: [["id": .string(graphID), "name": "scripted", "status": "200"]]),
                projectID: ClientFactory.projectID,
                token: "test-token",
                jobDelay: jobDelay,
                faults: FaultSettings(scripts: [graphID: script]),
                seed: 7
            )
        )
        let transport = TimedTransport(try CurlTransport(configuration: .init(timeout: transportTimeout)))
        let logger = Logger.discarding("scripted-stop")
        let authorizer = RequestAuthorizer(credentials: .token("test-token"), transport: transport, logger: logger)
        let retry = RetryPolicy(
            maxAttempts: 3,
            maxTotal: budget,
            baseDelay: .milliseconds(10),
            maxDelay: .milliseconds(10)
        )
        let client = try GESClient(
            transport: transport,
            endpoint: try #require(URL(string: endpoint)),
            projectID: ClientFactory.projectID,
            authorizer: authorizer,
            logger: logger,
            retryPolicy: retry,
            requestTimeout: requestTimeout
        )
        return (client, transport, simulator)
    }
}
