/// The seam between the GES client and the network: send one request, get one response.
///
/// `CurlTransport` is the real one; tests may substitute their own.
public protocol HTTPTransport: Sendable {
    /// Sends `request` and returns the response, whatever its status; throws only when no response arrived.
    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse
}
