import Foundation
import IdleStopCore
import Testing

@testable import IdleStopStorage

struct ReportFormatTests {
    @Test func timestampsAreUTCWithZAndWholeSeconds() {
        #expect(ReportFormat.timestamp(Date(timeIntervalSince1970: 1_795_744_800.9)) == "2026-11-27T02:00:00Z")
        #expect(ReportFormat.day(Date(timeIntervalSince1970: 1_795_744_800)) == "2026-11-27")
    }

    @Test func timestampsParseBack() {
        #expect(ReportFormat.date(from: "2026-11-27T02:00:00Z") == Date(timeIntervalSince1970: 1_795_744_800))
        #expect(ReportFormat.date(from: "yesterday") == nil)
    }

    @Test(arguments: [
        (0.0, "0"), (12.0, "12"), (0.5, "0.5"), (1234567.0, "1234567"), (2.25, "2.25"), (0.1, "0.1"),
    ])
    func countsAreIntegersWhenIntegralElseExactDecimals(value: Double, expected: String) {
        #expect(ReportFormat.count(value) == expected)
    }

    @Test(arguments: [(86_400 as Int64, "24"), (1800, "0.5"), (604_800, "168"), (5400, "1.5"), (60, "0.0167")])
    func windowHours(seconds: Int64, expected: String) {
        #expect(ReportFormat.hours(TimeSpan(seconds: seconds)) == expected)
    }

    @Test(arguments: [
        (0.99999, "0.9999"), (1.0, "1"), (0.5, "0.5"), (0.29, "0.29"), (0.123456, "0.1234"), (0.0, "0"),
        (2.0 / 3.0, "0.6666"),
    ])
    func coverageIsRoundedDownToFourDecimals(value: Double, expected: String) {
        #expect(ReportFormat.fraction(value) == expected)
    }

    @Test func idleHoursHaveOneDecimalRoundedDownAndNeverNegative() {
        let now = Instant(unixSeconds: 1_795_744_800)
        #expect(ReportFormat.elapsedHours(from: now - .hours(26), to: now) == "26.0")
        #expect(ReportFormat.elapsedHours(from: now.advanced(by: -5399), to: now) == "1.4")
        #expect(ReportFormat.elapsedHours(from: now.advanced(by: 600), to: now) == "0.0")
    }

    /// The integer spelling of idle hours is the exact hours rounded down to one decimal, as a `Decimal` spells them.
    @Test(arguments: [Int64(0), 1, 359, 360, 361, 3599, 3600, 35_999, 36_000, 95_400, 34_560_000, 123_456_789])
    func idleHoursEqualTheExactHoursRoundedDown(elapsed: Int64) {
        let now = Instant(unixSeconds: 1_795_824_000)
        let exact = ReportFormat.fixed(Decimal(elapsed) / 3600, scale: 1, mode: .down)
        #expect(ReportFormat.elapsedHours(from: now.advanced(by: -elapsed), to: now) == exact)
    }

    @Test func moneyHasTwoDecimalsAndDecimalsStayExact() {
        #expect(ReportFormat.money(30) == "30.00")
        #expect(ReportFormat.money(Decimal(string: "30.005")!) == "30.01")
        #expect(ReportFormat.money(Decimal(string: "0.1")! + Decimal(string: "0.2")!) == "0.30")
        #expect(ReportFormat.decimal(Decimal(string: "1.25")!) == "1.25")
        #expect(ReportFormat.decimal(Decimal(string: "12.50")!) == "12.5")
        #expect(ReportFormat.decimal(Decimal(string: "1000000")!) == "1000000")
        #expect(ReportFormat.decimal(Decimal(string: "0.0001")!) == "0.0001")
    }
}
