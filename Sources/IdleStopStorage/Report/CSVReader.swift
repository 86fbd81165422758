/// Reads RFC 4180 CSV strictly, and undoes `CSVWriter`'s formula neutralisation.
///
/// Records end with LF or CRLF; a leading UTF-8 byte order mark is skipped (spreadsheets add one).
/// A quote inside an unquoted field, text after a closing quote, a bare CR, an unterminated quoted field
/// and invalid UTF-8 are errors naming the line. A single leading `'` is removed from every field.
public enum CSVReader {
    /// One record and the line it starts on (1-based).
    public struct Record: Sendable, Equatable {
        public var fields: [String]
        public var line: Int

        public init(fields: [String], line: Int) {
            self.fields = fields
            self.line = line
        }
    }

    /// Every record of `bytes`; `path` only names the source in errors.
    public static func records(_ bytes: some Collection<UInt8>, path: String) throws(StorageError) -> [Record] {
        var parser = Parser(bytes: Array(bytes), path: path)
        return try parser.parse()
    }

    /// Removes the `'` that `CSVWriter` put in front of a field.
    public static func unneutralised(_ field: String) -> String {
        field.unicodeScalars.first == "'" ? String(field.unicodeScalars.dropFirst()) : field
    }

    private struct Parser {
        let bytes: [UInt8]
        let path: String
        var position = 0
        var line = 1

        init(bytes: [UInt8], path: String) {
            self.bytes = bytes
            self.path = path
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        }

        func fail(_ message: String, line: Int? = nil) -> StorageError {
            StorageError(kind: .report, path: path, line: line ?? self.line, message: message)
        }

        mutating func parse() throws(StorageError) -> [Record] {
            var records: [Record] = []
            while position < bytes.count {
                let start = line
                var fields: [String] = []
                var atEnd = false
                while !atEnd {
                    fields.append(try field())
                    atEnd = try separatorEndsRecord()
                }
                records.append(Record(fields: fields, line: start))
            }
            return records
        }

        /// Consumes the byte after a field: `,` (more fields follow) or a line ending / end of input.
        mutating func separatorEndsRecord() throws(StorageError) -> Bool {
            guard position < bytes.count else { return true }
            switch bytes[position] {
            case UInt8(ascii: ","):
                position += 1
                return false
            case 0x0A:
                position += 1
                line += 1
                return true
            case 0x0D where position + 1 < bytes.count && bytes[position + 1] == 0x0A:
                position += 2
                line += 1
                return true
            case 0x0D:
                throw fail("a carriage return outside quotes that does not end the line")
            default:
                throw fail("unexpected text after a closing quote")
            }
        }

        mutating func field() throws(StorageError) -> String {
            var value: [UInt8] = []
            if position < bytes.count, bytes[position] == UInt8(ascii: "\"") {
                let start = line
                position += 1
                while true {
                    guard position < bytes.count else { throw fail("a quoted field is never closed", line: start) }
                    let byte = bytes[position]
                    position += 1
                    if byte == UInt8(ascii: "\"") {
                        if position < bytes.count, bytes[position] == UInt8(ascii: "\"") {
                            value.append(byte)
                            position += 1
                        } else {
                            break
                        }
                    } else {
                        if byte == 0x0A { line += 1 }
                        value.append(byte)
                    }
                }
            } else {
                while position < bytes.count {
                    let byte = bytes[position]
                    if byte == UInt8(ascii: ",") || byte == 0x0A || byte == 0x0D { break }
                    if byte == UInt8(ascii: "\"") { throw fail("a quote inside an unquoted field (quote the field)") }
                    value.append(byte)
                    position += 1
                }
            }
            guard let text = String(validating: value, as: UTF8.self) else { throw fail("the text is not valid UTF-8") }
            return unneutralised(text)
        }
    }
}
