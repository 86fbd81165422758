/// A graph list that cannot be trusted: the file or answer, and the field that is wrong.
public struct InventoryError: Error, Sendable, Equatable, CustomStringConvertible {
    public var source: String
    public var message: String

    public init(source: String, message: String) {
        self.source = source
        self.message = message
    }

    public var description: String { "\(source): \(message)" }

    /// Text from the listing, escaped, shortened and in double quotes (`UserText`).
    static func quote(_ text: String) -> String { UserText.quoted(text) }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let parts = context.codingPath.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }
            let joined = parts.joined()
            return joined.hasPrefix(".") ? String(joined.dropFirst()) : (joined.isEmpty ? "document" : joined)
        }
        switch error {
        case .keyNotFound(let key, let context):
            let base = path(context)
            return "missing field \(base == "document" ? key.stringValue : base + "." + key.stringValue)"
        case .typeMismatch(let type, let context):
            return "\(path(context)) has the wrong type (expected \(type))"
        case .valueNotFound(let type, let context):
            return "\(path(context)) is null (expected \(type))"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not valid JSON" : "\(path(context)) is not valid"
        @unknown default:
            return "not a list-graphs document"
        }
    }
}
