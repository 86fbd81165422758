import Foundation
import Yams

/// Reads one YAML document strictly and collects every problem with its position instead of stopping at the first.
///
/// A reference type because every accessor appends to the same list of errors; it lives only while one file is
/// parsed and never crosses a concurrency boundary.
final class YAMLReader {
    let file: String
    private(set) var errors: [ConfigFileError] = []
    /// Valid but probably not what was meant, as `file:line:column: message`; they never fail a file.
    private(set) var warnings: [String] = []
    private var reported: Set<SourcePosition> = []

    init(file: String) { self.file = file }

    /// The keys of one mapping with their key and value nodes.
    struct Fields {
        var values: [String: Node] = [:]
        var keys: [String: Node] = [:]
        var mark: Mark?

        subscript(key: String) -> Node? { values[key] }
        func has(_ key: String) -> Bool { values[key] != nil }
    }

    // MARK: Errors

    /// Records a problem at a node's position (once per position: the first message there wins).
    func fail(_ node: Node?, _ message: String, text: String? = nil) {
        fail(at: node?.mark, message, text: text)
    }

    func fail(at mark: Mark?, _ message: String, text: String? = nil) {
        fail(line: mark?.line ?? 0, column: mark?.column ?? 0, message, text: text)
    }

    /// Records a problem at a line and column (0, 0: the whole file).
    func fail(line: Int, column: Int, _ message: String, text: String? = nil) {
        let position = SourcePosition(file: file, line: line, column: column)
        if line > 0 {
            guard !reported.contains(position) else { return }
            reported.insert(position)
        }
        errors.append(
            ConfigFileError(file: file, line: position.line, column: position.column, message: message, text: text)
        )
    }

    /// Records a warning at a node's position.
    func warn(_ node: Node?, _ message: String) {
        let description = ConfigFileError(
            file: file,
            line: node?.mark?.line ?? 0,
            column: node?.mark?.column ?? 0,
            message: message
        ).description
        warnings.append(description)
    }

    /// Throws every recorded problem, sorted by position, if there is any.
    func check() throws(ConfigFileErrors) {
        guard !errors.isEmpty else { return }
        throw ConfigFileErrors(errors.sorted { ($0.line, $0.column) < ($1.line, $1.column) })
    }

    // MARK: Document

    /// The document's root, or nil when the text is not one YAML document (the syntax error is recorded).
    ///
    /// A leading byte order mark is dropped (editors on Windows write one). Anchors and aliases are refused before
    /// any tree is built: aliases make trees exponentially larger than their text ("billion laughs").
    func compose(_ yaml: String) -> Node? {
        let yaml = FileText.droppingByteOrderMark(yaml)
        let anchors = YAMLAnchorScan.findings(in: yaml)
        guard anchors.isEmpty else {
            for anchor in anchors {
                fail(
                    line: anchor.line,
                    column: anchor.column,
                    "\(Self.anchorsRefused) (found \(ConfigFileError.quote(anchor.written)); write the value out in full)",
                    text: anchor.written
                )
            }
            return nil
        }
        do {
            guard let root = try Yams.compose(yaml: yaml) else {
                fail(at: nil, "the file is empty")
                return nil
            }
            return root
        } catch let error as YamlError {
            record(error)
        } catch {
            fail(at: nil, "not valid YAML")
        }
        return nil
    }

    /// The start of the message for an anchor or alias, the same in every kind of file.
    static let anchorsRefused = "YAML anchors and aliases are not supported in policy, pricing and config files"

    private func record(_ error: YamlError) {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let where_ = context.map { " (\($0.text) at line \($0.mark.line), column \($0.mark.column))" } ?? ""
            fail(at: mark, "invalid YAML: \(problem)\(where_)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = duplicates.map(ConfigFileError.quote).joined(separator: ", ")
            fail(at: context.mark, "duplicate key \(names) in a mapping")
        case .reader(let problem, _, _, _):
            fail(at: nil, "cannot read the text: \(problem)")
        default:
            fail(at: nil, "not valid YAML")
        }
    }

    // MARK: Shapes

