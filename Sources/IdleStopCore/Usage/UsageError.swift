/// A problem with the usage records, with where it is: file, line, column and the offending text.
///
/// The description reads `usage.csv:14:3 (requests): "-5" is not a non-negative number`. The text and the
/// column name are shortened to about 40 characters and control characters are escaped, so a description is
/// one line.
public struct UsageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// The header lacks one of `graph_id`, `period_start`, `period_seconds`, `requests`.
        case missingColumn
        /// The header names a column the reader uses twice.
        case duplicateColumn
        /// The row has fewer fields than the header.
        case missingField
        /// The row has more fields than the header.
        case extraField
        case badNumber
        case badTime
        /// `period_seconds` is zero or negative.
        case nonPositivePeriod
        /// `period_seconds` is longer than `UsageReader.maximumPeriodSeconds` (31 days): milliseconds, most likely.
        case implausiblePeriod
        /// A graph ID with anything but ASCII letters, digits, `-` and `_`, or longer than 128 bytes.
        case unsafeGraphID
        /// A quoted field that never closes: everything after it would be swallowed.
        case unterminatedQuote
        /// Text after the closing quote of a quoted field (`"abc"def`).
        case strayQuote
        /// A row longer than the reader's limit.
        case rowTooLong
        case invalidUTF8
        /// More malformed rows than `maxBadRows`; the location is the first bad row's.
        case tooManyBadRows
        /// A file or folder that cannot be opened or read.
        case unreadable
        /// A file with no header row.
        case emptyFile
    }

    public var kind: Kind
    /// The file as the source named it, `-` for standard input.
    public var file: String
    /// 1-based line where the row starts; nil when the error is about the whole file.
    public var line: Int?
    /// 1-based field number; nil when the error is about the whole row or file.
    public var column: Int?
    /// The header's name of `column`.
    public var columnName: String?
    /// The offending text, shortened and escaped.
    public var text: String?
    /// What is wrong, as the end of a sentence that starts with the text (`is not a non-negative number`).
    public var message: String

    public init(
        kind: Kind,
        file: String,
        line: Int? = nil,
        column: Int? = nil,
        columnName: String? = nil,
        text: String? = nil,
        message: String
    ) {
        self.kind = kind
        self.file = file
        self.line = line
        self.column = column
        self.columnName = columnName
        self.text = text.map(Self.shortened)
        self.message = message
    }

    public var description: String {
        var result = file
        if let line { result += ":\(line)" }
        if let column { result += ":\(column)" }
        if let columnName { result += " (\(Self.shortened(columnName)))" }
        result += ": "
        if let text { result += "\"\(text)\" " }
        return result + message
    }

    /// The longest offending text kept, in characters.
    static let maximumTextLength = 40

    /// `text` with control characters, quotes and backslashes escaped, cut to about 40 characters (`UserText`).
    static func shortened(_ text: String) -> String { UserText.escaped(text, limit: maximumTextLength) }
}
