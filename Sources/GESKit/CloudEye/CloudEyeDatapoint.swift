/// One aggregated datapoint of `ges004_request_count`: the period starting at `timestamp` and its sum.
public struct CloudEyeDatapoint: Sendable, Equatable, Hashable {
    /// Start of the datapoint's period, Unix milliseconds, as Cloud Eye sent it.
    public var timestamp: Int64
    /// Requests in the period, exactly as received (Cloud Eye may send non-integers).
    public var sum: Double

    public init(timestamp: Int64, sum: Double) {
        self.timestamp = timestamp
        self.sum = sum
    }

    /// Start of the period in Unix seconds (milliseconds rounded down).
    public var periodStart: Int64 {
        timestamp >= 0 ? timestamp / 1000 : -((-timestamp + 999) / 1000)
    }
}
