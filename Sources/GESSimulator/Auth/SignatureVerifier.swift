import Foundation

/// Checks an `SDK-HMAC-SHA256` Authorization header against the configured AK/SK (docs/ges-api.md §4.2).
///
/// The canonical request is rebuilt from the request exactly as received: method, raw path, query pairs,
/// the headers the client listed as signed, and the body; `SDKSignature` computes what the signature must be.
struct SignatureVerifier: Sendable {
    let accessKey: String
    let secretKey: String
    let maxSkew: TimeInterval?

    /// The reason the request is refused (safe to show: no secret, no signature), or nil when it verifies.
    func failure(
        authorization: String,
        method: String,
        rawPath: String,
        query: [(String, String)],
        headers: [(String, String)],
        body: Data,
        realNow: Date
    ) -> String? {
        guard let parsed = SDKAuthorization(parsing: authorization) else {
            return "the Authorization header is malformed"
        }
        guard parsed.accessKey == accessKey else {
            return "access key not found"
        }
        guard parsed.signedHeaders.contains("x-sdk-date") else {
            return "X-Sdk-Date is not among the signed headers"
        }
        guard let sdkDate = headers.first(where: { $0.0.lowercased() == "x-sdk-date" })?.1 else {
            return "the X-Sdk-Date header is missing"
        }
        guard let signedAt = Self.parseSDKDate(sdkDate) else {
            return "X-Sdk-Date is not in the format YYYYMMDDTHHMMSSZ"
        }
        if let maxSkew, abs(signedAt.timeIntervalSince(realNow)) > maxSkew {
            return "X-Sdk-Date is too far from the server time"
        }
        let expected = SDKSignature(
            method: method,
            rawPath: rawPath,
            query: query,
            headers: headers,
            signedHeaders: parsed.signedHeaders,
            body: body
        ).signature(secretKey: secretKey, sdkDate: sdkDate)
        guard Self.constantTimeEquals(expected, parsed.signature) else {
            return "verify aksk signature fail"
        }
        return nil
    }

    /// Parses `YYYYMMDDTHHMMSSZ` as UTC.
    static func parseSDKDate(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 16, bytes[8] == UInt8(ascii: "T"), bytes[15] == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            Int(String(decoding: bytes[range], as: UTF8.self))
        }
        guard let year = number(0..<4), let month = number(4..<6), let day = number(6..<8),
            let hour = number(9..<11), let minute = number(11..<13), let second = number(13..<15)
        else { return nil }
        return SimulatedClock.utcDate(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }

    static func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8)
        let right = Array(rhs.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}
