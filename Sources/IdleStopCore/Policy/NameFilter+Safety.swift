import Foundation

extension NameFilter {
    /// The longest name pattern accepted, in characters.
    public static let maximumPatternLength = 512

    /// The rule a name pattern must follow, for error messages and the README.
    public static let patternRule =
        "name patterns must compile on their own, be at most \(maximumPatternLength) characters, use no "
        + "back-references, and repeat no group (with *, + or {n,m}) that holds a quantifier or |"

    /// Why `pattern` cannot be a name filter (as the end of a sentence), or nil when it is safe to run.
    ///
    /// ICU's matcher backtracks: `(a+)+` against forty `a` and a `!` runs for hours. A repeated group holding a
    /// quantifier or an alternative, and back-references, are the shapes that can do that, so they are refused
    /// when the policy is loaded rather than timed when it runs.
    public static func refusal(of pattern: String) -> String? {
        guard pattern.count <= maximumPatternLength else {
            return "is longer than \(maximumPatternLength) characters (\(patternRule))"
        }
        guard (try? NSRegularExpression(pattern: pattern)) != nil else { return "does not compile" }
        var scan = PatternScan(Array(pattern.unicodeScalars))
        if let problem = scan.problem() { return "\(problem), which can take exponential time (\(patternRule))" }
        guard (try? NSRegularExpression(pattern: anchorStart + pattern + anchorEnd)) != nil else {
            return "cannot be anchored to the whole name (end a \\Q quote with \\E)"
        }
        return nil
    }
}

/// One pass over a pattern that compiles, tracking for each open group whether it holds a quantifier or `|`.
private struct PatternScan {
    /// What the quantifier just read would apply to.
    private enum Atom {
        case none
        case plain
        /// A group; `isAmbiguous`: it holds a quantifier with a range or an alternative.
        case group(isAmbiguous: Bool)
        case quantified
    }

    private let scalars: [Unicode.Scalar]
    private var index = 0
    /// Per open group (the first: the whole pattern): whether it holds a quantifier or `|` so far.
    private var ambiguous: [Bool] = [false]
    private var atom = Atom.none

    init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

    private func at(_ offset: Int) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    mutating func problem() -> String? {
        while let scalar = at(0) {
            switch scalar {
            case "\\":
                if let problem = escape() { return problem }
            case "[":
                skipClass()
                atom = .plain
            case "(":
                if let problem = openGroup() { return problem }
            case ")":
                index += 1
                let inner = ambiguous.popLast() ?? false
                if ambiguous.isEmpty { ambiguous = [false] }
                ambiguous[ambiguous.count - 1] = ambiguous[ambiguous.count - 1] || inner
                atom = .group(isAmbiguous: inner)
            case "|":
                index += 1
                ambiguous[ambiguous.count - 1] = true
                atom = .none
            case "*", "+", "?", "{":
                guard let (minimum, maximum) = quantifier() else {
                    index += 1
                    atom = .plain
                    continue
                }
                let repeats = maximum.map { $0 > 1 } ?? true
                if repeats {
                    switch atom {
                    case .group(isAmbiguous: true): return "repeats a group that holds a quantifier or |"
                    case .quantified: return "repeats a quantifier"
                    default: break
                    }
                }
                if minimum != maximum { ambiguous[ambiguous.count - 1] = true }
                atom = .quantified
            default:
                index += 1
                atom = .plain
            }
        }
        return nil
    }

    /// `\…`: back-references are refused; `\Q…\E` and `\p{…}`-style escapes are one atom.
    private mutating func escape() -> String? {
        guard let next = at(1) else {
            index += 1
            return nil
        }
        if ("1"..."9").contains(next) || next == "k" { return "uses a back-reference" }
        index += 2
        atom = .plain
        if next == "Q" {
            while index < scalars.count, !(scalars[index] == "\\" && at(1) == "E") { index += 1 }
            index = min(index + 2, scalars.count)
        } else if "pPNx".unicodeScalars.contains(next), at(0) == "{" {
            while let scalar = at(0), scalar != "}" { index += 1 }
            index += 1
        }
        return nil
    }

    /// `[…]`, with nested classes and escapes; a `]` first in the class is literal.
    private mutating func skipClass() {
        index += 1
        if at(0) == "^" { index += 1 }
        if at(0) == "]" { index += 1 }
        var depth = 1
        while let scalar = at(0) {
            index += 1
            switch scalar {
            case "\\": index += 1
            case "[": depth += 1
            case "]":
                depth -= 1
                if depth == 0 { return }
            default: break
            }
        }
    }

    /// `(`, `(?:`, `(?<name>`, lookarounds, `(?#comment)` and flag settings `(?i)`; free spacing `(?x)` is refused
    /// because its comments would hide the pattern's shape from this scan.
    private mutating func openGroup() -> String? {
        guard at(1) == "?" else {
            index += 1
            ambiguous.append(false)
            atom = .none
            return nil
        }
        index += 2
        if at(0) == "#" {
            while let scalar = at(0), scalar != ")" { index += 1 }
            index += 1
            return nil
        }
        if at(0) == "<", let next = at(1), next != "=", next != "!" {
            while let scalar = at(0), scalar != ">" { index += 1 }
            index += 1
        } else if at(0) == "<" {
            index += 2
        } else if let scalar = at(0), ":=!>".unicodeScalars.contains(scalar) {
            index += 1
        } else {
            var flags = ""
            while let scalar = at(0), scalar != ":", scalar != ")" {
                flags.unicodeScalars.append(scalar)
                index += 1
            }
            if flags.contains("x") { return "turns on free spacing (?x)" }
            if at(0) == ")" {
                index += 1
                return nil
            }
            index += 1
        }
        ambiguous.append(false)
        atom = .none
        return nil
    }

    /// Reads `*`, `+`, `?` or `{n}`, `{n,}`, `{n,m}` with a lazy or possessive mark; nil if `{` is no quantifier.
    private mutating func quantifier() -> (Int, Int?)? {
        let bounds: (Int, Int?)
        switch at(0) {
        case "*":
            bounds = (0, nil)
            index += 1
        case "+":
            bounds = (1, nil)
            index += 1
        case "?":
            bounds = (0, 1)
            index += 1
        default:
            var offset = 1
            func number() -> Int? {
                var digits = ""
                while let scalar = at(offset), ("0"..."9").contains(scalar) {
                    digits.unicodeScalars.append(scalar)
                    offset += 1
                }
                return digits.isEmpty ? nil : Int(digits.prefix(9))
            }
            guard let minimum = number() else { return nil }
            var maximum: Int? = minimum
            if at(offset) == "," {
                offset += 1
                maximum = number()
            }
            guard at(offset) == "}" else { return nil }
            index += offset + 1
            bounds = (minimum, maximum)
        }
        if at(0) == "?" || at(0) == "+" { index += 1 }
        return bounds
    }
}
