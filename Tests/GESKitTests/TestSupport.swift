import Foundation
import InMemoryLogging
import Logging
import Synchronization

@testable import GESKit

/// A clock whose sleeps return at once and advance its time; records every sleep.
final class FakeClock: Sendable {
    private let state = Mutex<(now: Duration, sleeps: [Duration])>((.zero, []))

    var sleeps: [Duration] { state.withLock { $0.sleeps } }

    func advance(by duration: Duration) { state.withLock { $0.now += duration } }

    var retryClock: RetryClock {
        RetryClock(
            now: { [self] in state.withLock { $0.now } },
            sleep: { [self] duration in
                state.withLock {
                    $0.now += duration
                    $0.sleeps.append(duration)
                }
            }
        )
    }
}

/// Builds GES clients against a loopback server with a real `CurlTransport`.
enum ClientFactory {
    static let projectID = "0123456789abcdef0123456789abcdef"

    static func client(
        server: LoopbackServer,
        credentials: Credentials = .token("test-token"),
        clock: FakeClock = FakeClock(),
        retry: RetryPolicy = RetryPolicy(),
        timeout: Duration? = nil,
        logger: Logger = Logger(label: "test")
    ) throws -> GESClient {
        let transport = try CurlTransport()
        let authorizer = RequestAuthorizer(credentials: credentials, transport: transport, logger: logger)
        return try GESClient(
            transport: transport,
            endpoint: server.baseURL,
            projectID: projectID,
            authorizer: authorizer,
            logger: logger,
            retryPolicy: retry,
            clock: clock.retryClock,
            requestTimeout: timeout
        )
    }
}
