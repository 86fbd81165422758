import Foundation

/// One HTTP request as the GES client builds it and the transport sends it.
public struct HTTPRequest: Sendable, Equatable {
    public var method: String
    public var url: URL
    public var headers: HTTPHeaders
    public var body: Data
    /// Total time allowed for this request, or nil for the transport's default.
    public var timeout: Duration?

    public init(
        method: String,
        url: URL,
        headers: HTTPHeaders = HTTPHeaders(),
        body: Data = Data(),
        timeout: Duration? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }

    /// The `Host` header value for `url`: host, plus `:port` when the URL names one.
    public var hostHeaderValue: String {
        let components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        var host = components?.percentEncodedHost ?? url.host ?? ""
        if host.contains(":"), !host.hasPrefix("[") { host = "[" + host + "]" }
        if let port = components?.port { return "\(host):\(port)" }
        return host
    }
}
