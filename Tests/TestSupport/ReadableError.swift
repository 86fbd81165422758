// Only test builds have the Testing module; a bare `swift build` (all targets, no tests) skips this file's body.
#if canImport(Testing)
import Testing

/// The promises every error from hostile input keeps, whatever the input: it is one line a person can read.
///
/// Shared by the hostile-input tests of usage CSV, inventory JSON, YAML and GES answers.
public enum ReadableError {
    /// Which characters a check refuses.
    public enum Controls: Sendable {
        /// C0 (below U+0020), DEL and C1 (U+0080–U+009F): nothing that can move a terminal's cursor.
        case all
        /// C0 only: nothing that breaks the line. The GES client's errors keep this weaker promise (they may quote
        /// a graph ID's DEL or C1 character as it was given).
        case lineBreaking
    }

    /// True when `text` holds a character `controls` refuses.
    public static func hasControlCharacter(_ text: String, _ controls: Controls = .all) -> Bool {
        text.unicodeScalars.contains {
            $0.value < 0x20 || (controls == .all && (0x7F...0x9F).contains($0.value))
        }
    }

    /// Expects `description` to start with `place` (the file, and `:line:column` where known), to hold no
    /// character `controls` refuses and to stay shorter than `limit` characters.
    public static func expect(
        _ description: String,
        startsWith place: String,
        shorterThan limit: Int,
        refusing controls: Controls = .all,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(
            description.hasPrefix(place),
            "does not start with \(place): \(description.prefix(300))",
            sourceLocation: sourceLocation
        )
        #expect(
            !hasControlCharacter(description, controls),
            "control character in \(description.prefix(300).debugDescription)",
            sourceLocation: sourceLocation
        )
        #expect(description.count < limit, "too long: \(description.prefix(300))…", sourceLocation: sourceLocation)
    }
}
#endif
