import PropertyBased
import Testing

@testable import IdleStopStorage

struct CSVReaderTests {
    func parse(_ text: String) throws -> [[String]] {
        try CSVReader.records(Array(text.utf8), path: "t.csv").map(\.fields)
    }

    @Test func readsQuotedFieldsCRLFAndLF() throws {
        #expect(
            try parse("a,b\r\n\"x,1\",\"say \"\"hi\"\"\"\n\"two\nlines\",\n") == [
                ["a", "b"], ["x,1", "say \"hi\""], ["two\nlines", ""],
            ]
        )
        #expect(try parse("a,b") == [["a", "b"]])
        #expect(try parse("") == [])
    }

    @Test func recordsKnowTheLineTheyStartOn() throws {
        let records = try CSVReader.records(Array("h\n\"a\nb\"\nc\n".utf8), path: "t.csv")
        #expect(records.map(\.line) == [1, 2, 4])
    }

    @Test func skipsAByteOrderMark() throws {
        #expect(
            try CSVReader.records([0xEF, 0xBB, 0xBF] + Array("a,b\n".utf8), path: "t.csv").map(\.fields) == [
                ["a", "b"]
            ]
        )
    }

    @Test func stripsOneNeutralisingQuote() throws {
        #expect(try parse("'=1,''x,'-2,x'y\n") == [["=1", "'x", "-2", "x'y"]])
    }

    @Test(arguments: [
        ("a,b\"c\n", 1, "quote inside an unquoted field"),
        ("a\n\"b\"c\n", 2, "after a closing quote"),
        ("a\n\n\"open\nstill", 3, "never closed"),
        ("a\rb\n", 1, "carriage return"),
    ])
    func malformedInputNamesTheLine(text: String, line: Int, message: String) {
        #expect {
            try parse(text)
        } throws: { error in
            let error = error as! StorageError
            return error.kind == .report && error.line == line && error.description.contains(message)
                && error.description.hasPrefix("t.csv:\(line)")
        }
    }

    @Test func invalidUTF8IsAnError() {
        #expect(throws: StorageError.self) { try CSVReader.records([0x61, 0xFF, 0x0A], path: "t.csv") }
    }

    /// Characters that stress quoting and neutralisation, plus letters and non-ASCII text.
    static let trickyCharacters: [Character] = Array(",\"\n\r=+-@'\t ab1é€😀") + ["\u{0301}", "\r\n"]

    @Test func writeThenReadGivesBackTheSameCells() async {
        let character = Gen<Character?>.element(of: Self.trickyCharacters).map { $0! }
        let cells = character.string(of: 0...8).array(of: 1...5).array(of: 1...6)
        await propertyCheck(count: 300, input: cells) { rows in
            let header = (0..<(rows.map(\.count).max() ?? 1)).map { "c\($0)" }
            let text = CSVWriter.document(header: header, rows: rows)
            let read = try? CSVReader.records(Array(text.utf8), path: "p.csv").map(\.fields)
            #expect(read == [header] + rows)
        }
    }
}
