extension NameFilter {
    /// Characters that make a pattern more than a literal name.
    static let metacharacters: Set<Character> = ["\\", "^", "$", ".", "|", "?", "*", "+", "(", ")", "[", "]", "{", "}"]

    /// A warning for a pattern that looks like a prefix or suffix but matches one literal name, or nil.
    ///
    /// Patterns match the whole name, so `^scratch-` matches only a graph named exactly `scratch-`, and `prod$` only
    /// one named `prod`: almost certainly meant as `scratch-.*` and `.*prod`. A pattern anchored at both ends
    /// (`^prod$`) reads as the exact name it matches and gets no warning.
    public static func anchoredLiteralWarning(for pattern: String) -> String? {
        let startsAnchored = pattern.hasPrefix("^")
        let endsAnchored = pattern.hasSuffix("$")
        guard startsAnchored != endsAnchored else { return nil }
        let literal = String(startsAnchored ? pattern.dropFirst() : pattern.dropLast())
        guard !literal.isEmpty, !literal.contains(where: metacharacters.contains) else { return nil }
        let (shape, suggestion) = startsAnchored ? ("start", literal + ".*") : ("end", ".*" + literal)
        let quoted = UserText.quoted(literal)
        return "name pattern \(UserText.quoted(pattern)) matches only a graph named exactly \(quoted) "
            + "(patterns match the whole name); for names that \(shape) with \(quoted) write "
            + UserText.quoted(suggestion)
    }
}
