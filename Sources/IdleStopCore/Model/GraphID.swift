/// The rule every graph ID must pass before the job uses it, above all before it reaches a URL.
public enum GraphID {
    /// ASCII letters, digits, `-` and `_`, 1 to 128 characters: nothing that a path could misread.
    public static func isSafe(_ id: String) -> Bool {
        let bytes = id.utf8
        guard !bytes.isEmpty, bytes.count <= 128 else { return false }
        return bytes.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2D || byte == 0x5F
        }
    }
}
