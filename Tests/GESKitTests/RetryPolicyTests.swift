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

    @Test func atLeastOneAttempt() {
        #expect(RetryPolicy(maxAttempts: 0).maxAttempts == 1)
        #expect(RetryPolicy.none.maxAttempts == 1)
    }
}
