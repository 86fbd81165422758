import Foundation
import Testing

@testable import IdleStopCore

/// Whole Unix seconds: truncation from `Date`, arithmetic with spans, and the one spelling of an instant.
struct InstantTests {
    @Test func spellingMatchesFoundationsISO8601() {
        let edges: [Int64] = [
            0, 59, 86_399, 86_400, 951_782_400, 951_868_799, 4_107_542_399, 4_107_542_400, 1_795_824_000,
            253_402_300_799, 253_402_300_800, -1, -86_401,
        ]
        // Steps of 1,500 days and 7,000 s up to 9999: about 2,000 instants at every kind of day and time of day.
        for seconds in edges + Array(stride(from: Int64(0), to: 253_402_300_799, by: 129_607 * 1000)) {
            let expected = Date(timeIntervalSince1970: TimeInterval(seconds))
                .formatted(Date.ISO8601FormatStyle(timeZone: .gmt))
            #expect(Instant(unixSeconds: seconds).description == expected, "\(seconds)")
        }
        #expect(Instant(unixSeconds: 1_795_744_800).description == "2026-11-27T02:00:00Z")
    }

    @Test(arguments: [(1_795_744_800.9, Int64(1_795_744_800)), (0.5, 0), (-0.5, -1), (-86_400, -86_400)])
    func aDateIsTruncatedToItsSecond(_ interval: Double, seconds: Int64) {
        let instant = Instant(Date(timeIntervalSince1970: interval))
        #expect(instant.unixSeconds == seconds)
        #expect(instant.date == Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    @Test func spansAndSecondsMoveAnInstant() {
        let now = Instant(unixSeconds: 1_795_744_800)
        #expect(now - .hours(24) == Instant(unixSeconds: 1_795_658_400))
        #expect(now + .days(7) == Instant(unixSeconds: 1_796_349_600))
        #expect(now.advanced(by: -3) < now)
        #expect((now + .hours(1)).seconds(since: now) == 3600)
        #expect(now.distance(to: now - .hours(1)) == -3600)
    }
}
