import Testing

@testable import IdleStopCore

struct UserTextTests {
    @Test(arguments: [
        ("plain", "plain"), ("a\nb\r\tc", "a\\nb\\r\\tc"), ("\"q\" \\", "\\\"q\\\" \\\\"),
        ("\u{0}\u{1B}[2J", "\\u{0}\\u{1b}[2J"),
        ("del\u{7F}", "del\\u{7f}"), ("c1\u{85}\u{9B}", "c1\\u{85}\\u{9b}"),
        ("\u{2028}\u{2029}\u{FEFF}", "\\u{2028}\\u{2029}\\u{feff}"),
        ("ab\u{202E}cd\u{2066}", "ab\\u{202e}cd\\u{2066}"), ("grāph 图 é\u{301} 🙂", "grāph 图 é\u{301} 🙂"),
    ])
    func escapesControlsQuotesAndBackslashesOnly(_ text: String, expected: String) {
        #expect(UserText.escaped(text) == expected)
        #expect(UserText.quoted(text) == "\"" + expected + "\"")
    }

    @Test func shortensToTheLimitWithAnEllipsis() {
        #expect(UserText.escaped(String(repeating: "k", count: 80)) == String(repeating: "k", count: 80))
        #expect(UserText.escaped(String(repeating: "k", count: 81)) == String(repeating: "k", count: 80) + "…")
        #expect(
            UserText.escaped(String(repeating: "é", count: 100), limit: 40) == String(repeating: "é", count: 40) + "…"
        )
    }

    /// The limit counts what is printed: a text of escapes is cut as early as one of plain letters.
    @Test func escapesCannotStretchTheLimit() {
        let escaped = UserText.escaped(String(repeating: "\u{7F}", count: 10_000))
        #expect(escaped.count <= UserText.defaultLimit + 1)
        #expect(escaped == String(repeating: "\\u{7f}", count: 13) + "…")
        #expect(UserText.escaped("abc\u{1}", limit: 4) == "abc…")
    }
}
