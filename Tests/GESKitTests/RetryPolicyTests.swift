import Testing

@testable import GESKit

struct RetryPolicyTests {
    @Test func capsGrowExponentiallyUpToMaxDelay() {
        let policy = RetryPolicy(baseDelay: .milliseconds(500), maxDelay: .seconds(3))
        #expect(policy.delayCap(afterAttempt: 1) == .milliseconds(500))
        #expect(policy.delayCap(afterAttempt: 2) == .seconds(1))
        #expect(policy.delayCap(afterAttempt: 3) == .seconds(2))
        #expect(policy.delayCap(afterAttempt: 4) == .seconds(3))
        #expect(policy.delayCap(afterAttempt: 60) == .seconds(3))
    }

    @Test func fullJitterStaysWithinTheCap() {
        let policy = RetryPolicy()
        var generator = SystemRandomNumberGenerator()
        for attempt in 1...6 {
            for _ in 0..<50 {
                let delay = policy.delay(afterAttempt: attempt, using: &generator)
                #expect(delay >= .zero && delay <= policy.delayCap(afterAttempt: attempt))
            }
        }
    }

    @Test(arguments: [
        (429, true), (500, true), (502, true), (503, true), (504, true), (400, false), (401, false),
        (403, false), (404, false), (501, false), (200, false),
    ])
    func retryableStatuses(_ status: Int, _ retryable: Bool) {
        #expect(RetryPolicy.isRetryable(status: status) == retryable)
    }

    @Test func retriesWithTheBackoffWhenAWholeAttemptStillFits() {
        let policy = RetryPolicy(maxAttempts: 4, maxTotal: .seconds(10))
        let decision = policy.decision(
            afterAttempt: 1,
            elapsed: .seconds(2),
            backoff: .seconds(1),
            retryAfter: nil,
            attemptTimeout: .seconds(7)
        )
        #expect(decision == .retry(after: .seconds(1)))
    }

    @Test func givesUpWhenTheBackoffAndTheAttemptTimeoutPassTheBudget() {
        let policy = RetryPolicy(maxAttempts: 4, maxTotal: .seconds(10))
        let decision = policy.decision(
            afterAttempt: 1,
            elapsed: .seconds(2),
            backoff: .seconds(1),
            retryAfter: nil,
            attemptTimeout: .milliseconds(7001)
        )
        #expect(decision == .giveUp(.budgetSpent))
    }

    @Test func aBudgetShorterThanTheTimeoutAllowsNoRetry() {
        let policy = RetryPolicy(maxAttempts: 4, maxTotal: .seconds(2))
        let decision = policy.decision(
            afterAttempt: 1,
            elapsed: .zero,
            backoff: .zero,
            retryAfter: nil,
            attemptTimeout: .seconds(5)
        )
        #expect(decision == .giveUp(.budgetSpent))
    }

    @Test func anUnknownTimeoutCountsOnlyElapsedTimeAndSleep() {
        let policy = RetryPolicy(maxAttempts: 4, maxTotal: .seconds(10))
        #expect(
            policy.decision(
                afterAttempt: 2,
                elapsed: .seconds(9),
                backoff: .seconds(1),
                retryAfter: nil,
                attemptTimeout: .zero
            )
                == .retry(after: .seconds(1))
        )
    }

    @Test func noRetryAfterTheLastAttemptWhateverTheBudget() {
        let policy = RetryPolicy(maxAttempts: 3, maxTotal: .seconds(3600))
        let decision = policy.decision(
            afterAttempt: 3,
            elapsed: .zero,
            backoff: .zero,
            retryAfter: .seconds(1),
            attemptTimeout: .zero
        )
        #expect(decision == .giveUp(.attemptsUsed))
    }

    @Test func aLongerRetryAfterReplacesTheBackoff() {
        let policy = RetryPolicy(maxAttempts: 4, maxTotal: .seconds(60))
        let decision = policy.decision(
            afterAttempt: 1,
            elapsed: .seconds(1),
            backoff: .milliseconds(300),
            retryAfter: .seconds(3),
            attemptTimeout: .seconds(30)
        )
        #expect(decision == .retry(after: .seconds(3)))
    }

    @Test func aShorterRetryAfterKeepsTheBackoff() {
        let policy = RetryPolicy(maxAttempts: 4, maxTotal: .seconds(60))
        let decision = policy.decision(
            afterAttempt: 3,
            elapsed: .seconds(1),
            backoff: .seconds(2),
            retryAfter: .zero,
            attemptTimeout: .seconds(30)
        )
        #expect(decision == .retry(after: .seconds(2)))
    }

    @Test func aRetryAfterBeyondTheBudgetGivesUpAtOnce() {
        let policy = RetryPolicy(maxAttempts: 4, maxTotal: .seconds(10))
        let decision = policy.decision(
            afterAttempt: 1,
            elapsed: .seconds(1),
            backoff: .zero,
            retryAfter: .seconds(8),
            attemptTimeout: .seconds(2)
        )
        #expect(decision == .giveUp(.retryAfterBeyondBudget(.seconds(8))))
    }

    @Test func aRetryAfterThatFitsShortensALongerBackoffToFitButNotBelowTheHint() {
        let policy = RetryPolicy(maxAttempts: 4, maxTotal: .seconds(10))
        let decision = policy.decision(
            afterAttempt: 4 - 1,
            elapsed: .seconds(1),
            backoff: .seconds(8),
            retryAfter: .seconds(3),
            attemptTimeout: .seconds(2)
        )
        #expect(decision == .retry(after: .seconds(7)))
    }

    @Test func aRetryAfterThatExactlyFillsTheBudgetIsHonoured() {
        let policy = RetryPolicy(maxAttempts: 4, maxTotal: .seconds(10))
        let decision = policy.decision(
            afterAttempt: 1,
            elapsed: .seconds(1),
            backoff: .zero,
            retryAfter: .seconds(7),
            attemptTimeout: .seconds(2)
        )
        #expect(decision == .retry(after: .seconds(7)))
    }

    @Test func atLeastOneAttempt() {
        #expect(RetryPolicy(maxAttempts: 0).maxAttempts == 1)
        #expect(RetryPolicy.none.maxAttempts == 1)
    }
}
