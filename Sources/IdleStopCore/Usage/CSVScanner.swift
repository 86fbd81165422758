/// One field of the current row: where its content lies in the scanner's buffer, and how it was written.
struct CSVField {
    /// Content bounds in the buffer; for a quoted field, inside the quotes (doubled quotes not yet undone).
    var start: Int
    var end: Int
    var isQuoted = false
    /// The content holds `""` that stands for one `"`.
    var hasDoubledQuotes = false
    /// Text follows the closing quote (`"abc"def`): malformed.
    var hasStrayQuote = false
    /// A byte ≥ 0x80: the content needs UTF-8 validation.
    var hasHighBytes = false
}

/// The current row of a `CSVScanner`: where its fields lie and how they were written.
///
/// A few words that the row readers take instead of the scanner, which the compiler copies (160 bytes) for each
/// call that borrows it. Valid until the scanner moves to the next row.
struct CSVRow {
    let base: UnsafeRawPointer
    let fields: UnsafePointer<CSVField>
    let fieldCount: Int
    /// Some field is quoted or holds a byte ≥ 0x80: its fields need checks plain ones do not.
    let hasQuotesOrHighBytes: Bool
    /// Physical line where the row starts.
    let line: Int

    /// Field `index` (0-based, below `fieldCount`).
    @inline(__always) func field(_ index: Int) -> CSVField { fields[index] }

    /// The bytes of a field's content, as written (doubled quotes not undone).
    @inline(__always) func bytes(_ field: CSVField) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base + field.start, count: field.end - field.start)
    }

    /// The content of a field as a String with doubled quotes undone; invalid UTF-8 is replaced.
    ///
    /// Undone on bytes, not Characters: a quote followed by a combining mark is one Character that is not `"`.
    func text(_ field: CSVField) -> String {
        let raw = bytes(field)
        guard field.hasDoubledQuotes else { return String(decoding: raw, as: UTF8.self) }
        var undone: [UInt8] = []
        undone.reserveCapacity(raw.count)
        var isSecondQuote = false
        for byte in raw {
            if byte == 0x22 {
                isSecondQuote.toggle()
                if !isSecondQuote { continue }
            }
            undone.append(byte)
        }
        return String(decoding: undone, as: UTF8.self)
    }
}

/// Splits a byte stream into RFC 4180 rows, reading it in fixed-size chunks.
///
/// Handles quoted fields (commas, doubled quotes and line breaks inside), LF, CRLF or lone CR line ends,
/// a UTF-8 byte order mark at the start, and a last row without a line end. Memory stays at one buffer
/// (grown only for a row longer than a chunk, up to `maximumRowBytes`). Fields of the current row are
/// valid until the next call to `nextRow()`.
struct CSVScanner<Source: ByteSource>: ~Copyable {
    private var source: Source
    private let name: String
    private var buffer: UnsafeMutableRawBufferPointer
    /// Unconsumed bytes are `buffer[start..<end]`.
    private var start = 0
    private var end = 0
    private var isAtEOF = false
    private var hasCheckedBOM: Bool
    /// Bytes of the input before `buffer[0]`.
    private var bufferOffset = 0
    private let maximumRowBytes: Int
    /// Physical line (1-based, counted from where this scanner started) where the next row starts.
    private(set) var nextLine = 1
    /// Physical line where the current row starts.
    private(set) var line = 0
    /// Fields of the current row: `fieldStorage[0..<fieldCount]` (not an Array: no uniqueness checks per field).
    private var fieldStorage: UnsafeMutablePointer<CSVField>
    private var fieldCapacity = 16
    private(set) var fieldCount = 0
    /// Some field of the current row is quoted or holds a byte ≥ 0x80: its fields need checks plain ones do not.
    private(set) var hasQuotesOrHighBytes = false

    /// `skipsByteOrderMark: false` for a scanner that starts inside a file, where a BOM would be row content.
    init(
        source: consuming Source,
        name: String,
        chunkSize: Int = 1 << 20,
        maximumRowBytes: Int = 64 << 20,
        skipsByteOrderMark: Bool = true
    ) {
        self.source = source
        hasCheckedBOM = !skipsByteOrderMark
        self.name = name
        let size = Swift.max(chunkSize, 4)
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
        self.maximumRowBytes = Swift.max(maximumRowBytes, size)
        fieldStorage = .allocate(capacity: fieldCapacity)
    }

    /// The source as it stands now (a file range tells whether it met a quote).
    var sourceState: Source { source }

    /// Bytes consumed so far (rows returned, and a skipped BOM): where the next row starts in the input.
    var position: Int { bufferOffset + start }

    deinit {
        buffer.deallocate()
        fieldStorage.deallocate()
    }

    /// Field `index` (0-based, below `fieldCount`) of the current row.
    @inline(__always) func field(_ index: Int) -> CSVField { fieldStorage[index] }

    /// The fields of the current row, as an array (for tests and headers).
    var fields: [CSVField] { Array(UnsafeBufferPointer(start: fieldStorage, count: fieldCount)) }

