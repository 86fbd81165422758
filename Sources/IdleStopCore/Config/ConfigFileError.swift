/// One problem in a YAML file (policy, pricing or config), with the position a person can jump to.
///
/// `line` and `column` start at 1; both are 0 when the problem concerns the whole file (unreadable, empty).
/// The message quotes the offending text, shortened, and never a secret value.
public struct ConfigFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String
    /// The offending text, escaped and shortened to 40 characters; nil when there is none or it must not be shown.
    public var text: String?

    public init(file: String, line: Int, column: Int, message: String, text: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.text = text.map(Self.shorten)
    }

    /// `file:line:column: message`, or `file: message` for whole-file problems.
    public var description: String {
        line > 0 ? "\(file):\(line):\(column): \(message)" : "\(file): \(message)"
    }

    /// The text escaped and cut to 40 characters with an ellipsis (`UserText`).
    static func shorten(_ text: String) -> String { UserText.escaped(text, limit: 40) }

    /// The text escaped, shortened and in double quotes, for messages (`UserText`).
    static func quote(_ text: String) -> String { UserText.quoted(text) }
}
