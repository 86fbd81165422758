import Foundation
import IdleStopTestSupport
import Testing

@testable import GESKit

extension SDKSignatureVector {
    /// The official SDK's signing vectors, read from this target's fixtures.
    static func all() throws -> [SDKSignatureVector] {
        try decode(Fixtures(.module).data("aksk-vectors.json"))
    }
}

struct AKSKSignerTests {
    static let vectors: [SDKSignatureVector] = (try? SDKSignatureVector.all()) ?? []

    @Test func vectorsAreLoaded() {
        #expect(Self.vectors.count >= 6)
    }

    @Test(arguments: vectors)
    func staticSignatureReproducesVector(_ vector: SDKSignatureVector) throws {
        var headers = vector.headers.map { ($0.key, $0.value) }
        headers.append(("Host", vector.host))
        let signed = AKSKSigner.signedHeaderNames(headers)
        let signature = AKSKSigner.signature(
            secretKey: vector.secretKey,
            method: vector.method,
            path: vector.path,
            query: vector.query.map { ($0[0], $0[1]) },
            headers: headers,
            signedHeaders: signed,
            body: Data(vector.body.utf8),
            sdkDate: try #require(vector.headers["X-Sdk-Date"])
        )
        let expected =
            "SDK-HMAC-SHA256 Access=\(vector.accessKey), SignedHeaders=\(signed.joined(separator: ";")), Signature=\(signature)"
        #expect(expected == vector.authorization)
    }

    @Test(arguments: vectors)
    func signReproducesVectorAuthorizationHeader(_ vector: SDKSignatureVector) throws {
        var components = URLComponents()
        components.scheme = "https"
        let hostParts = vector.host.split(separator: ":")
        components.host = String(hostParts[0])
        if hostParts.count > 1 { components.port = Int(hostParts[1]) }
        components.percentEncodedPath = vector.path
        if !vector.query.isEmpty {
            components.queryItems = vector.query.map { URLQueryItem(name: $0[0], value: $0[1]) }
        }
        let sdkDate = try #require(vector.headers["X-Sdk-Date"])
        let date = try #require(Self.parseSDKDate(sdkDate))
        var request = HTTPRequest(
            method: vector.method,
            url: try #require(components.url),
            headers: ["Content-Type": try #require(vector.headers["Content-Type"])],
            body: Data(vector.body.utf8)
        )
        let signer = AKSKSigner(accessKey: vector.accessKey, secretKey: vector.secretKey)
        signer.sign(&request, date: date, projectID: vector.headers["X-Project-Id"])
        #expect(request.headers["Authorization"] == vector.authorization)
        #expect(request.headers["X-Sdk-Date"] == sdkDate)
        #expect(request.headers["Host"] == vector.host)
    }

    @Test func sdkDateIsUTCCompactForm() {
        #expect(AKSKSigner.sdkDate(Date(timeIntervalSince1970: 1_573_788_215)) == "20191115T032335Z")
    }

    @Test func canonicalURIAppendsTrailingSlashAndEncodesSegments() {
        #expect(AKSKSigner.canonicalURI("/v2/p/graphs/g/stop") == "/v2/p/graphs/g/stop/")
        #expect(AKSKSigner.canonicalURI("/v2/p/") == "/v2/p/")
        #expect(AKSKSigner.canonicalURI("/a b/c%2Fd") == "/a%20b/c/d/")
        #expect(AKSKSigner.canonicalURI("/x%20y/~z") == "/x%20y/~z/")
        #expect(AKSKSigner.canonicalURI("/é") == "/%C3%A9/")
    }

    @Test func canonicalQuerySortsByNameThenValueAndEncodes() {
        let query = AKSKSigner.canonicalQuery([
            ("offset", "0"), ("limit", "100"), ("b", "2"), ("b", "1"), ("q", "a b&c"),
        ])
        #expect(query == "b=1&b=2&limit=100&offset=0&q=a%20b%26c")
        #expect(AKSKSigner.canonicalQuery([]) == "")
    }

    @Test func canonicalRequestHasSixPartsAndBodyHash() {
        let canonical = AKSKSigner.canonicalRequest(
            method: "get",
            path: "/v2/p/graphs",
            query: [("limit", "10")],
            headers: [("Host", "h"), ("X-Sdk-Date", " 20200101T000000Z ")],
            signedHeaders: ["host", "x-sdk-date"],
            body: Data()
        )
        #expect(
            canonical
                == "GET\n/v2/p/graphs/\nlimit=10\nhost:h\nx-sdk-date:20200101T000000Z\n\nhost;x-sdk-date\n"
                + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        )
    }

    @Test func signAddsSecurityTokenAndReplacesOldAuthorization() throws {
        var request = HTTPRequest(
            method: "GET",
            url: try #require(URL(string: "https://ges.example.com/v2/p/graphs?limit=1")),
            headers: ["Authorization": "stale"]
        )
        let signer = AKSKSigner(accessKey: "AK", secretKey: "SK", securityToken: "TOKEN")
        signer.sign(&request, date: Date(timeIntervalSince1970: 0), projectID: nil)
        let authorization = try #require(request.headers["Authorization"])
        #expect(authorization.hasPrefix("SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date;x-security-token, "))
        #expect(request.headers.fields.filter { $0.name == "Authorization" }.count == 1)
        #expect(request.headers["X-Security-Token"] == "TOKEN")
        #expect(request.headers["X-Project-Id"] == nil)
        let parsed = try #require(AKSKSigner.parseAuthorization(authorization))
        #expect(parsed.accessKey == "AK")
        #expect(parsed.signedHeaders == ["host", "x-sdk-date", "x-security-token"])
        let recomputed = AKSKSigner.signature(
            secretKey: "SK",
            method: "GET",
            path: "/v2/p/graphs",
            query: [("limit", "1")],
            headers: request.headers.pairs,
            signedHeaders: parsed.signedHeaders,
            body: Data(),
            sdkDate: "19700101T000000Z"
        )
        #expect(recomputed == parsed.signature)
    }

    static func parseSDKDate(_ text: String) -> Date? {
        let iso =
            "\(text.prefix(4))-\(text.dropFirst(4).prefix(2))-\(text.dropFirst(6).prefix(2))T"
            + "\(text.dropFirst(9).prefix(2)):\(text.dropFirst(11).prefix(2)):\(text.dropFirst(13).prefix(2))Z"
        return ISO8601DateFormatter().date(from: iso)
    }
}
