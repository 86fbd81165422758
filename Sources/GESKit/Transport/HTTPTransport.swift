/// The seam between the GES client and the network: send one request, get one response.
///
/// `CurlTransport` is the real one; tests may substitute their own.
public protocol HTTPTransport: Sendable {
    /// Sends `request` and returns the response, whatever its status; throws only when no response arrived.
    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse

    /// The longest a request without a timeout of its own may take, if the transport enforces one.
    ///
    /// The retry loop needs it to keep a whole attempt inside `RetryPolicy.maxTotal`.
    var defaultTimeout: Duration? { get }
}

extension HTTPTransport {
    /// No known limit: the retry budget then counts only elapsed time and sleeps.
    public var defaultTimeout: Duration? { nil }
}
