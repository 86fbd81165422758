import Foundation

/// A request as the simulator received it, independent of the HTTP server library.
struct ReceivedRequest: Sendable {
    var method: String
    /// The path exactly as sent, still percent-encoded.
    var rawPath: String
    /// Query pairs, percent-decoded, in the order sent.
    var query: [(String, String)]
    var headers: [(String, String)]
    var body: Data

    /// The path split on `/`, each segment percent-decoded, empty segments dropped.
    var segments: [String] {
        rawPath.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
    }

    /// The first value of a header, by case-insensitive name.
    func header(_ name: String) -> String? {
        headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
    }

    /// The first value of a query parameter.
    func queryValue(_ name: String) -> String? {
        query.first { $0.0 == name }?.1
    }
}
