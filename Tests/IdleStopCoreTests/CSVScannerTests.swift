import Foundation
import PropertyBased
import Testing

@testable import IdleStopCore

/// Every row of `text` (fields with doubled quotes undone) and the line each starts on.
private func scan(
    _ text: String,
    chunkSize: Int,
    maximumRowBytes: Int = 1 << 20
) throws(UsageError) -> [(
    Int, [String]
)] {
    var scanner = CSVScanner(
        source: DataSource(data: Data(text.utf8)),
        name: "t.csv",
        chunkSize: chunkSize,
        maximumRowBytes: maximumRowBytes
    )
    var rows: [(Int, [String])] = []
    while try scanner.nextRow() {
        var fields: [String] = []
        for field in scanner.fields { fields.append(scanner.text(field)) }
        rows.append((scanner.line, fields))
    }
    return rows
}

/// RFC 4180 spelling of one field: quoted when it holds a comma, quote or line break.
///
/// Looked at per Unicode scalar: a quote followed by a combining mark is one Character that is not `"`.
private func encode(_ field: String) -> String {
    guard field.unicodeScalars.contains(where: { ",\"\n\r".unicodeScalars.contains($0) }) else { return field }
    var quoted = String.UnicodeScalarView()
    quoted.append("\"")
    for scalar in field.unicodeScalars {
        quoted.append(scalar)
        if scalar == "\"" { quoted.append(scalar) }
    }
    quoted.append("\"")
    return String(quoted)
}

struct CSVScannerTests {
    @Test func writeThenReadGivesBackEveryFieldAndLine() async {
        let fieldGen = Gen.element(of: ["a", "7", ",", "\"", "\n", "\r", " ", "é", "\r\n", "\u{301}"]).map { $0 ?? "" }
            .array(of: 0...4).map { $0.joined() }
        let rowGen = fieldGen.array(of: 1...4)
        await propertyCheck(input: rowGen.array(of: 0...6), Gen.int(in: 4...24), Gen.bool) { rows, chunkSize, crlf in
            var text = ""
            var expected: [(Int, [String])] = []
            var line = 1
            for row in rows {
                let encoded = row.map(encode).joined(separator: ",") + (crlf ? "\r\n" : "\n")
                expected.append((line, row))
                line += encoded.utf8.filter { $0 == 0x0A }.count
                text += encoded
            }
            let scanned = try scan(text, chunkSize: chunkSize)
            #expect(scanned.map(\.0) == expected.map(\.0))
            #expect(scanned.map(\.1) == expected.map(\.1))
        }
    }

    @Test func aLastRowWithoutLineEndAndATrailingCommaAreKept() throws {
        let rows = try scan("a,b\nc,", chunkSize: 4)
        #expect(rows.map(\.1) == [["a", "b"], ["c", ""]])
    }

    @Test func aLoneCarriageReturnEndsARow() throws {
        let rows = try scan("a\rb\r\nc", chunkSize: 4)
        #expect(rows.map(\.1) == [["a"], ["b"], ["c"]])
        #expect(rows.map(\.0) == [1, 2, 3])
    }

    /// Rows read a word at a time (whole rows in a large chunk) end and split as the field-by-field path does:
    /// CR LF and a lone CR inside a word, a quote inside an unquoted field, a high byte, then a quoted field.
    @Test func wholeRowsInTheBufferSplitAsFieldByField() throws {
        let text =
            "0051a807-1ae5-0168-e415-2ef076e52ecf,2026-11-27T20:00:00Z,60,188\r\n"
            + "ab\"c,\u{E9}t\u{E9},x\rq,\"quoted, field\",z\nlast-row-without-end,1"
        let rows = try scan(text, chunkSize: 4096)
        #expect(
            rows.map(\.1) == [
                ["0051a807-1ae5-0168-e415-2ef076e52ecf", "2026-11-27T20:00:00Z", "60", "188"],
                ["ab\"c", "\u{E9}t\u{E9}", "x"], ["q", "quoted, field", "z"], ["last-row-without-end", "1"],
            ]
        )
        #expect(rows.map(\.0) == [1, 2, 3, 4])
    }

    @Test func onlyALeadingByteOrderMarkIsSkipped() throws {
        let rows = try scan("\u{FEFF}a,\u{FEFF}b\n", chunkSize: 4)
        #expect(rows.map(\.1) == [["a", "\u{FEFF}b"]])
    }

    /// Found by HostileUsageInputTests: doubled quotes were undone per Character, and `"` + U+0301 is one.
    @Test func doubledQuotesBeforeACombiningMarkAreUndone() throws {
        let rows = try scan("\"a\"\"\u{301}b\",\"\"\"\u{34B}\"\n", chunkSize: 4)
        #expect(rows.map(\.1) == [["a\"\u{301}b", "\"\u{34B}"]])
        #expect(rows.first?.1.first?.unicodeScalars.filter { $0 == "\"" }.count == 1)
    }

    @Test func textAfterAClosingQuoteIsFlagged() throws {
        var scanner = CSVScanner(source: DataSource(data: Data("\"ab\"c,d\n".utf8)), name: "t.csv", chunkSize: 8)
        #expect(try scanner.nextRow())
        #expect(scanner.fields.map(\.hasStrayQuote) == [true, false])
    }

    @Test func candidateBytesMarkExactlyTheBytesBelowDashOrAboveDEL() {
        for value in 0...255 {
            for position in 0..<8 {
                // Every other byte plain ("a"), so a wrong bit anywhere shows.
                var word: UInt64 = 0x6161_6161_6161_6161
                word &= ~(0xFF << UInt64(position * 8))
                word |= UInt64(value) << UInt64(position * 8)
                let expected: UInt64 = value < 0x2D || value >= 0x80 ? 0x80 << UInt64(position * 8) : 0
                #expect(CSVScanner<DataSource>.candidateBytes(word) == expected, "byte \(value) at \(position)")
            }
        }
    }

    @Test func rowsWithAQuotedFieldOrAHighByteAreFlagged() throws {
        let text = "a,b-c:d.e f+g\n\"q\",b\nx,caf\u{E9}\nplain,row\n"
        var scanner = CSVScanner(source: DataSource(data: Data(text.utf8)), name: "t.csv", chunkSize: 8)
        var flags: [Bool] = []
        while try scanner.nextRow() { flags.append(scanner.hasQuotesOrHighBytes) }
        #expect(flags == [false, true, true, false])
    }

    @Test func aRowLongerThanTheLimitFails() {
        let text = "a,\"" + String(repeating: "x", count: 200) + "\n"
        #expect(throws: UsageError.self) { try scan(text, chunkSize: 16, maximumRowBytes: 64) }
        do {
            _ = try scan(text, chunkSize: 16, maximumRowBytes: 64)
        } catch {
            #expect(error.kind == .rowTooLong)
            #expect(error.line == 1)
        }
    }

    @Test func aQuoteOpenAtTheEndOfTheInputFails() {
        do {
            _ = try scan("h\nok\n\"open\nmore\n", chunkSize: 4)
            Issue.record("no error")
        } catch {
            #expect(error.kind == .unterminatedQuote)
            #expect(error.line == 3)
            #expect(error.column == 1)
        }
    }
}