    /// The current row, for reading its fields; valid until the next call to `nextRow()`.
    var row: CSVRow {
        CSVRow(
            base: UnsafeRawPointer(buffer.baseAddress!),
            fields: UnsafePointer(fieldStorage),
            fieldCount: fieldCount,
            hasQuotesOrHighBytes: hasQuotesOrHighBytes,
            line: line
        )
    }

    /// The bytes of a field's content, as written (doubled quotes not undone).
    func bytes(_ field: CSVField) -> UnsafeRawBufferPointer { row.bytes(field) }

    /// The content of a field as a String with doubled quotes undone; invalid UTF-8 is replaced.
    func text(_ field: CSVField) -> String { row.text(field) }

    /// Whether the current row is a blank line (one empty, unquoted field).
    var isBlankRow: Bool {
        fieldCount == 1 && !fieldStorage[0].isQuoted && fieldStorage[0].start == fieldStorage[0].end
    }

    /// Moves to the next row; false at the end of the input.
    mutating func nextRow() throws(UsageError) -> Bool {
        while true {
            if !hasCheckedBOM {
                try fill(atLeast: 3)
                if end - start >= 3, buffer[start] == 0xEF, buffer[start + 1] == 0xBB, buffer[start + 2] == 0xBF {
                    start += 3
                }
                hasCheckedBOM = true
            }
            if start == end {
                if isAtEOF { return false }
                try fill(atLeast: 1)
                continue
            }
            switch scanRow() {
            case .complete(let next, let lineBreaks):
                start = next
                line = nextLine
                nextLine += lineBreaks
                return true
            case .needsMore:
                if isAtEOF { preconditionFailure("a row at the end of the input is always complete or unterminated") }
                try fill(atLeast: end - start + 1)
            case .unterminatedQuote(let field):
                throw UsageError(
                    kind: .unterminatedQuote,
                    file: name,
                    line: nextLine,
                    column: field,
                    message: "quoted field is never closed"
                )
            }
        }
    }

    private enum ScanResult {
        case complete(next: Int, lineBreaks: Int)
        case needsMore
        /// The 1-based field number whose quote never closes (only at the end of the input).
        case unterminatedQuote(field: Int)
    }

    /// Scans one row at `start`: the whole row a word at a time when it is plain, else field by field.
    @inline(__always) private mutating func scanRow() -> ScanResult {
        if let next = scanPlainRow() { return .complete(next: next, lineBreaks: 1) }
        return scanRowByField()
    }

