import Foundation

/// Decides whether a URL may be sent: HTTPS always, plain HTTP only to loopback hosts.
///
/// Checked before anything leaves the process, so a mistyped endpoint never carries a token in clear text.
public enum URLSecurityPolicy {
    /// Throws `insecureURLRefused` for plain HTTP to a non-loopback host or any other scheme.
    public static func check(_ url: URL) throws(TransportError) {
        let host = url.host ?? ""
        let scheme = url.scheme?.lowercased() ?? ""
        guard !host.isEmpty else {
            throw TransportError(kind: .invalidRequest, host: "", detail: "the URL has no host")
        }
        if url.user != nil || url.password != nil {
            throw TransportError(kind: .invalidRequest, host: host, detail: "credentials in the URL are not allowed")
        }
        switch scheme {
        case "https":
            return
        case "http" where isLoopback(host: host):
            return
        case "http":
            throw TransportError(
                kind: .insecureURLRefused,
                host: host,
                detail: "plain http is only allowed to loopback hosts; use https://\(host)"
            )
        default:
            throw TransportError(
                kind: .insecureURLRefused,
                host: host,
                detail: "scheme \"\(scheme)\" is not http or https"
            )
        }
    }

    /// Whether `host` is `localhost`, an address in 127.0.0.0/8, or `::1`.
    public static func isLoopback(host: String) -> Bool {
        var name = host.lowercased()
        if name.hasPrefix("["), name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        if name.hasSuffix(".") { name.removeLast() }
        if name == "localhost" { return true }
        if name == "::1" || name == "0:0:0:0:0:0:0:1" { return true }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        let octets = parts.compactMap { part -> Int? in
            guard !part.isEmpty, part.count <= 3, part.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            return Int(part).flatMap { $0 <= 255 ? $0 : nil }
        }
        return octets.count == 4 && octets[0] == 127
    }
}
