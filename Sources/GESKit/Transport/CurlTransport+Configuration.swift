import Foundation

extension CurlTransport {
    /// Limits and TLS settings of a `CurlTransport`.
    public struct Configuration: Sendable, Equatable {
        /// Time allowed to establish the connection (TCP and TLS).
        public var connectTimeout: Duration
        /// Total time allowed for one request, unless the request sets its own.
        public var timeout: Duration
        /// Responses with a larger body are aborted with `bodyTooLarge`.
        public var maxResponseBytes: Int
        /// Responses with more header lines (status and blank lines, 1xx and proxy blocks included) are aborted
        /// with `headersTooLarge`; enforced by the transport, since libcurl 7.x has no such cap.
        public var maxHeaderLines: Int
        /// Responses with more header bytes in total (all lines as received, line ends included) are aborted with
        /// `headersTooLarge`.
        public var maxHeaderBytes: Int
        /// Extra CA certificates (PEM), trusted in addition to the system store.
        public var caFile: String?
        /// Requests performed at the same time; also the number of worker threads and pooled handles.
        public var concurrency: Int
        public var userAgent: String

        public init(
            connectTimeout: Duration = .seconds(10),
            timeout: Duration = .seconds(30),
            maxResponseBytes: Int = 8 * 1024 * 1024,
            maxHeaderLines: Int = 100,
            maxHeaderBytes: Int = 64 * 1024,
            caFile: String? = nil,
            concurrency: Int = 8,
            userAgent: String = "ges-idle-stop"
        ) {
            self.connectTimeout = connectTimeout
            self.timeout = timeout
            self.maxResponseBytes = maxResponseBytes
            self.maxHeaderLines = maxHeaderLines
            self.maxHeaderBytes = maxHeaderBytes
            self.caFile = caFile
            self.concurrency = concurrency
            self.userAgent = userAgent
        }
    }
}

extension Duration {
    /// Whole milliseconds, rounded up so a tiny positive duration never becomes "no timeout" (0).
    var curlMilliseconds: Int {
        let (seconds, attoseconds) = components
        let millis = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int(max(1, millis))
    }
}
