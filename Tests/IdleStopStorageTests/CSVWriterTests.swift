import Testing

@testable import IdleStopStorage

struct CSVWriterTests {
    @Test(arguments: [
        ("plain", "plain"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("two\nlines", "\"two\nlines\""),
        ("cr\rhere", "\"cr\rhere\""), ("", ""), ("ünï©ødé", "ünï©ødé"),
    ])
    func quotesOnlyWhatRFC4180Requires(value: String, expected: String) {
        #expect(CSVWriter.field(value) == expected)
    }

    @Test(arguments: [
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"), ("+1", "'+1"), ("-1", "'-1"), ("@cmd", "'@cmd"), ("\tx", "'\tx"),
        ("'quoted", "''quoted"), ("=HYPERLINK(\"x\",\"y\")", "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\""),
        ("\rx", "\"'\rx\""), ("a=b", "a=b"), ("1-2", "1-2"),
    ])
    func neutralisesFormulas(value: String, expected: String) {
        #expect(CSVWriter.field(value) == expected)
    }

    @Test func recordsEndWithLFAndASingleEmptyFieldIsQuoted() {
        #expect(CSVWriter.record(["a", "", "c"]) == "a,,c\n")
        #expect(CSVWriter.record([""]) == "\"\"\n")
        #expect(CSVWriter.document(header: ["h1", "h2"], rows: [["1", "2"]]) == "h1,h2\n1,2\n")
    }

    @Test func aQuoteFollowedByACombiningMarkIsStillDoubled() {
        let value = "a\"\u{0301}b"
        let field = CSVWriter.field(value)
        #expect(field == "\"a\"\"\u{0301}b\"")
        #expect(CSVReader.unneutralised(field) == field)
    }
}
