/// Spells rows as RFC 4180 CSV, with spreadsheet formulas neutralised.
///
/// Records end with LF (`\n`), not CRLF: every tool the report is meant for reads both, and LF keeps the
/// file diffable. Fields holding `,` `"` CR or LF are quoted, quotes doubled. A field a spreadsheet would
/// run as a formula (first character `=`, `+`, `-`, `@`, tab or CR) gets a `'` prefix, as OWASP advises
/// for CSV injection; a field that already starts with `'` gets one too, so that `CSVReader` can strip
/// exactly one and every cell survives a round trip.
public enum CSVWriter {
    /// The record separator this writer uses.
    public static let lineEnding = "\n"

    /// Characters that make a spreadsheet treat a cell as a formula (plus `'`, see above).
    static let neutralisedFirstCharacters: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r", "'"]

    /// One field, neutralised and quoted as needed.
    public static func field(_ value: String) -> String {
        var text = value
        if let first = text.unicodeScalars.first, neutralisedFirstCharacters.contains(first) {
            text = "'" + text
        }
        let needsQuotes = text.utf8.contains {
            $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0D || $0 == 0x0A
        }
        guard needsQuotes else { return text }
        return "\"" + text.doublingQuotes + "\""
    }

    /// One record with its line ending.
    ///
    /// A record of a single empty field is written `""` so that it is not read as a blank line.
    public static func record(_ fields: [String]) -> String {
        if fields.count == 1, fields[0].isEmpty { return "\"\"" + lineEnding }
        return fields.map(field).joined(separator: ",") + lineEnding
    }

    /// A whole document: the header, then every row.
    public static func document(header: [String], rows: [[String]]) -> String {
        var text = record(header)
        for row in rows { text += record(row) }
        return text
    }
}

extension String {
    /// `self` with every `"` doubled; works on scalars, so a combining mark after a quote cannot hide it.
    fileprivate var doublingQuotes: String {
        var scalars = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            scalars.append(scalar)
            if scalar == "\"" { scalars.append(scalar) }
        }
        return String(scalars)
    }
}
