import Foundation
import Testing

@testable import IdleStopCore

/// The package's one calendar: day numbers and dates agree with each other and with Foundation's Gregorian calendar.
struct CivilDateTests {
    @Test func consecutiveDaysAreOneDayApartAcrossCenturiesAndLeapYears() {
        var previous = CivilDate(year: 1899, month: 1, day: 1).daysSinceEpoch
        for year: Int64 in 1899...2101 {
            for month: Int64 in 1...12 {
                for day in 1...CivilDate.daysIn(month: month, year: year)
                where !(year == 1899 && month == 1 && day == 1) {
                    let date = CivilDate(year: year, month: month, day: day)
                    #expect(date.daysSinceEpoch == previous + 1)
                    #expect(CivilDate(daysSinceEpoch: date.daysSinceEpoch) == date)
                    previous = date.daysSinceEpoch
                }
            }
        }
        #expect(CivilDate(year: 1970, month: 1, day: 1).daysSinceEpoch == 0)
    }

    /// Foundation's Gregorian calendar is Julian before 1582-10-15 (day -141,427); from there on the two agree.
    @Test(arguments: [Int64(-141_427), -25_567, -1, 0, 1, 11_016, 20_419, 2_932_896, 10_000_000])
    func dayNumbersMatchFoundationsCalendar(days: Int64) throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        let parts = calendar.dateComponents(
            [.year, .month, .day],
            from: Date(timeIntervalSince1970: TimeInterval(days) * 86_400)
        )
        let date = CivilDate(daysSinceEpoch: days)
        let expected = CivilDate(
            year: Int64(try #require(parts.year)),
            month: Int64(try #require(parts.month)),
            day: Int64(try #require(parts.day))
        )
        #expect(date == expected)
        #expect(date.daysSinceEpoch == days)
    }

    @Test(arguments: [
        (Int64(2024), Int64(2), Int64(29), true), (2026, 2, 29, false), (2000, 2, 29, true), (1900, 2, 29, false),
        (2026, 4, 31, false), (2026, 12, 31, true), (2026, 13, 1, false), (2026, 0, 1, false), (2026, 1, 0, false),
    ])
    func validityFollowsTheMonthLengths(year: Int64, month: Int64, day: Int64, isValid: Bool) {
        #expect(CivilDate(year: year, month: month, day: day).isValid == isValid)
    }

    @Test func anISODateIsReadWhetherOrNotTheDayExistsAndNothingElseIs() {
        #expect(CivilDate(parsingISODate: "2026-12-24") == CivilDate(year: 2026, month: 12, day: 24))
        #expect(CivilDate(parsingISODate: "2026-02-30").map(\.isValid) == false, "read, and known not to exist")
        for text in ["2026-1-05", "2026-12-24T00:00:00Z", "2026/12/24", "２０２６-12-24", "", "20261224xx"] {
            #expect(CivilDate(parsingISODate: text) == nil, "\(text)")
        }
    }
}
