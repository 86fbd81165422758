import Foundation

/// `name`: the graph's name is one of a list, or matches a regular expression as a whole.
///
/// The whole name must match (`dev-.*`, not `dev`), so that a short pattern cannot select more graphs than meant.
public struct NameFilter: Sendable, Equatable {
    public enum Condition: Sendable, Equatable {
        case oneOf([String])
        case matches(NSRegularExpression)
    }

    public var condition: Condition

    public init(condition: Condition) { self.condition = condition }

    /// A filter matching the whole name against `pattern`; nil when the pattern does not compile.
    public init?(pattern: String) {
        guard let regex = try? NSRegularExpression(pattern: "^(?:" + pattern + ")$") else { return nil }
        self.condition = .matches(regex)
    }

    /// Whether the whole name matches.
    func matches(_ name: String) -> Bool {
        switch condition {
        case .oneOf(let names): return names.contains(name)
        case .matches(let regex):
            let range = NSRange(name.startIndex..., in: name)
            return regex.firstMatch(in: name, range: range) != nil
        }
    }

    /// The pattern as written, without the anchors added for whole-name matching.
    var writtenPattern: String? {
        guard case .matches(let regex) = condition else { return nil }
        return String(regex.pattern.dropFirst(4).dropLast(2))
    }
}
