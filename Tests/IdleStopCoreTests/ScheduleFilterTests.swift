import Foundation
import Testing

@testable import IdleStopCore

/// An instant from ISO 8601 with offset.
private func instant(_ text: String) throws -> Instant {
    Instant(try #require(ISO8601DateFormatter().date(from: text)))
}

private let weekdayNights = ScheduleFilter(
    timeZone: TimeZone(identifier: "Europe/Berlin")!,
    days: [.mon, .tue, .wed, .thu, .fri],
    between: DailyInterval(parsing: "19:00-07:00")
)

@Test(arguments: [
    // Wednesday 20:00 Berlin (19:00Z in winter): inside the evening part.
    ("2026-11-25T19:00:00Z", true),
    // Wednesday 18:59 Berlin: before the window opens.
    ("2026-11-25T17:59:00Z", false),
    // Thursday 06:59 Berlin: the morning part of Wednesday's window.
    ("2026-11-26T05:59:00Z", true),
    // Thursday 07:00 Berlin: the window has closed (end is exclusive).
    ("2026-11-26T06:00:00Z", false),
    // Saturday 03:00 Berlin: the tail of Friday night's window.
    ("2026-11-28T02:00:00Z", true),
    // Saturday 20:00 Berlin: Saturday is not a scheduled day.
    ("2026-11-28T19:00:00Z", false),
    // Monday 03:00 Berlin: the tail of Sunday night, and Sunday is not scheduled.
    ("2026-11-30T02:00:00Z", false),
    // Monday 19:00 Berlin exactly: start is inclusive.
    ("2026-11-30T18:00:00Z", true),
])
func nightsAcrossMidnightBelongToTheDayTheyStart(time: String, inside: Bool) throws {
    #expect(weekdayNights.contains(try instant(time)) == inside)
}

@Test func theTimeZoneDecidesTheWallClock() throws {
    // 2026-11-27T02:00Z is Friday 03:00 in Berlin (inside) but Thursday 21:00 in New York (inside, Thursday night)
    // and Friday 11:00 in Tokyo (outside).
    let time = try instant("2026-11-27T02:00:00Z")
    func at(_ zone: String) -> ScheduleFilter {
        ScheduleFilter(timeZone: TimeZone(identifier: zone)!, days: weekdayNights.days, between: weekdayNights.between)
    }
    #expect(at("Europe/Berlin").contains(time))
    #expect(at("America/New_York").contains(time))
    #expect(at("Asia/Tokyo").contains(time) == false)
}

@Test func summerTimeShiftsTheWindowInUTC() throws {
    // In July Berlin is UTC+2: 17:30Z is 19:30 local, inside; in January it is 18:30 local, outside.
    #expect(weekdayNights.contains(try instant("2026-07-15T17:30:00Z")))
    #expect(weekdayNights.contains(try instant("2026-01-14T17:30:00Z")) == false)
}

@Test func daysAloneHoldTheWholeDayInTheZone() throws {
    let weekend = ScheduleFilter(timeZone: TimeZone(identifier: "Asia/Shanghai")!, days: [.sat, .sun])
    // Friday 23:59:59 in Shanghai is 15:59:59Z; one second later it is Saturday there.
    #expect(weekend.contains(try instant("2026-11-27T15:59:59Z")) == false)
    #expect(weekend.contains(try instant("2026-11-27T16:00:00Z")))
    #expect(weekend.summary == "Sat,Sun all day Asia/Shanghai")
}

@Test func betweenAloneHoldsEveryDay() throws {
    let lunch = ScheduleFilter(
        timeZone: TimeZone(identifier: "UTC")!,
        timeZoneName: "UTC",
        between: DailyInterval(parsing: "12:00-13:30")
    )
    #expect(lunch.contains(try instant("2026-11-29T13:29:00Z")))
    #expect(lunch.contains(try instant("2026-11-29T13:30:00Z")) == false)
    #expect(lunch.summary == "daily 12:00-13:30 UTC")
}

@Test func aScheduleFilterSaysWhenNowIsOutside() throws {
    let item = "schedule: { timezone: Europe/Berlin, days: [mon, tue, wed, thu, fri], between: \"19:00-07:00\" }"
    let graph = Graph(id: "g", name: "n", status: .running, sizeIndex: "1")
    let outside = try parsedPolicy(item).evaluate(
        graph: graph,
        usage: GraphUsage(graphID: "g"),
        now: try instant("2026-11-28T19:00:00Z")
    )
    #expect(!outside.matched)
    #expect(outside.failure == "outside schedule Mon-Fri 19:00-07:00 Europe/Berlin")
    let inside = try parsedPolicy(item).evaluate(
        graph: graph,
        usage: GraphUsage(graphID: "g"),
        now: try instant("2026-11-28T02:00:00Z")
    )
    #expect(inside.summary == "inside schedule Mon-Fri 19:00-07:00 Europe/Berlin")
}

@Test(arguments: ["19:00-19:00", "7:00-08:00", "24:00-07:00", "19:60-07:00", "19:00", "a-b", "19:00-07:00-08:00"])
func malformedIntervalsAreRefused(text: String) {
    #expect(DailyInterval(parsing: text) == nil)
}

@Test func weekdayRunsAreAbbreviated() {
    #expect(Weekday.describe([.mon, .tue, .wed, .thu, .fri]) == "Mon-Fri")
    #expect(Weekday.describe([.mon, .wed, .thu, .fri, .sun]) == "Mon,Wed-Fri,Sun")
    #expect(Weekday.describe([.sat, .sun]) == "Sat,Sun")
}
