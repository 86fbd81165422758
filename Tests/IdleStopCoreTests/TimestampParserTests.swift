import Testing

@testable import IdleStopCore

/// 2026-11-27T02:00:00Z.
private let reference: Int64 = 1_795_744_800

struct TimestampParserTests {
    @Test(arguments: [
        ("2026-11-27T02:00:00Z", reference),
        ("2026-11-27t02:00:00z", reference),
        ("2026-11-27 02:00:00Z", reference),
        ("2026-11-27T10:00:00+08:00", reference),
        ("2026-11-27T10:00:00+0800", reference),
        ("2026-11-27T10:00:00+08", reference),
        ("2026-11-26T21:00:00-05:00", reference),
        ("2026-11-27T02:00:00.999Z", reference),
        ("2026-11-27T02:00:00,5+00:00", reference),
        ("2026-11-27T02:00:59.999999999Z", reference + 59),
        ("1795744800", reference),
        ("0", 0),
        ("1970-01-01T00:00:00Z", 0),
        ("1969-12-31T23:59:59Z", -1),
        ("2000-02-29T00:00:00Z", 951_782_400),
        ("2024-12-31T23:59:59Z", 1_735_689_599),
    ])
    func parsesTimestamps(text: String, expected: Int64) {
        #expect(TimestampParser.parse(text) == expected)
    }

    @Test(arguments: [
        "", "2026-11-27", "2026-11-27T02:00", "2026-11-27T02:00:00", "2026-11-27T02:00:00.5",
        "2026-11-27T02:00:00+8:00", "2026-11-27T02:00:00+08:0", "2026-11-27T02:00:00+0800x", "2026-11-27T02:00:00Zx",
        "2026-11-27T02:00:00 Z", "2026-13-01T00:00:00Z", "2026-02-29T00:00:00Z", "1900-02-29T00:00:00Z",
        "2026-04-31T00:00:00Z", "2026-11-27T24:00:00Z", "2026-11-27T02:60:00Z", "2026-11-27T02:00:60Z",
        "2026-11-27T02:00:00.Z", "2026-11-27T02:00:00+24:00", "2026-11-27T02:00:00+08:60", "2026/11/27T02:00:00Z",
        "-1795744800", "+1795744800", "1795744800.5", "17957448001234567890", " 1795744800", "now",
    ])
    func rejectsMalformedTimestamps(text: String) {
        #expect(TimestampParser.parse(text) == nil)
    }

    @Test func aTimeWithoutOffsetIsReportedAsAmbiguous() {
        var text = "2026-11-27T02:00:00"
        let result = text.withUTF8 { TimestampParser.parseDetailed(UnsafeRawBufferPointer($0)) }
        #expect(result == .failure(.missingOffset))
        var fraction = "2026-11-27T02:00:00.250"
        let fractionResult = fraction.withUTF8 { TimestampParser.parseDetailed(UnsafeRawBufferPointer($0)) }
        #expect(fractionResult == .failure(.missingOffset))
    }
}
