import Foundation
import Logging

/// Sends one notification request with retries on 429/5xx and timeouts, never past the run's deadline.
///
/// Shared by the SMN client and the webhook poster. The budget is the retry policy's `maxTotal` or the time
/// left before `deadline`, whichever is shorter; the first attempt is always sent.
public struct NotificationDelivery: Sendable {
    let transport: any HTTPTransport
    let retryPolicy: RetryPolicy
    let clock: RetryClock
    let logger: Logger

    public init(
        transport: any HTTPTransport,
        retryPolicy: RetryPolicy = RetryPolicy(),
        clock: RetryClock = .live,
        logger: Logger
    ) {
        self.transport = transport
        self.retryPolicy = retryPolicy
        self.clock = clock
        self.logger = logger
    }

    /// What came of one notification: the last answer or error, and how many attempts were sent.
    public struct Receipt: Sendable, Equatable {
        public var attempts: Int
        /// nil when delivered (2xx).
        public var error: NotificationError?
        public var isDelivered: Bool { error == nil }

        public init(attempts: Int, error: NotificationError?) {
            self.attempts = attempts
            self.error = error
        }
    }

    /// Sends `makeRequest()` (called per attempt, so signatures are fresh) until it succeeds or the budget ends.
    ///
    /// `target` names the destination in log lines and errors; it must already be redacted.
    public func send(
        target: String,
        deadline: Date,
        makeRequest: @Sendable () async throws(NotificationError) -> HTTPRequest
    ) async -> Receipt {
        var policy = retryPolicy
        let left = Duration.milliseconds(Int64(max(0, deadline.timeIntervalSince(clock.date())) * 1000))
        policy.maxTotal = min(policy.maxTotal, left)
        let start = clock.now()
        let attemptTimeout = transport.defaultTimeout ?? .zero
        var generator = SystemRandomNumberGenerator()
        var attempt = 0
        while true {
            attempt += 1
            let request: HTTPRequest
            do { request = try await makeRequest() } catch {
                return Receipt(attempts: attempt - 1, error: error)
            }
            let failure: NotificationError
            var retryAfter: Duration?
            let retryable: Bool
            do {
                let response = try await transport.send(request)
                if response.isSuccess { return Receipt(attempts: attempt, error: nil) }
                let details = GESErrorBody.parse(response.body)
                failure = NotificationError(
                    "\(target) answered HTTP \(response.status)\(details.message.map { ": \($0)" } ?? "")",
                    httpStatus: response.status,
                    code: details.code
                )
                retryable = RetryPolicy.isRetryable(status: response.status)
                retryAfter = RetryAfter.hint(in: response, receivedAt: clock.date())?.delay
            } catch {
                failure = NotificationError("\(target): \(error)")
                retryable = error.isRetryable
            }
            guard retryable else { return Receipt(attempts: attempt, error: failure) }
            let decision = policy.decision(
                afterAttempt: attempt,
                elapsed: clock.now() - start,
                backoff: policy.delay(afterAttempt: attempt, using: &generator),
                retryAfter: retryAfter,
                attemptTimeout: attemptTimeout
            )
            guard case .retry(let delay) = decision else { return Receipt(attempts: attempt, error: failure) }
            logger.warning(
                "retrying notification",
                metadata: ["target": "\(target)", "attempt": "\(attempt + 1)", "delay": "\(delay)"]
            )
            do { try await clock.sleep(delay) } catch { return Receipt(attempts: attempt, error: failure) }
        }
    }
}
