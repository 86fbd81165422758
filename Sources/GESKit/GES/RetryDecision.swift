/// What the client does after an attempt that deserves another: sleep then retry, or return the last answer.
public enum RetryDecision: Sendable, Equatable {
    /// Sleep this long, then send the next attempt.
    case retry(after: Duration)
    /// Return the last answer now.
    case giveUp(Reason)

    /// Why no further attempt is sent.
    public enum Reason: Sendable, Equatable {
        /// `maxAttempts` attempts were sent.
        case attemptsUsed
        /// The backoff and a whole further attempt would not fit in what is left of `maxTotal`.
        case budgetSpent
        /// The server asked to wait (`Retry-After`) longer than what is left of `maxTotal` allows.
        case retryAfterBeyondBudget(Duration)
    }
}
