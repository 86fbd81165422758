/// Why reading request counts from Cloud Eye failed. The description is safe to print: no credentials.
public struct CloudEyeError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// The arguments cannot make a query (unsafe graph ID, bad project ID or endpoint, empty range).
        case invalidRequest
        /// Cloud Eye answered 401, or credentials could not be applied: the run must stop sending.
        case authenticationFailed
        /// Cloud Eye answered with an error status (after the retries for 429 and 5xx).
        case httpStatus
        /// No answer after the retries (timeout, connection, TLS).
        case transport
        /// The answer could not be understood.
        case malformedResponse
        /// The answer lacks a graph that was asked for, or holds datapoints outside the range asked.
        case incompleteAnswer
    }

    public var kind: Kind
    public var message: String
    public var httpStatus: Int?
    /// The service's error code (`ces.0014`, `APIGW.0301`, …), when it sent one.
    public var code: String?

    public init(kind: Kind, message: String, httpStatus: Int? = nil, code: String? = nil) {
        self.kind = kind
        self.message = message
        self.httpStatus = httpStatus
        self.code = code
    }

    public var description: String {
        ServiceErrorText.describe(message, httpStatus: httpStatus, code: code)
    }
}
