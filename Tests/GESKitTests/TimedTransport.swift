import Foundation
import Synchronization

@testable import GESKit

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
