import Testing

@testable import IdleStopCore

struct UsageErrorTests {
    @Test func describesFileLineColumnNameTextAndMessage() {
        let error = UsageError(
            kind: .badNumber,
            file: "usage.csv",
            line: 14,
            column: 3,
            columnName: "requests",
            text: "-5",
            message: "is not a non-negative integer"
        )
        #expect(error.description == "usage.csv:14:3 (requests): \"-5\" is not a non-negative integer")
    }

    @Test func describesWholeFileProblemsWithoutAPlace() {
        let error = UsageError(kind: .emptyFile, file: "usage.csv", message: "file is empty: no header row")
        #expect(error.description == "usage.csv: file is empty: no header row")
    }

    @Test func shortensLongTextToFortyCharacters() {
        let error = UsageError(
            kind: .unsafeGraphID,
            file: "u.csv",
            line: 2,
            column: 1,
            text: String(repeating: "é", count: 100),
            message: "is unsafe"
        )
        #expect(error.text == String(repeating: "é", count: 40) + "…")
    }

    @Test func escapesControlCharactersQuotesAndBackslashesOntoOneLine() {
        let text = UsageError.shortened("a\nb\r\"c\"\\\u{1}\u{7F}")
        #expect(text == "a\\nb\\r\\\"c\\\"\\\\\\u{1}\\u{7f}")
        #expect(!text.contains("\n"))
    }
}

extension UsageErrorTests {
    @Test func escapesAndShortensTheColumnName() {
        let error = UsageError(
            kind: .strayQuote,
            file: "u.csv",
            line: 3,
            column: 5,
            columnName: "note\n\u{1B}[2J\u{7F}" + String(repeating: "x", count: 100),
            message: "has text after its closing quote"
        )
        #expect(
            error.description == "u.csv:3:5 (note\\n\\u{1b}[2J\\u{7f}" + String(repeating: "x", count: 19)
                + "…): has text after its closing quote"
        )
    }
}
