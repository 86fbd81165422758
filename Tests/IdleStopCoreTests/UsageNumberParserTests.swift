import Testing

@testable import IdleStopCore

private func withBytes<T>(_ text: String, _ body: (UnsafeRawBufferPointer) -> T) -> T {
    var text = text
    return text.withUTF8 { body(UnsafeRawBufferPointer($0)) }
}

struct UsageNumberParserTests {
    @Test(arguments: [
        ("0", 0.0), ("12", 12), ("12.0", 12), ("12.", 12), ("007", 7),
        ("999999999999999999", Double(999_999_999_999_999_999 as Int64)),
    ])
    func countsAcceptIntegersAndZeroFractions(text: String, expected: Double) {
        #expect(withBytes(text, UsageNumberParser.count) == expected)
    }

    /// Cloud Eye sums are numbers: a fraction is read exactly, the nearest Double to the decimal written.
    @Test(arguments: [
        "12.5", "0.25", "0.1", "12.50", "0.3", "1.000000000000000000001", "123456789012345678.9", "0.000001",
        "999999999999999999.99999999999999999999", "2.675", "0.1000000000000000055511151231257827",
    ])
    func countsAcceptFractionsCorrectlyRounded(text: String) {
        #expect(withBytes(text, UsageNumberParser.count) == Double(text))
    }

    @Test(arguments: [
        "", "-5", "+5", "-0.5", "+0.5", ".0", ".5", "1e3", "1.5e3", "abc", "1 2", "9999999999999999999",
        "9999999999999999999.5", "12.0.0", "12.5x", "1.-5", "nan", "inf",
    ])
    func countsRejectEverythingElse(text: String) {
        #expect(withBytes(text, UsageNumberParser.count) == nil)
    }

    @Test(arguments: [
        ("0", 0.0), ("-1.5", -1.5), ("+2", 2), (".25", 0.25), ("3.", 3), ("1e3", 1000), ("2.5E-2", 0.025),
        ("0.1", 0.1), ("123456.789", 123_456.789), ("0.000000000000000000001", 1e-21),
        ("12345678901234567890123", 12_345_678_901_234_567_890_123.0), ("1e300", 1e300),
        ("4.9e-324", Double.leastNonzeroMagnitude),
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
