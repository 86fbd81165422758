import Foundation
import Testing

@testable import GESSimulator

/// The canonical request, step by step as docs/ges-api.md §4.2 spells it out.
struct SDKSignatureTests {
    static func signature(
        path: String = "/v2/p/graphs",
        query: [(String, String)] = [],
        headers: [(String, String)] = [("Host", "h"), ("X-Sdk-Date", "20191115T033655Z")],
        body: String = ""
    ) -> SDKSignature {
        SDKSignature(
            method: "get",
            rawPath: path,
            query: query,
            headers: headers,
            signedHeaders: headers.map { $0.0.lowercased() },
            body: Data(body.utf8)
        )
    }

    @Test func theCanonicalRequestHasTheSixDocumentedParts() {
        let signature = Self.signature(
            query: [("offset", "320"), ("limit", "100"), ("a b", "x/y"), ("limit", "10")],
            headers: [("Content-Type", " application/json "), ("Host", "h"), ("X-Sdk-Date", "20191115T033655Z")]
        )
        #expect(
            signature.canonicalRequest == """
                GET
                /v2/p/graphs/
                a%20b=x%2Fy&limit=10&limit=100&offset=320
                content-type:application/json
                host:h
                x-sdk-date:20191115T033655Z

                content-type;host;x-sdk-date
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                """
        )
    }

    @Test(arguments: [
        ("/v2/p/graphs/", "/v2/p/graphs/"),
        ("/v2/p/graphs/a%20b", "/v2/p/graphs/a%20b/"),
        ("/v2/p/graphs/a b~c", "/v2/p/graphs/a%20b~c/"),
        ("/v2/p/graphs/%c3%a9", "/v2/p/graphs/%C3%A9/"),
    ])
    func thePathIsDecodedEncodedAgainAndEndsInASlash(path: String, canonical: String) {
        let lines = Self.signature(path: path).canonicalRequest.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[1] == canonical)
    }

    @Test func theBodyHashIsTheContentHeaderWhenSent() {
        let plain = Self.signature(body: "{}").canonicalRequest
        #expect(plain.hasSuffix("\n44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"))
        let headers = [("Host", "h"), ("X-Sdk-Content-Sha256", "UNSIGNED-PAYLOAD")]
        #expect(Self.signature(headers: headers, body: "{}").canonicalRequest.hasSuffix("\nUNSIGNED-PAYLOAD"))
    }

    /// Computed with Python's `hmac` and `hashlib` from the canonical request above, not with this code.
    @Test func theSignatureIsTheHMACOfTheStringToSign() {
        let value = Self.signature().signature(secretKey: "key", sdkDate: "20191115T033655Z")
        #expect(value == "c096eedc2dc03885a9d567b9f2d322d0d1bf552967e9a687a249f55dba8695a2")
    }
}