    /// A row of unquoted fields within the buffered bytes, eight bytes at a time, fields appended as their commas are
    /// met; where the next row starts, or nil (the row to be scanned field by field) when a field is quoted or the
    /// row's end is not within whole buffered words.
    ///
    /// Only the bytes `candidateBytes` marks are looked at one by one: a row of IDs, times and numbers costs one
    /// mask per word and one step per comma. A quote inside an unquoted field is content, as RFC 4180 leaves it.
    @inline(__always) private mutating func scanPlainRow() -> Int? {
        fieldCount = 0
        hasQuotesOrHighBytes = false
        let end = self.end
        let base = UnsafeRawPointer(buffer.baseAddress!)
        var index = start
        var field = CSVField(start: index, end: index)
        while index &+ 8 <= end {
            var candidates = Self.candidateBytes(
                UInt64(littleEndian: base.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            )
            while candidates != 0 {
                let at = index &+ candidates.trailingZeroBitCount &>> 3
                let byte = base.load(fromByteOffset: at, as: UInt8.self)
                if byte == 0x2C {
                    field.end = at
                    appendField(field)
                    field = CSVField(start: at &+ 1, end: at &+ 1)
                } else if byte == 0x0A {
                    field.end = at
                    appendField(field)
                    return at &+ 1
                } else if byte >= 0x80 {
                    field.hasHighBytes = true
                    hasQuotesOrHighBytes = true
                } else if byte == 0x0D {
                    // CR LF, or a lone CR: the row ends once the byte after the CR is buffered.
                    guard at &+ 1 < end else { return nil }
                    field.end = at
                    appendField(field)
                    return base.load(fromByteOffset: at &+ 1, as: UInt8.self) == 0x0A ? at &+ 2 : at &+ 1
                } else if byte == 0x22 && at == field.start {
                    return nil
                }
                candidates &= candidates &- 1
            }
            index &+= 8
        }
        return nil
    }

    /// Scans one row at `start`: one field after another, up to the line end.
    private mutating func scanRowByField() -> ScanResult {
        fieldCount = 0
        hasQuotesOrHighBytes = false
        let end = self.end
        var index = start
        var lineBreaks = 0
        while true {
            var field: CSVField
            if index < end, buffer[index] == 0x22 {
                guard let quoted = scanQuotedField(from: index, lineBreaks: &lineBreaks) else {
                    return isAtEOF ? .unterminatedQuote(field: fieldCount + 1) : .needsMore
                }
                field = quoted.field
                index = quoted.next
                hasQuotesOrHighBytes = true
            } else {
                field = scanPlainField(from: index)
                index = field.end
                if field.hasHighBytes { hasQuotesOrHighBytes = true }
            }
            guard index < end else {
                guard isAtEOF else { return .needsMore }
                appendField(field)
                return .complete(next: end, lineBreaks: lineBreaks)
            }
            appendField(field)
            switch buffer[index] {
            case 0x2C:
                index += 1
            case 0x0A:
                return .complete(next: index + 1, lineBreaks: lineBreaks + 1)
            default:  // CR, alone or before LF
                guard index + 1 < end else {
                    return isAtEOF ? .complete(next: end, lineBreaks: lineBreaks + 1) : .needsMore
                }
                return .complete(next: buffer[index + 1] == 0x0A ? index + 2 : index + 1, lineBreaks: lineBreaks + 1)
            }
        }
    }

    /// An unquoted field from `index` up to the next comma, LF or CR (or the end of the buffered bytes).
    ///
    /// Byte by byte: plain rows go through `scanPlainRow`, so this reads the unquoted fields of rows that also have
    /// a quoted one, and rows at the end of the buffer. A quote inside is content, as RFC 4180 leaves it.
    private func scanPlainField(from start: Int) -> CSVField {
        var field = CSVField(start: start, end: start)
        let base = UnsafeRawPointer(buffer.baseAddress!)
        var index = start
        while index < end {
            let byte = base.load(fromByteOffset: index, as: UInt8.self)
            if byte == 0x2C || byte == 0x0A || byte == 0x0D { break }
            if byte >= 0x80 { field.hasHighBytes = true }
            index &+= 1
        }
        field.end = index
        return field
    }

    /// A quoted field whose opening quote is at `index`, and where the bytes after it start; nil when the closing
    /// quote (or the byte after it) is not buffered yet. Line feeds inside are counted into `lineBreaks`.
    private func scanQuotedField(from quote: Int, lineBreaks: inout Int) -> (field: CSVField, next: Int)? {
        let end = self.end
        var index = quote + 1
        var field = CSVField(start: index, end: index)
        field.isQuoted = true
        var breaks = 0
        while true {
            guard index < end else { return nil }
            let byte = buffer[index]
            if byte == 0x22 {
                guard index + 1 < end || isAtEOF else { return nil }
                if index + 1 < end, buffer[index + 1] == 0x22 {
                    field.hasDoubledQuotes = true
                    index += 2
                    continue
                }
                field.end = index
                index += 1
                break
            }
            if byte == 0x0A { breaks += 1 }
            if byte >= 0x80 { field.hasHighBytes = true }
            index += 1
        }
        while index < end {
            let byte = buffer[index]
            if byte == 0x2C || byte == 0x0A || byte == 0x0D { break }
            field.hasStrayQuote = true
            index += 1
        }
        lineBreaks += breaks
        return (field, index)
    }

    /// A word whose byte `i` has its high bit set when byte `i` of `word` (little-endian) is below `-` (0x2D: comma,
    /// LF, CR, quote, space and a few more) or at least 0x80; exact for every byte, so the bits can be walked.
    ///
    /// `(b & 0x7F) + 0x53` reaches 0x80 exactly when `b & 0x7F ≥ 0x2D`, and never carries into the next byte.
    @inline(__always) static func candidateBytes(_ word: UInt64) -> UInt64 {
        let highs: UInt64 = 0x8080_8080_8080_8080
        let atLeastDash = (word & ~highs) &+ 0x5353_5353_5353_5353
        return (~atLeastDash | word) & highs
    }

    @inline(__always) private mutating func appendField(_ field: CSVField) {
        if fieldCount == fieldCapacity {
            let grown = UnsafeMutablePointer<CSVField>.allocate(capacity: fieldCapacity * 2)
            grown.moveInitialize(from: fieldStorage, count: fieldCount)
            fieldStorage.deallocate()
            fieldStorage = grown
            fieldCapacity *= 2
        }
        (fieldStorage + fieldCount).initialize(to: field)
        fieldCount += 1
    }

    /// Reads until at least `count` unconsumed bytes are buffered or the input ends, moving the unconsumed
    /// bytes to the front and growing the buffer when a row needs it.
    private mutating func fill(atLeast count: Int) throws(UsageError) {
        guard !isAtEOF else { return }
        if start > 0 {
            let pending = end - start
            if pending > 0 {
                buffer.baseAddress!.copyMemory(from: buffer.baseAddress! + start, byteCount: pending)
            }
            bufferOffset += start
            start = 0
            end = pending
        }
        if count > buffer.count {
            guard count <= maximumRowBytes else {
                throw UsageError(
                    kind: .rowTooLong,
                    file: name,
                    line: nextLine,
                    message: "row is longer than \(maximumRowBytes) bytes (a quote that never closes?)"
                )
            }
            let grown = UnsafeMutableRawBufferPointer.allocate(
                byteCount: Swift.min(Swift.max(buffer.count * 2, count), maximumRowBytes),
                alignment: 16
            )
            grown.baseAddress!.copyMemory(from: buffer.baseAddress!, byteCount: end)
            buffer.deallocate()
            buffer = grown
        }
        while end < buffer.count {
            let read = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[end...]))
            if read == 0 {
                isAtEOF = true
                return
            }
            end += read
            if end - start >= count && end == buffer.count { return }
        }
    }
}
