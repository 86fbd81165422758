/// Shows text that came from a file, a header or a service inside a message: on one line, unambiguous and short.
///
/// The one way every error in the core quotes what a user (or GES) wrote, so that a name holding a line break,
/// a terminal escape (`ESC[2J`), DEL or a C1 control cannot forge or wipe output, and a 10 MB key cannot flood it.
public enum UserText {
    /// The longest escaped text kept in a message, in characters, before the ellipsis.
    public static let defaultLimit = 80

    /// `text` with backslashes, quotes and invisible controls escaped, cut to at most `limit` characters plus `…`.
    ///
    /// Escaped: C0 controls, DEL, C1 controls, line and paragraph separators, byte order marks and the
    /// bidirectional controls that reorder what a terminal shows. `\n`, `\r`, `\t`, `\"` and `\\` keep their short
    /// spelling; the others read `\u{7f}`. The limit counts the escaped text, so escapes cannot stretch it.
    public static func escaped(_ text: String, limit: Int = defaultLimit) -> String {
        var result = ""
        var count = 0
        for scalar in text.unicodeScalars {
            let piece: String
            switch scalar {
            case "\n": piece = "\\n"
            case "\r": piece = "\\r"
            case "\t": piece = "\\t"
            case "\"": piece = "\\\""
            case "\\": piece = "\\\\"
            default:
                piece = needsEscape(scalar) ? "\\u{\(String(scalar.value, radix: 16))}" : String(scalar)
            }
            let length = piece.unicodeScalars.count
            if count + length > limit {
                result += "…"
                break
            }
            result += piece
            count += length
        }
        return result
    }

    /// The escaped text in double quotes, for messages.
    public static func quoted(_ text: String, limit: Int = defaultLimit) -> String {
        "\"" + escaped(text, limit: limit) + "\""
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F...0x9F: true
        case 0x2028, 0x2029, 0xFEFF: true
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
