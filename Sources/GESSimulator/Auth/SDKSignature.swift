import Crypto
import Foundation

/// The `SDK-HMAC-SHA256` signature of a request as received, computed as docs/ges-api.md §4.2 describes it.
///
/// The simulator's own reading of the algorithm, not the client's signer: a verifier sharing the signer's code
/// would accept whatever mistake they share. Checked against the official Python SDK's vectors
/// (`Tests/GESKitTests/Fixtures/aksk-vectors.json`, docs/ges-api.md §10).
struct SDKSignature: Sendable {
    var method: String
    /// The path as sent, percent-encoded or not.
    var rawPath: String
    /// Query pairs, percent-decoded.
    var query: [(String, String)]
    var headers: [(String, String)]
    /// The header names the client listed as signed, lowercased.
    var signedHeaders: [String]
    var body: Data

    /// Step 2: method, canonical URI, canonical query, canonical headers, signed headers, payload hash.
    var canonicalRequest: String {
        [
            method.uppercased(),
            canonicalURI,
            canonicalQuery,
            signedHeaders.map { "\($0):\(value(of: $0) ?? "")\n" }.joined(),
            signedHeaders.joined(separator: ";"),
            value(of: "x-sdk-content-sha256") ?? Self.hex(SHA256.hash(data: body)),
        ].joined(separator: "\n")
    }

    /// Steps 3 and 4: lower-case hex HMAC-SHA256, keyed with the secret key, of the string to sign.
    func signature(secretKey: String, sdkDate: String) -> String {
        let canonicalHash = Self.hex(SHA256.hash(data: Data(canonicalRequest.utf8)))
        let stringToSign = "\(SDKAuthorization.algorithm)\n\(sdkDate)\n\(canonicalHash)"
        let key = SymmetricKey(data: Data(secretKey.utf8))
        return Self.hex(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: key))
    }

    /// The path decoded, each segment encoded again, and a trailing `/` (the SDKs sign `/v2/p/graphs/g/stop/`).
    private var canonicalURI: String {
        let segments = (rawPath.removingPercentEncoding ?? rawPath).split(
            separator: "/",
            omittingEmptySubsequences: false
        )
        let uri = segments.map { Self.encode(String($0)) }.joined(separator: "/")
        return uri.hasSuffix("/") ? uri : uri + "/"
    }

    /// `name=value` pairs, both encoded, sorted by name and then value (byte order), joined with `&`.
    private var canonicalQuery: String {
        query.sorted { lhs, rhs in
            lhs.0 == rhs.0
                ? lhs.1.utf8.lexicographicallyPrecedes(rhs.1.utf8) : lhs.0.utf8.lexicographicallyPrecedes(rhs.0.utf8)
        }
        .map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }
        .joined(separator: "&")
    }

    /// The first value of a header (case-insensitive name), without surrounding spaces.
    private func value(of lowercasedName: String) -> String? {
        headers.first { $0.0.lowercased() == lowercasedName }?.1.trimmingCharacters(in: .whitespaces)
    }

    /// Percent-encodes every byte outside `A-Z a-z 0-9 - _ . ~`, with upper-case hex digits.
    static func encode(_ text: String) -> String {
        text.utf8.map { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                String(UnicodeScalar(byte))
            default:
                "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }.joined()
    }

    /// Lower-case hex, two digits a byte.
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { String($0, radix: 16).leftPadded(to: 2) }.joined()
    }
}

extension String {
    /// The text with leading zeros up to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: Swift.max(0, width - count)) + self
    }
}
