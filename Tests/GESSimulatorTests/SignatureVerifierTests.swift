import Foundation
import IdleStopTestSupport
import Testing

@testable import GESSimulator

/// The verifier must accept what the official Python SDK signs (GESKit's vectors) and refuse any change.
struct SignatureVerifierTests {
    typealias Vector = SDKSignatureVector

    /// GESKit's vectors, read from the repository (they are that target's fixture).
    static func vectors() throws -> [Vector] {
        try Vector.decode(Data(contentsOf: Repository.url("Tests/GESKitTests/Fixtures/aksk-vectors.json")))
    }

    func failure(
        _ vector: Vector,
        authorization: String? = nil,
        method: String? = nil,
        path: String? = nil,
        headers: [(String, String)]? = nil,
        body: String? = nil,
        secretKey: String? = nil
    ) -> String? {
        SignatureVerifier(accessKey: vector.accessKey, secretKey: secretKey ?? vector.secretKey, maxSkew: nil)
            .failure(
                authorization: authorization ?? vector.authorization,
                method: method ?? vector.method,
                rawPath: path ?? vector.path,
                query: vector.queryPairs,
                headers: headers ?? vector.receivedHeaders,
                body: Data((body ?? vector.body).utf8),
                realNow: Date()
            )
    }

    @Test func acceptsEveryPythonSDKVector() throws {
        let vectors = try Self.vectors()
        #expect(vectors.count >= 3)
        for vector in vectors {
            #expect(failure(vector) == nil, "\(vector.method) \(vector.path)")
        }
    }

    @Test func refusesAnyChangeToTheSignedRequest() throws {
        for vector in try Self.vectors() {
            #expect(failure(vector, secretKey: "another-secret") == "verify aksk signature fail")
            #expect(failure(vector, authorization: Self.tampered(vector.authorization)) == "verify aksk signature fail")
            #expect(failure(vector, method: vector.method == "GET" ? "POST" : "GET") != nil)
            #expect(failure(vector, path: vector.path + "x") != nil)
            #expect(failure(vector, body: vector.body + " ") != nil)
            let otherHost = vector.receivedHeaders.map { $0.0 == "Host" ? ("Host", "evil.example") : $0 }
            #expect(failure(vector, headers: otherHost) != nil)
            let noDate = vector.receivedHeaders.filter { $0.0 != "X-Sdk-Date" }
            #expect(failure(vector, headers: noDate) == "the X-Sdk-Date header is missing")
            #expect(failure(vector, authorization: "Bearer abc") == "the Authorization header is malformed")
            let otherKey = vector.authorization.replacingOccurrences(of: vector.accessKey, with: "OTHER")
            #expect(failure(vector, authorization: otherKey) == "access key not found")
        }
    }

    /// The authorization with the signature's last hex digit changed.
    static func tampered(_ authorization: String) -> String {
        let last = authorization.last == "0" ? "1" : "0"
        return String(authorization.dropLast()) + last
    }

    @Test func refusesASkewedDateWhenTheCheckIsOn() throws {
        let vector = try #require(try Self.vectors().first)
        let verifier = SignatureVerifier(accessKey: vector.accessKey, secretKey: vector.secretKey, maxSkew: 900)
        let signedAt = try #require(SignatureVerifier.parseSDKDate(vector.headers["X-Sdk-Date"] ?? ""))
        func check(_ now: Date) -> String? {
            verifier.failure(
                authorization: vector.authorization,
                method: vector.method,
                rawPath: vector.path,
                query: vector.queryPairs,
                headers: vector.receivedHeaders,
                body: Data(vector.body.utf8),
                realNow: now
            )
        }
        #expect(check(signedAt.addingTimeInterval(600)) == nil)
        #expect(check(signedAt.addingTimeInterval(1000)) == "X-Sdk-Date is too far from the server time")
        #expect(check(signedAt.addingTimeInterval(-1000)) != nil)
    }

    @Test(arguments: [
        ("20191115T033655Z", 1_573_789_015.0 as Double?),
        ("20191115T033655", nil),
        ("2019-11-15T03:36", nil),
        ("20191345T033655Z", nil),
    ])
    func parsesSDKDates(_ text: String, _ seconds: Double?) {
        #expect(SignatureVerifier.parseSDKDate(text)?.timeIntervalSince1970 == seconds)
    }
}

extension SDKSignatureVector {
    /// The request as the server receives it: the SDK adds `Host`.
    var receivedHeaders: [(String, String)] {
        headers.map { ($0.key, $0.value) } + [("Host", host)]
    }
}
