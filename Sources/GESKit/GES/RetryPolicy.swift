import Foundation

/// How often and how long a request is retried after 429, 5xx, timeouts and connection errors.
///
/// Exponential backoff with full jitter: before attempt n+1 the client sleeps a random duration in
/// `0...min(maxDelay, baseDelay × 2^(n-1))`, or at least as long as a 429/503 answer's `Retry-After` asks.
/// `maxTotal` is a hard budget from the start of the first attempt: a retry is sent only when its sleep and
/// its whole request timeout fit in what is left (`decision(afterAttempt:...)`).
public struct RetryPolicy: Sendable, Equatable {
    public var maxAttempts: Int
    /// The time budget of one request, all attempts, sleeps and the last attempt's timeout included.
    ///
    /// The first attempt is always sent, so a budget shorter than the request timeout means "no retries".
    public var maxTotal: Duration
    public var baseDelay: Duration
    public var maxDelay: Duration

    public init(
        maxAttempts: Int = 4,
        maxTotal: Duration = .seconds(60),
        baseDelay: Duration = .milliseconds(500),
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

    /// Whether and when to send attempt `attempt + 1`, after an attempt whose answer deserves another.
    ///
    /// The sleep is the backoff, or the hint when the hint is longer. A retry is sent only if
    /// `elapsed + sleep + attemptTimeout ≤ maxTotal`; with a hint that fits, a longer backoff is shortened to fit,
    /// never below the hint. A hint that does not fit gives up at once rather than sleep for nothing.
    ///
    /// - Parameters:
    ///   - elapsed: time since the first attempt started.
    ///   - backoff: the full-jitter delay drawn for this attempt (`delay(afterAttempt:using:)`).
    ///   - retryAfter: the server's hint (429/503 `Retry-After`), if any.
    ///   - attemptTimeout: the longest the next attempt may take; zero when no timeout is known.
    public func decision(
        afterAttempt attempt: Int,
        elapsed: Duration,
        backoff: Duration,
        retryAfter: Duration?,
        attemptTimeout: Duration
    ) -> RetryDecision {
        guard attempt < maxAttempts else { return .giveUp(.attemptsUsed) }
        let room = maxTotal - elapsed - attemptTimeout
        guard let hint = retryAfter else {
            return backoff <= room ? .retry(after: backoff) : .giveUp(.budgetSpent)
        }
        guard hint <= room else { return .giveUp(.retryAfterBeyondBudget(hint)) }
        return .retry(after: min(max(hint, backoff), room))
    }

    /// Statuses worth another attempt (docs/SPEC.md §7): 429, 500, 502, 503, 504.
    public static func isRetryable(status: Int) -> Bool {
        [429, 500, 502, 503, 504].contains(status)
    }
}