    /// A short description of what a node is, for "expected X, found Y" messages.
    static func describe(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let scalar):
            if isNull(node) { return "nothing" }
            return ConfigFileError.quote(scalar.string)
        case .alias: return "an alias"
        }
    }

    static func isNull(_ node: Node) -> Bool {
        if case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any {
            return node.null != nil
        }
        return false
    }

    /// The keys of a mapping, checking that every key is allowed and every required key is present.
    func fields(_ node: Node, in what: String, allowed: [String], required: [String] = []) -> Fields? {
        guard case .mapping(let mapping) = node else {
            fail(node, "expected a mapping for \(what), found \(Self.describe(node))")
            return nil
        }
        var fields = Fields(mark: mapping.mark)
        for (keyNode, value) in mapping {
            guard case .scalar(let key) = keyNode else {
                fail(keyNode, "a key in \(what) must be text, found \(Self.describe(keyNode))")
                continue
            }
            guard allowed.contains(key.string) else {
                fail(
                    keyNode,
                    "unknown key \(ConfigFileError.quote(key.string)) in \(what) (expected one of: \(allowed.joined(separator: ", ")))",
                    text: key.string
                )
                continue
            }
            fields.values[key.string] = value
            fields.keys[key.string] = keyNode
        }
        for key in required where fields.values[key] == nil {
            fail(at: mapping.mark, "missing key \"\(key)\" in \(what)")
        }
        return fields
    }

    /// The items of a list; `nonEmpty` makes an empty list an error.
    func list(_ node: Node, _ what: String, nonEmpty: Bool = false) -> [Node]? {
        guard case .sequence(let sequence) = node else {
            fail(node, "expected a list for \(what), found \(Self.describe(node))")
            return nil
        }
        if nonEmpty && sequence.isEmpty {
            fail(node, "\(what) must not be empty")
            return nil
        }
        return Array(sequence)
    }

    /// The text of any non-null scalar (numbers and booleans count as their text).
    func text(_ node: Node, _ what: String, nonEmpty: Bool = true) -> String? {
        guard case .scalar(let scalar) = node, !Self.isNull(node) else {
            fail(node, "expected text for \(what), found \(Self.describe(node))")
            return nil
        }
        if nonEmpty && scalar.string.trimmingCharacters(in: .whitespaces).isEmpty {
            fail(node, "\(what) must not be empty")
            return nil
        }
        return scalar.string
    }

    /// A list of texts.
    func texts(_ node: Node, _ what: String, nonEmpty: Bool = true) -> [String]? {
        guard let items = list(node, what, nonEmpty: nonEmpty) else { return nil }
        let texts = items.compactMap { text($0, "an item of \(what)") }
        return texts.count == items.count ? texts : nil
    }

    /// A whole number written unquoted, inside `range`.
    func int(_ node: Node, _ what: String, in range: ClosedRange<Int>) -> Int? {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any,
            let value = Self.wholeNumber(scalar.string)
        else {
            fail(node, "expected a whole number for \(what), found \(Self.describe(node))")
            return nil
        }
        guard range.contains(value) else {
            fail(node, "\(what) must be \(Self.describe(range)), found \(value)", text: scalar.string)
            return nil
        }
        return value
    }

    /// A decimal number written unquoted (`0.5`, `2`), parsed exactly from its text, inside `range`.
    func decimal(_ node: Node, _ what: String, in range: ClosedRange<Decimal>, allowQuoted: Bool = false) -> Decimal? {
        guard case .scalar(let scalar) = node, allowQuoted || scalar.style == .plain || scalar.style == .any,
            let value = Self.exactDecimal(scalar.string)
        else {
            fail(node, "expected a number like 0.5 for \(what), found \(Self.describe(node))")
            return nil
        }
        guard range.contains(value) else {
            let bounds =
                range.upperBound == .greatestFiniteMagnitude
                ? "at least \(range.lowerBound)" : "between \(range.lowerBound) and \(range.upperBound)"
            fail(node, "\(what) must be \(bounds), found \(UserText.escaped(scalar.string))", text: scalar.string)
            return nil
        }
        return value
    }

    /// `true` or `false`, unquoted (YAML 1.1's yes/no/on/off are refused as ambiguous).
    func bool(_ node: Node, _ what: String) -> Bool? {
        if case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any {
            switch scalar.string {
            case "true": return true
            case "false": return false
            default: break
            }
        }
        fail(node, "expected true or false for \(what), found \(Self.describe(node))")
        return nil
    }

    /// A duration like `30m`, `24h`, `7d`, `2w`.
    func duration(_ node: Node, _ what: String) -> TimeSpan? {
        guard let text = text(node, what) else { return nil }
        guard let span = TimeSpan(parsing: text) else {
            fail(
                node,
                "\(what) \(ConfigFileError.quote(text)) is not a positive duration like 30m, 24h, 7d or 2w",
                text: text
            )
            return nil
        }
        return span
    }

    // MARK: Number text

    /// Digits with an optional leading minus, nothing else (no `0x`, `1_000` or `+`).
    static func wholeNumber(_ text: String) -> Int? {
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }

    /// `123` or `123.45` (optionally negative), parsed by `Decimal(string:)` only after the shape is checked,
    /// so that `1e3`, `.5`, `nan` and `1.5x` never slip through.
    static func exactDecimal(_ text: String) -> Decimal? {
        var body = Substring(text)
        if body.hasPrefix("-") { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count),
            parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } })
        else { return nil }
        return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }

    static func describe(_ range: ClosedRange<Int>) -> String {
        if range.upperBound == Int.max { return "at least \(range.lowerBound)" }
        return "between \(range.lowerBound) and \(range.upperBound)"
    }
}
