import Foundation
import Testing

@testable import GESKit

struct RetryAfterTests {
    /// Wed, 21 Oct 2026 07:28:00 GMT.
    static let date = Date(timeIntervalSince1970: 1_792_567_680)

    @Test(arguments: [("3", 3), (" 3 ", 3), ("0", 0), ("120", 120), ("007", 7)] as [(String, Int64)])
    func deltaSecondsAreADelay(_ value: String, seconds: Int64) {
        #expect(RetryAfter(value, now: Self.date)?.delay == .seconds(seconds))
    }

    @Test func hugeDeltaSecondsAreCappedNotDropped() {
        #expect(RetryAfter("99999999999999999999999", now: Self.date)?.delay == RetryAfter.longestDelay)
        #expect(RetryAfter("9223372036854775807", now: Self.date)?.delay == RetryAfter.longestDelay)
    }

    @Test(arguments: [
        "", "  ", "-1", "+3", "1.5", "3s", "3 s", "0x10", "abc", "３", "Wed, 21 Oct 2026 07:28:00",
        "Wed, 32 Oct 2026 07:28:00 GMT",
        "Wed, 21 Oct 2026 25:28:00 GMT", "tomorrow",
    ])
    func garbageIsNoHint(_ value: String) {
        #expect(RetryAfter(value, now: Self.date.addingTimeInterval(-3600)) == nil)
    }

    @Test(arguments: [
        "Wed, 21 Oct 2026 07:28:00 GMT", "Wednesday, 21-Oct-26 07:28:00 GMT", "Wed Oct 21 07:28:00 2026",
        "  Wed, 21 Oct 2026 07:28:00 GMT ",
    ])
    func httpDatesAreTheTimeUntilThem(_ value: String) {
        #expect(RetryAfter(value, now: Self.date.addingTimeInterval(-90))?.delay == .seconds(90))
    }

    @Test func asctimeWithAPaddedDayIsRead() {
        let now = Date(timeIntervalSince1970: 784_111_777 - 5)  // Sun Nov  6 08:49:37 1994, less 5 s
        #expect(RetryAfter("Sun Nov  6 08:49:37 1994", now: now)?.delay == .seconds(5))
    }

    @Test func aDateThatIsNotInTheFutureIsNoHint() {
        #expect(RetryAfter("Wed, 21 Oct 2026 07:28:00 GMT", now: Self.date) == nil)
        #expect(RetryAfter("Wed, 21 Oct 2026 07:28:00 GMT", now: Self.date.addingTimeInterval(1)) == nil)
        #expect(RetryAfter("Sun, 06 Nov 1994 08:49:37 GMT", now: Self.date) == nil)
    }

    @Test func aFractionOfASecondIsRoundedUp() {
        let delay = RetryAfter("Wed, 21 Oct 2026 07:28:00 GMT", now: Self.date.addingTimeInterval(-1.2345))?.delay
        #expect(delay == .milliseconds(1235))
    }

    @Test(arguments: [429, 503])
    func throttlingAnswersCarryTheHint(_ status: Int) {
        let response = HTTPResponse(status: status, headers: ["retry-after": "4"])
        #expect(RetryAfter.hint(in: response, receivedAt: Self.date)?.delay == .seconds(4))
    }

    @Test(arguments: [200, 400, 500, 502, 504, 301])
    func otherStatusesIgnoreTheHeader(_ status: Int) {
        let response = HTTPResponse(status: status, headers: ["Retry-After": "4"])
        #expect(RetryAfter.hint(in: response, receivedAt: Self.date) == nil)
    }

    @Test func noHeaderIsNoHint() {
        #expect(RetryAfter.hint(in: HTTPResponse(status: 429), receivedAt: Self.date) == nil)
    }

    @Test func anHTTPDateIsReadAgainstTheAnswersOwnDate() {
        // The local clock is an hour ahead of the server's; the server's Date keeps the hint right.
        let response = HTTPResponse(
            status: 503,
            headers: ["Date": "Wed, 21 Oct 2026 07:27:00 GMT", "Retry-After": "Wed, 21 Oct 2026 07:28:00 GMT"]
        )
        let hint = RetryAfter.hint(in: response, receivedAt: Self.date.addingTimeInterval(3600))
        #expect(hint?.delay == .seconds(60))
    }

    @Test func aBrokenDateHeaderFallsBackToTheLocalClock() {
        let response = HTTPResponse(
            status: 429,
            headers: ["Date": "yesterday", "Retry-After": "Wed, 21 Oct 2026 07:28:00 GMT"]
        )
        #expect(RetryAfter.hint(in: response, receivedAt: Self.date.addingTimeInterval(-10))?.delay == .seconds(10))
    }
}
