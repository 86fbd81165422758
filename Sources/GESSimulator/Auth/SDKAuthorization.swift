import Foundation

/// An `Authorization: SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…` header, split into its parts.
///
/// docs/ges-api.md §4.2 step 5: the algorithm, a space, then the three parts separated by a comma and a space.
struct SDKAuthorization: Sendable, Equatable {
    static let algorithm = "SDK-HMAC-SHA256"

    var accessKey: String
    /// The header names the client signed, lowercased, in the order it listed them.
    var signedHeaders: [String]
    var signature: String

    /// Nil when the header is not an `SDK-HMAC-SHA256` one or lacks one of its three parts.
    init?(parsing value: String) {
        guard value.hasPrefix(Self.algorithm + " ") else { return nil }
        var parts: [Substring: Substring] = [:]
        for part in value.dropFirst(Self.algorithm.count + 1).split(separator: ",") {
            let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { return nil }
            parts[pair[0]] = pair[1]
        }
        guard let access = parts["Access"], let signed = parts["SignedHeaders"], let signature = parts["Signature"]
        else { return nil }
        accessKey = String(access)
        signedHeaders = signed.split(separator: ";").map { $0.lowercased() }
        self.signature = signature.lowercased()
    }
}
