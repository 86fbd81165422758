import Foundation

/// The GES endpoint's clock as an answer stated it: its `Date` header, and the local time the answer arrived.
///
/// docs/ges-api.md §12: AK/SK signatures are refused when the clocks differ by more than about 15 minutes, and a live
/// run must act on the endpoint's present, so the job compares its instants with this reading.
public struct ServerClockReading: Sendable, Equatable {
    /// The answer's `Date` (whole seconds).
    public var serverDate: Date
    /// The local clock when the answer arrived.
    public var receivedAt: Date

    public init(serverDate: Date, receivedAt: Date) {
        self.serverDate = serverDate
        self.receivedAt = receivedAt
    }

    /// How far the endpoint's clock is ahead of the local one (negative: behind), in seconds.
    public var skew: TimeInterval { serverDate.timeIntervalSince(receivedAt) }

    /// The reading of `response`, or nil when it has no valid `Date` header.
    public init?(_ response: HTTPResponse, receivedAt: Date) {
        guard let value = response.headers["Date"], let date = HTTPDate.parse(value) else { return nil }
        self.init(serverDate: date, receivedAt: receivedAt)
    }
}

/// Keeps the first reading of a client, across its copies.
final class ServerClockState: Sendable {
    private let reading = Locked<ServerClockReading?>(nil)

    var first: ServerClockReading? { reading.withLock { $0 } }

    func record(_ response: HTTPResponse, receivedAt: Date) {
        guard first == nil, let new = ServerClockReading(response, receivedAt: receivedAt) else { return }
        reading.withLock { if $0 == nil { $0 = new } }
    }
}
