import Crypto
import Foundation

/// Signs requests with Huawei Cloud's `SDK-HMAC-SHA256` AK/SK scheme (docs/ges-api.md §4.2).
///
/// Mirrors the official Python SDK signer: the path is URL-decoded, each segment re-encoded and a
/// trailing `/` appended; query pairs are sorted by name; every header present is signed.
public struct AKSKSigner: Sendable {
    public static let algorithm = "SDK-HMAC-SHA256"

    let accessKey: String
    let secretKey: String
    let securityToken: String?

    public init(accessKey: String, secretKey: String, securityToken: String? = nil) {
        self.accessKey = accessKey
        self.secretKey = secretKey
        self.securityToken = securityToken
    }

    /// Adds X-Sdk-Date, Host (if missing), X-Project-Id (if projectID given), X-Security-Token, Authorization.
    public func sign(_ request: inout HTTPRequest, date: Date, projectID: String?) {
        let sdkDate = Self.sdkDate(date)
        request.headers.remove(name: "Authorization")
        request.headers.replaceOrAdd(name: "X-Sdk-Date", value: sdkDate)
        if !request.headers.contains("Host") {
            request.headers.add(name: "Host", value: request.hostHeaderValue)
        }
        if let projectID {
            request.headers.replaceOrAdd(name: "X-Project-Id", value: projectID)
        }
        if let securityToken {
            request.headers.replaceOrAdd(name: "X-Security-Token", value: securityToken)
        }
        let components = URLComponents(url: request.url, resolvingAgainstBaseURL: false)
        let path = components?.percentEncodedPath ?? request.url.path
        let query = (components?.queryItems ?? []).map { ($0.name, $0.value ?? "") }
        let headers = request.headers.pairs
        let signedHeaders = Self.signedHeaderNames(headers)
        let signature = Self.signature(
            secretKey: secretKey,
            method: request.method,
            path: path,
            query: query,
            headers: headers,
            signedHeaders: signedHeaders,
            body: request.body,
            sdkDate: sdkDate
        )
        let value =
            "\(Self.algorithm) Access=\(accessKey), SignedHeaders=\(signedHeaders.joined(separator: ";")), "
            + "Signature=\(signature)"
        request.headers.add(name: "Authorization", value: value)
    }

    /// Computes the hex signature; the simulator uses it to verify incoming requests.
    public static func signature(
        secretKey: String,
        method: String,
        path: String,
        query: [(String, String)],
        headers: [(String, String)],
        signedHeaders: [String],
        body: Data,
        sdkDate: String
    ) -> String {
        let canonical = canonicalRequest(
            method: method,
            path: path,
            query: query,
            headers: headers,
            signedHeaders: signedHeaders,
            body: body
        )
        let stringToSign = "\(algorithm)\n\(sdkDate)\n\(hex(SHA256.hash(data: Data(canonical.utf8))))"
        let key = SymmetricKey(data: Data(secretKey.utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: key)
        return hex(mac)
    }

    /// The canonical request the signature covers (same inputs as `signature`), for tests and debugging.
    public static func canonicalRequest(
        method: String,
        path: String,
        query: [(String, String)],
        headers: [(String, String)],
        signedHeaders: [String],
        body: Data
    ) -> String {
        var values: [String: String] = [:]
        for (name, value) in headers {
            values[name.lowercased()] = value.trimmingCharacters(in: .whitespaces)
        }
        let signed = signedHeaders.map { $0.lowercased() }
        let canonicalHeaders = signed.map { "\($0):\(values[$0] ?? "")\n" }.joined()
        let payloadHash = values["x-sdk-content-sha256"] ?? hex(SHA256.hash(data: body))
        return [
            method.uppercased(),
            canonicalURI(path),
            canonicalQuery(query),
            canonicalHeaders,
            signed.joined(separator: ";"),
            payloadHash,
        ].joined(separator: "\n")
    }

    /// The signed header list: every header name present, lowercased, sorted, without duplicates.
    public static func signedHeaderNames(_ headers: [(String, String)]) -> [String] {
        Array(Set(headers.map { $0.0.lowercased() })).sorted()
    }

    /// Splits an Authorization header into access key, signed headers and signature, or nil if malformed.
    public static func parseAuthorization(
        _ value: String
    ) -> (
        accessKey: String, signedHeaders: [String], signature: String
    )? {
        let prefix = algorithm + " "
        guard value.hasPrefix(prefix) else { return nil }
        var parts: [String: String] = [:]
        for part in value.dropFirst(prefix.count).split(separator: ",") {
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            guard let equals = trimmed.firstIndex(of: "=") else { return nil }
            parts[String(trimmed[..<equals])] = String(trimmed[trimmed.index(after: equals)...])
        }
        guard let access = parts["Access"], let signed = parts["SignedHeaders"], let signature = parts["Signature"]
        else { return nil }
        return (access, signed.split(separator: ";").map(String.init), signature)
    }

    /// `YYYYMMDDTHHMMSSZ` in UTC, the `X-Sdk-Date` format.
    public static func sdkDate(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func pad(_ value: Int?, _ width: Int) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return pad(parts.year, 4) + pad(parts.month, 2) + pad(parts.day, 2) + "T" + pad(parts.hour, 2)
            + pad(parts.minute, 2) + pad(parts.second, 2) + "Z"
    }

    static func canonicalURI(_ path: String) -> String {
        let decoded = path.removingPercentEncoding ?? path
        var uri = decoded.split(separator: "/", omittingEmptySubsequences: false)
            .map { percentEncode(String($0)) }
            .joined(separator: "/")
        if !uri.hasSuffix("/") { uri += "/" }
        return uri
    }

    static func canonicalQuery(_ query: [(String, String)]) -> String {
        query.map { (percentEncode($0.0), percentEncode($0.1), $0.0, $0.1) }
            .sorted { lhs, rhs in
                lhs.2 == rhs.2
                    ? Array(lhs.3.utf8).lexicographicallyPrecedes(Array(rhs.3.utf8))
                    : Array(lhs.2.utf8).lexicographicallyPrecedes(Array(rhs.2.utf8))
            }
            .map { "\($0.0)=\($0.1)" }
            .joined(separator: "&")
    }

    /// Percent-encodes everything except the unreserved set `A-Z a-z 0-9 - _ . ~`, upper-case hex.
    static func percentEncode(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x5F, 0x2E, 0x7E:
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let digits = Array("0123456789ABCDEF")
                result.append("%")
                result.append(digits[Int(byte >> 4)])
                result.append(digits[Int(byte & 0x0F)])
            }
        }
        return result
    }

    static func hex<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
        bytes.map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }
}
