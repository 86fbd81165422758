import Foundation

/// `name`: the graph's name is one of a list, or matches a regular expression as a whole.
///
/// The whole name must match (`dev-.*`, not `dev`), so that a short pattern cannot select more graphs than meant.
/// The pattern must compile on its own before it is anchored, and a match counts only when it covers the whole
/// name, so no pattern (`)|(`) can escape the anchors. Patterns that can backtrack exponentially are refused
/// (see `NameFilter.refusal(of:)`).
public struct NameFilter: Sendable, Equatable {
    public enum Condition: Sendable, Equatable {
        case oneOf([String])
        case matches(NSRegularExpression)
    }

    public var condition: Condition

    public init(condition: Condition) { self.condition = condition }

    /// A filter matching the whole name against `pattern`; nil when the pattern is refused or does not compile.
    public init?(pattern: String) {
        guard Self.refusal(of: pattern) == nil,
            let regex = try? NSRegularExpression(pattern: Self.anchorStart + pattern + Self.anchorEnd)
        else { return nil }
        // Compiled twice: alone in `refusal(of:)`, so that the anchors around it cannot be escaped, then anchored.
        self.condition = .matches(regex)
    }

    /// Whether the whole name matches.
    func matches(_ name: String) -> Bool {
        switch condition {
        case .oneOf(let names): return names.contains(name)
        case .matches(let regex):
            let range = NSRange(name.startIndex..., in: name)
            guard let match = regex.firstMatch(in: name, options: .anchored, range: range) else { return false }
            return match.range == range
        }
    }

    /// The pattern as written, without the anchors added for whole-name matching.
    var writtenPattern: String? {
        guard case .matches(let regex) = condition else { return nil }
        return String(regex.pattern.dropFirst(Self.anchorStart.count).dropLast(Self.anchorEnd.count))
    }

    /// Start and end of the text, not of a line: `$` would also match before a final line break.
    static let anchorStart = "\\A(?:"
    static let anchorEnd = ")\\z"
}
