/// Why a request got no HTTP response: timeout, connection or TLS failure, refused URL, oversized answer.
///
/// The description names the host and what went wrong, never header values, tokens or keys.
public struct TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// The connect or total timeout elapsed.
        case timeout
        /// DNS, TCP connect, send or receive failed.
        case connectionFailed
        /// TLS handshake or certificate verification failed.
        case tlsFailure
        /// The response body exceeded the transport's limit.
        case bodyTooLarge
        /// The response headers exceeded the transport's limit on lines or bytes.
        ///
        /// Not retryable: no real GES or IAM answer comes near the limits, so the server is broken or hostile,
        /// and asking again would only read another flood.
        case headersTooLarge
        /// A plain-http URL to a host that is not loopback, or a scheme other than http/https.
        case insecureURLRefused
        /// The request itself is unusable (bad header, bad CA file); nothing was sent.
        case invalidRequest
        /// The calling task was cancelled.
        case cancelled
        /// Any other libcurl failure.
        case other
    }

    public var kind: Kind
    /// The host the request was for (no path, no query).
    public var host: String
    /// A short explanation, free of secrets.
    public var detail: String

    public init(kind: Kind, host: String, detail: String) {
        self.kind = kind
        self.host = host
        self.detail = detail
    }

    /// Whether sending the same request again may succeed (timeouts and connection failures).
    public var isRetryable: Bool { kind == .timeout || kind == .connectionFailed }

    public var description: String {
        let target = host.isEmpty ? "" : " (\(host))"
        switch kind {
        case .timeout: return "request timed out\(target): \(detail)"
        case .connectionFailed: return "connection failed\(target): \(detail)"
        case .tlsFailure: return "TLS failure\(target): \(detail)"
        case .bodyTooLarge: return "response body too large\(target): \(detail)"
        case .headersTooLarge: return "response headers too large\(target): \(detail)"
        case .insecureURLRefused: return "refused to send\(target): \(detail)"
        case .invalidRequest: return "invalid request\(target): \(detail)"
        case .cancelled: return "request cancelled\(target)"
        case .other: return "transfer failed\(target): \(detail)"
        }
    }
}
