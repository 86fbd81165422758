import Foundation

/// How often and how long a request is retried after 429, 5xx, timeouts and connection errors.
///
/// Exponential backoff with full jitter: before attempt n+1 the client sleeps a random duration in
/// `0...min(maxDelay, baseDelay × 2^(n-1))`, and gives up when `maxAttempts` are used or the next
/// sleep would pass `maxTotal` since the first attempt.
public struct RetryPolicy: Sendable, Equatable {
    public var maxAttempts: Int
    public var maxTotal: Duration
    public var baseDelay: Duration
    public var maxDelay: Duration

    public init(
        maxAttempts: Int = 4, maxTotal: Duration = .seconds(60), baseDelay: Duration = .milliseconds(500),
        maxDelay: Duration = .seconds(10)
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.maxTotal = maxTotal
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// No retries at all.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// The largest sleep before attempt `attempt + 1` (`attempt` ≥ 1).
    public func delayCap(afterAttempt attempt: Int) -> Duration {
        let exponent = min(max(0, attempt - 1), 30)
        let cap = baseDelay * (1 << exponent)
        return min(cap, maxDelay)
    }

    /// A full-jitter delay before attempt `attempt + 1`.
    public func delay(afterAttempt attempt: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        let cap = delayCap(afterAttempt: attempt)
        let fraction = Double.random(in: 0...1, using: &generator)
        return cap * fraction
    }

    /// Statuses worth another attempt (SPEC §7): 429, 500, 502, 503, 504.
    public static func isRetryable(status: Int) -> Bool {
        [429, 500, 502, 503, 504].contains(status)
    }
}
