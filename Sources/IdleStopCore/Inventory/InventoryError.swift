/// A graph list that cannot be trusted: the file or answer, where in it, and the field that is wrong.
///
/// The description reads `inventory.json:4:19: graphs[2].status has the wrong type (expected String)`, or
/// `inventory.json: …` when no place is known.
public struct InventoryError: Error, Sendable, Equatable, CustomStringConvertible {
    public var source: String
    /// 1-based line of the offending text; nil when unknown or about the whole document.
    public var line: Int?
    /// 1-based column (in characters) of the offending text.
    public var column: Int?
    public var message: String
    /// Where to look for `line` and `column`, until `located(in:)` has found them.
    var pending: Pending?

    /// What a place is still to be found for.
    enum Pending: Equatable, Sendable {
        /// The value at this path.
        case value([JSONLocator.Component])
        /// The first syntax error, whose description then replaces the message.
        case syntax
    }

    public init(source: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.source = source
        self.line = line
        self.column = column
        self.message = message
    }

    /// An error about the value at `path`, to be placed by `located(in:)`.
    init(source: String, at path: [JSONLocator.Component], message: String) {
        self.init(source: source, message: message)
        pending = .value(path)
    }

    public var description: String {
        guard let line, let column else { return "\(source): \(message)" }
        return "\(source):\(line):\(column): \(message)"
    }

    /// The error with its line and column found in the document's `bytes` (left as is when they cannot be).
    func located(in bytes: [UInt8]) -> InventoryError {
        var located = self
        located.pending = nil
        switch pending {
        case nil:
            return self
        case .value(let path):
            // A whole-document problem (a top-level field missing) has no better place than the file.
            guard !path.isEmpty, let place = JSONLocator.place(of: path, in: bytes) else { return located }
            located.line = place.line
            located.column = place.column
        case .syntax:
            guard let place = JSONLocator.syntaxError(in: bytes), let problem = place.problem else { return located }
            located.line = place.line
            located.column = place.column
            located.message = "not valid JSON: \(problem)"
        }
        return located
    }

    /// Text from the listing, escaped, shortened and in double quotes (`UserText`).
    static func quote(_ text: String) -> String { UserText.quoted(text) }

    /// The error for a failed decode, its message naming the field and its place pending.
    static func decoding(_ error: DecodingError, source: String) -> InventoryError {
        func path(_ context: DecodingError.Context) -> [JSONLocator.Component] {
            context.codingPath.map { key in key.intValue.map { .index($0) } ?? .key(key.stringValue) }
        }
        switch error {
        case .keyNotFound(let key, let context):
            let base = path(context)
            let field = base.isEmpty ? key.stringValue : JSONLocator.text(of: base) + "." + key.stringValue
            return InventoryError(source: source, at: base, message: "missing field \(field)")
        case .typeMismatch(let type, let context):
            let base = path(context)
            return InventoryError(
                source: source,
                at: base,
                message: "\(JSONLocator.text(of: base)) has the wrong type (expected \(type))"
            )
        case .valueNotFound(let type, let context):
            let base = path(context)
            return InventoryError(
                source: source,
                at: base,
                message: "\(JSONLocator.text(of: base)) is null (expected \(type))"
            )
        case .dataCorrupted(let context) where !context.codingPath.isEmpty:
            let base = path(context)
            return InventoryError(source: source, at: base, message: "\(JSONLocator.text(of: base)) is not valid")
        case .dataCorrupted:
            return .notJSON(source: source)
        @unknown default:
            return InventoryError(source: source, message: "not a list-graphs document")
        }
    }

    /// `not valid JSON`, with the place and kind of the first syntax error pending.
    static func notJSON(source: String) -> InventoryError {
        var error = InventoryError(source: source, message: "not valid JSON")
        error.pending = .syntax
        return error
    }
}
