import Testing

@testable import IdleStopCore

private func withBytes<T>(_ text: String, _ body: (UnsafeRawBufferPointer) -> T) -> T {
    var text = text
    return text.withUTF8 { body(UnsafeRawBufferPointer($0)) }
}

struct UsageNumberParserTests {
    @Test(arguments: [
        ("0", 0.0), ("12", 12), ("12.0", 12), ("12.", 12), ("007", 7), ("999999999999999999", 999_999_999_999_999_999),
    ])
    func countsAcceptIntegersAndZeroFractions(text: String, expected: Double) {
        #expect(withBytes(text, UsageNumberParser.count) == expected)
    }

    @Test(arguments: ["", "-5", "+5", "12.5", ".0", "1e3", "abc", "1 2", "9999999999999999999", "12.0.0"])
    func countsRejectEverythingElse(text: String) {
        #expect(withBytes(text, UsageNumberParser.count) == nil)
    }

    @Test(arguments: [
        ("0", 0.0), ("-1.5", -1.5), ("+2", 2), (".25", 0.25), ("3.", 3), ("1e3", 1000), ("2.5E-2", 0.025),
        ("0.1", 0.1), ("123456.789", 123_456.789), ("0.000000000000000000001", 1e-21),
        ("12345678901234567890123", 12_345_678_901_234_567_890_123.0), ("1e300", 1e300), ("4.9e-324", 4.9e-324),
        ("00000000000000000000000000001.5", 1.5),
    ])
    func decimalsMatchTheStandardLibrary(text: String, expected: Double) {
        #expect(withBytes(text, UsageNumberParser.decimal) == expected)
        #expect(withBytes(text, UsageNumberParser.decimal) == Double(text))
    }

    @Test(arguments: ["", "-", ".", "e3", "1e", "1e+", "nan", "inf", "1,5", "1.5x", "--1", "1e400", " 1"])
    func decimalsRejectEverythingElse(text: String) {
        #expect(withBytes(text, UsageNumberParser.decimal) == nil)
    }
}
