/// Why a GES call failed: a bad identifier, broken authentication, an incomplete inventory, an
/// unexpected answer, or no answer. The description is safe to print; it never holds credentials.
public struct GESError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// A project, graph or job ID failed validation; nothing was sent.
        case invalidIdentifier
        /// GES answered 401, or credentials could not be applied: the run must stop sending.
        case authenticationFailed
        /// The graph listing failed, ended short, or repeated graphs.
        case incompleteInventory
        /// GES answered with an error status.
        case httpStatus
        /// No answer after the retries (timeout, connection, TLS).
        case transport
        /// The answer could not be understood.
        case malformedResponse
        /// A job did not finish before the deadline.
        case jobWaitTimedOut
    }

    public var kind: Kind
    public var message: String
    public var httpStatus: Int?
    /// The service's error code (`GES.7001`, `APIGW.0301`, …), when it sent one.
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
