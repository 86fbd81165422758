import Foundation
import Testing

@testable import IdleStopStorage

struct ReportCalendarTests {
    @Test(arguments: [
        ("UTC", "UTC"), ("Z", "UTC"), ("+08:00", "+08:00"), ("-05:30", "-05:30"), ("Asia/Shanghai", "Asia/Shanghai"),
        ("America/New_York", "America/New_York"),
    ])
    func readsUTCOffsetsAndIANANames(text: String, name: String) throws {
        #expect(try #require(ReportCalendar(parsing: text)).name == name)
    }

    @Test(arguments: ["Mars/Olympus", "+8", "+08:60", "+19:00", "utc", "", "Shanghai", "08:00", "+０8:00"])
    func refusesAnythingElse(text: String) {
        #expect(ReportCalendar(parsing: text) == nil)
    }

    @Test func daysAndMinutesAreThoseOfTheZone() throws {
        let shanghai = try #require(ReportCalendar(parsing: "Asia/Shanghai"))
        // 2026-11-27T02:00:00Z, and a second before the epoch.
        #expect(ReportCalendar.utc.day(of: 1_795_744_800) == "2026-11-27")
        #expect(ReportCalendar.utc.day(of: -1) == "1969-12-31")
        #expect(shanghai.day(of: 1_795_744_800 - 3 * 3600) == "2026-11-27")
        #expect(ReportCalendar.utc.day(of: 1_795_744_800 - 3 * 3600) == "2026-11-26")
        #expect(shanghai.minute(of: Date(timeIntervalSince1970: 1_795_744_800)) == "2026-11-27 10:00")
    }

    @Test func splitsASpanAtTheZonesMidnights() throws {
        let start = Int64(utc("2026-11-23T22:00:00Z").timeIntervalSince1970)
        let end = Int64(utc("2026-11-26T04:00:00Z").timeIntervalSince1970)
        let pieces = ReportCalendar.utc.split(from: start, to: end)
        #expect(pieces.map(\.day) == ["2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26"])
        let seconds: [Int64] = [2 * 3600, 24 * 3600, 24 * 3600, 4 * 3600]
        #expect(pieces.map(\.seconds) == seconds)
        #expect(ReportCalendar.utc.split(from: end, to: end).isEmpty)
        // New York's 2026-11-01 has 25 hours.
        let newYork = try #require(ReportCalendar(parsing: "America/New_York"))
        let day = newYork.split(from: start - 30 * 86_400, to: start).first { $0.day == "2026-11-01" }
        let seconds25 = try #require(day).seconds
        #expect(seconds25 == 90_000)
    }

    @Test func midnightIsThatOfTheZoneAndOnlyForRealDays() throws {
        let offset = try #require(ReportCalendar(parsing: "+08:00"))
        #expect(offset.midnight(year: 2026, month: 11, day: 1) == utc("2026-10-31T16:00:00Z"))
        #expect(ReportCalendar.utc.midnight(year: 2026, month: 11, day: 1) == utc("2026-11-01T00:00:00Z"))
        #expect(ReportCalendar.utc.midnight(year: 2026, month: 13, day: 1) == nil)
        #expect(ReportCalendar.utc.midnight(year: 2026, month: 2, day: 29) == nil)
    }
}
