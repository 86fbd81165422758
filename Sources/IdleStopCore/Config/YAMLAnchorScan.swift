import Yams

/// Finds YAML anchors (`&name`) and aliases (`*name`) before the text itself is composed.
///
/// Aliases let a one-kilobyte file name 10¹⁰ nodes ("billion laughs"): any walk over the composed tree, and even
/// Yams' duplicate-key check on an alias used as a key, is exponential. So the scan composes a copy of the text in
/// which every `*` is replaced by a private-use character, one character for one: the copy has no alias, so it
/// composes in linear time, with every mark where it is in the text. An alias of the text is then a plain scalar
/// of the copy that starts with a replacement (a plain scalar cannot start with `*`); an anchor is an anchor.
enum YAMLAnchorScan {
    /// One anchor or alias: where it is (1-based, as Yams' marks) and how it is written.
    struct Finding: Sendable, Equatable {
        var line: Int
        var column: Int
        /// `&name` or `*name`.
        var written: String
    }

    /// Every anchor and alias of the text.
    ///
    /// When the copy does not compose (a syntax error, or duplicate keys), every `&` or `*` that starts a word
    /// (after a line start, a space, a tab or one of `[{,:`) counts: a file that is refused anyway is never composed
    /// while it may hold an alias.
    static func findings(in yaml: String) -> [Finding] {
        let stars = yaml.unicodeScalars.filter { $0 == "*" }.count
        guard stars > 0 || yaml.unicodeScalars.contains("&") else { return [] }
        let replacements = unusedPrivateUseScalars(in: yaml, count: stars)
        guard !replacements.isEmpty else { return wordStarts(in: yaml) }
        var copy = String.UnicodeScalarView()
        var next = 0
        for scalar in yaml.unicodeScalars {
            if scalar == "*" {
                copy.append(replacements[next % replacements.count])
                next += 1
            } else {
                copy.append(scalar)
            }
        }
        let isReplacement = Set(replacements)
        var findings: [Finding] = []
        do {
            let parser = try Parser(yaml: String(copy))
            while let root = try parser.nextRoot() {
                findings += Self.findings(under: root, isReplacement: isReplacement)
            }
        } catch {
            return wordStarts(in: yaml)
        }
        return findings.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    }

    /// The anchors and replaced aliases in a tree that has no alias, walked without recursion.
    private static func findings(under root: Node, isReplacement: Set<Unicode.Scalar>) -> [Finding] {
        var findings: [Finding] = []
        var pending = [root]
        while let node = pending.popLast() {
            if let anchor = node.anchor, let mark = node.mark {
                findings.append(Finding(line: mark.line, column: mark.column, written: "&" + anchor.rawValue))
            }
            switch node {
            case .scalar(let scalar):
                guard scalar.style == .plain, let first = scalar.string.unicodeScalars.first,
                    isReplacement.contains(first), let mark = scalar.mark
                else { continue }
                let name = scalar.string.unicodeScalars.dropFirst().prefix { isAnchorCharacter($0) }
                findings.append(Finding(line: mark.line, column: mark.column, written: "*" + String(name)))
            case .mapping(let mapping):
                for (key, value) in mapping { pending += [key, value] }
            case .sequence(let sequence):
                pending += sequence
            case .alias:
                continue
            }
        }
        return findings
    }

    /// Up to `count` (at least one) private-use scalars that the text does not hold; the caller repeats them when
    /// there are not enough, and none at all only when the text holds every one.
    ///
    /// Distinct replacements keep two aliases used as keys of one mapping from becoming duplicate keys.
    private static func unusedPrivateUseScalars(in yaml: String, count: Int) -> [Unicode.Scalar] {
        let ranges: [ClosedRange<UInt32>] = [0xE000...0xF8FF, 0xF_0000...0xF_FFFD, 0x10_0000...0x10_FFFD]
        let used = Set(yaml.unicodeScalars.filter { scalar in ranges.contains { $0.contains(scalar.value) } })
        var result: [Unicode.Scalar] = []
        for value in ranges.joined() {
            guard result.count < Swift.max(count, 1) else { break }
            if let scalar = Unicode.Scalar(value), !used.contains(scalar) { result.append(scalar) }
        }
        return result
    }

    /// Every `&name` or `*name` that starts a word, with libyaml's line and column (characters, 1-based).
    private static func wordStarts(in yaml: String) -> [Finding] {
        var findings: [Finding] = []
        let scalars = Array(yaml.unicodeScalars)
        var line = 1
        var column = 1
        for (index, scalar) in scalars.enumerated() {
            if scalar == "&" || scalar == "*" {
                let previous = index > 0 ? scalars[index - 1] : "\n"
                if " \t\r\n[{,:".unicodeScalars.contains(previous) {
                    let name = scalars[(index + 1)...].prefix { isAnchorCharacter($0) }
                    var written = String(scalar)
                    written.unicodeScalars.append(contentsOf: name)
                    findings.append(Finding(line: line, column: column, written: written))
                }
            }
            let isBreak =
                scalar == "\n" || (scalar == "\r" && (index + 1 == scalars.count || scalars[index + 1] != "\n"))
            if isBreak {
                line += 1
                column = 1
            } else if scalar != "\r" {
                column += 1
            }
        }
        return findings
    }

    /// libyaml's anchor characters: ASCII letters, digits, `-` and `_`.
    private static func isAnchorCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII
            && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_")
    }
}
