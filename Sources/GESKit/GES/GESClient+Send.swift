import Foundation
import Logging

extension GESClient {
    /// The final answer of a request after retries: a response, or the transport error of the last attempt.
    enum Answer: Sendable {
        case response(HTTPResponse)
        case noResponse(TransportError)
    }

    /// The final answer of a request, and how many earlier attempts got none (a timeout or a broken connection).
    ///
    /// An attempt without an answer may still have reached GES and taken effect: a stop retried after one and
    /// told "already stopped" was most likely stopped by that attempt.
    struct Delivery: Sendable {
        var answer: Answer
        var unansweredAttempts: Int
    }

    /// Sends a request with authorization and retries; throws only for authentication failures.
    func send(
        method: String,
        path: String,
        query: [(String, String)] = [],
        body: Data? = nil
    ) async throws(GESError)
        -> Answer
    {
        try await deliver(method: method, path: path, query: query, body: body).answer
    }

    /// One attempt's answer, whether it may be repeated, and the wait a 429 or 503 asked for.
    struct Attempt: Sendable {
        var answer: Answer
        var isRetryable: Bool
        var retryAfter: RetryAfter?
    }

    /// Sends a request with authorization and retries, counting the attempts that got no answer.
    ///
    /// Retries 429, 500, 502, 503, 504 and retryable transport errors with full-jitter backoff, waiting at least
    /// as long as a 429/503 `Retry-After` asks, within `retryPolicy.maxAttempts` and `retryPolicy.maxTotal`
    /// (see `RetryPolicy.decision`; the attempt's timeout is `requestTimeout`, else the transport's default).
    /// A 401 marks the client as failed.
    func deliver(
        method: String,
        path: String,
        query: [(String, String)] = [],
        body: Data? = nil
    )
        async throws(GESError) -> Delivery
    {
        let url = try url(path: path, query: query)
        let start = clock.now()
        let attemptTimeout = requestTimeout ?? transport.defaultTimeout ?? .zero
        var generator = SystemRandomNumberGenerator()
        var attempt = 0
        var unanswered = 0
        while true {
            attempt += 1
            let result = try await sendAttempt(method: method, url: url, path: path, body: body, attempt: attempt)
            let delivery = Delivery(answer: result.answer, unansweredAttempts: unanswered)
            guard result.isRetryable else { return delivery }
            let decision = retryPolicy.decision(
                afterAttempt: attempt,
                elapsed: clock.now() - start,
                backoff: retryPolicy.delay(afterAttempt: attempt, using: &generator),
                retryAfter: result.retryAfter?.delay,
                attemptTimeout: attemptTimeout
            )
            guard let delay = retryDelay(decision, method: method, path: path) else { return delivery }
            if case .noResponse = result.answer { unanswered += 1 }
            var metadata: Logger.Metadata = [
                "method": "\(method)", "path": "\(path)", "attempt": "\(attempt + 1)", "delay": "\(delay)",
            ]
            if let retryAfter = result.retryAfter { metadata["retry_after"] = "\(retryAfter.delay)" }
            logger.warning("retrying GES request", metadata: metadata)
            do {
                try await clock.sleep(delay)
            } catch {
                return delivery
            }
        }
    }

    /// One attempt: authorizes and sends the request; a 401 marks the client as failed and is not retried.
    func sendAttempt(
        method: String,
        url: URL,
        path: String,
        body: Data?,
        attempt: Int
    ) async throws(GESError) -> Attempt {
        guard !authenticationState.hasFailed else {
            throw GESError(
                kind: .authenticationFailed,
                message: "authentication failed earlier in this run; request not sent"
            )
        }
        var request = HTTPRequest(
            method: method,
            url: url,
            headers: ["Content-Type": "application/json"],
            body: body ?? Data(),
            timeout: requestTimeout
        )
        do {
            try await authorizer.authorize(&request, projectID: projectID)
        } catch {
            authenticationState.markFailed()
            throw GESError(kind: .authenticationFailed, message: error.description)
        }
        do {
            let response = try await transport.send(request)
            serverClockState.record(response, receivedAt: clock.date())
            logger.debug(
                "GES answered",
                metadata: [
                    "method": "\(method)", "path": "\(path)", "status": "\(response.status)", "attempt": "\(attempt)",
                ]
            )
            if response.status == 401 {
                authenticationState.markFailed()
                return Attempt(answer: .response(response), isRetryable: false)
            }
            return Attempt(
                answer: .response(response),
                isRetryable: RetryPolicy.isRetryable(status: response.status),
                retryAfter: RetryAfter.hint(in: response, receivedAt: clock.date())
            )
        } catch {
            logger.debug(
                "GES request got no answer",
                metadata: ["method": "\(method)", "path": "\(path)", "error": "\(error)", "attempt": "\(attempt)"]
            )
            return Attempt(answer: .noResponse(error), isRetryable: error.isRetryable)
        }
    }

    /// The wait before the next attempt, or nil when the retry policy gives up (logged when a `Retry-After` asks
    /// for more than the budget).
    func retryDelay(_ decision: RetryDecision, method: String, path: String) -> Duration? {
        switch decision {
        case .retry(let after):
            return after
        case .giveUp(.retryAfterBeyondBudget(let hint)):
            logger.warning(
                "not retrying GES request: the answer asks to wait longer than the retry budget allows",
                metadata: ["method": "\(method)", "path": "\(path)", "retry_after": "\(hint)"]
            )
            return nil
        case .giveUp:
            return nil
        }
    }

    /// The error for an answer that was not the expected success, with secrets redacted.
    func error(for answer: Answer, what: String) -> GESError {
        var error = Self.error(for: answer, what: what)
        error.message = authorizer.redact(error.message)
        return error
    }

    /// The error for an answer that was not the expected success.
    static func error(for answer: Answer, what: String) -> GESError {
        switch answer {
        case .noResponse(let error):
            return GESError(kind: .transport, message: "\(what): \(error)")
        case .response(let response):
            let details = GESErrorBody.parse(response.body)
            let kind: GESError.Kind = response.status == 401 ? .authenticationFailed : .httpStatus
            let message = details.message.map { "\(what): \($0)" } ?? "\(what): GES answered HTTP \(response.status)"
            return GESError(kind: kind, message: message, httpStatus: response.status, code: details.code)
        }
    }
}
