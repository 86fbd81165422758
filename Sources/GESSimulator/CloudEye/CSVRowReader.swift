import Foundation

/// Splits RFC 4180 CSV bytes into rows of fields, each with the line it starts on.
///
/// Quoted fields may hold commas, doubled quotes and line breaks; CRLF and LF both end a row;
/// a UTF-8 byte order mark at the start is skipped.
enum CSVRowReader {
    /// Calls `body` with each row's first line number (1-based) and fields; `body` returns false to stop.
    static func forEachRow(in data: Data, _ body: (Int, [String]) -> Bool) {
        let bytes = [UInt8](data)
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1
        var rowLine = 1
        var fields: [String] = []
        var field: [UInt8] = []
        var isQuoted = false
        var hasRow = false

        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }

        while index < bytes.count {
            let byte = bytes[index]
            if isQuoted {
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 1
                    } else {
                        isQuoted = false
                    }
                } else {
                    if byte == UInt8(ascii: "\n") { line += 1 }
                    field.append(byte)
                }
                index += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                isQuoted = true
                hasRow = true
            case UInt8(ascii: ","):
                endField()
                hasRow = true
            case UInt8(ascii: "\r")
            where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n"):
                break
            case UInt8(ascii: "\n"):
                endField()
                guard body(rowLine, fields) else { return }
                fields.removeAll(keepingCapacity: true)
                hasRow = false
                line += 1
                rowLine = line
            default:
                field.append(byte)
                hasRow = true
            }
            index += 1
        }
        if hasRow || !field.isEmpty || !fields.isEmpty {
            endField()
            _ = body(rowLine, fields)
        }
    }
}
