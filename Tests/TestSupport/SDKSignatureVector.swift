// Only test builds have the Testing module; a bare `swift build` (all targets, no tests) skips this file's body.
#if canImport(Testing)
import Foundation
import Testing

/// One AK/SK signing vector made by the official Huawei Cloud Python SDK (docs/ges-api.md §10): a request and the
/// `Authorization` header the SDK signed it with.
///
/// The vectors live in `Tests/GESKitTests/Fixtures/aksk-vectors.json`; GESKit's signer must reproduce them and the
/// simulator's own verifier must accept them, so both test targets decode them with this one type.
public struct SDKSignatureVector: Decodable, Sendable, CustomTestStringConvertible {
    public var accessKey: String
    public var secretKey: String
    public var method: String
    public var host: String
    public var path: String
    public var query: [[String]]
    public var headers: [String: String]
    public var body: String
    public var authorization: String

    enum CodingKeys: String, CodingKey {
        case accessKey = "access_key"
        case secretKey = "secret_key"
        case method, host, path, query, headers, body, authorization
    }

    public var testDescription: String { "\(method) \(path)" }

    /// The query as name/value pairs (a name without a value has the value "").
    public var queryPairs: [(String, String)] { query.map { ($0[0], $0.count > 1 ? $0[1] : "") } }

    /// The vectors in a file's bytes.
    public static func decode(_ data: Data) throws -> [SDKSignatureVector] {
        try JSONDecoder().decode([SDKSignatureVector].self, from: data)
    }
}
#endif
