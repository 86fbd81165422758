/// Text made safe for HTML and inline SVG: every string from the history goes through `escape`.
///
/// Graph names come from the cloud and anyone who can create a graph chooses them, so they are treated
/// as hostile: `& < > " '` become character references, and C0/C1 controls other than tab and line
/// feed (which HTML forbids or renders unpredictably) become U+FFFD.
enum HTMLText {
    /// `value` escaped for element content and for quoted attribute values.
    static func escape(_ value: String) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(value.unicodeScalars.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\t", "\n": result.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value):
                result.unicodeScalars.append("\u{FFFD}")
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
