import Foundation
import Testing

@testable import IdleStopStorage

struct ReportDayTableTests {
    /// The cut the calendar makes asked once per piece (what `realizedSavings` did before the table): the reference.
    static func reference(_ zone: String, from start: Int64, to end: Int64) -> [String] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone) ?? TimeZone(secondsFromGMT: 0)!
        let report = ReportCalendar(parsing: zone)!
        var pieces: [String] = []
        var cursor = start
        while cursor < end {
            let dayStart = calendar.startOfDay(for: Date(timeIntervalSince1970: TimeInterval(cursor)))
            let next = calendar.date(byAdding: .day, value: 1, to: dayStart)!
            let midnight = max(cursor + 1, Int64(next.timeIntervalSince1970.rounded(.down)))
            let pieceEnd = min(end, midnight)
            pieces.append("\(report.day(of: cursor)) \(pieceEnd - cursor)")
            cursor = pieceEnd
        }
        return pieces
    }

    @Test(arguments: ["UTC", "America/New_York", "Asia/Shanghai", "Australia/Lord_Howe", "America/Santiago"])
    func cutsSpansAsTheCalendarDoesAcrossDaylightSavingChanges(zone: String) throws {
        let calendar = try #require(ReportCalendar(parsing: zone))
        // 2026-01-01 to 2027-01-01 UTC, spans of up to 8 days starting at every 7h 13min.
        let yearStart: Int64 = 1_767_225_600
        var table = ReportDayTable(calendar: calendar, from: yearStart, through: yearStart + 366 * 86_400)
        var start = yearStart
        while start < yearStart + 365 * 86_400 {
            let end = start + (start % 8 + 1) * 86_400 - start % 3600
            table.cover(from: start, to: end)
            var pieces: [String] = []
            table.split(from: start, to: end) { pieces.append("\(table.days[Int($0)]) \($1)") }
            #expect(pieces == Self.reference(zone, from: start, to: end))
            start += 7 * 3600 + 13 * 60
        }
    }

    @Test func growsToInstantsBeforeAndAfterIt() throws {
        let shanghai = try #require(ReportCalendar(parsing: "Asia/Shanghai"))
        // 2026-11-27T02:00:00Z is 10:00 in Shanghai.
        var table = ReportDayTable(calendar: shanghai, from: 1_795_744_800, through: 1_795_744_800)
        #expect(table.days == ["2026-11-27"])
        let before = table.dayID(of: 1_795_744_800 - 3 * 86_400)
        let after = table.dayID(of: 1_795_744_800 + 2 * 86_400)
        #expect(table.days[Int(before)] == "2026-11-24")
        #expect(table.days[Int(after)] == "2026-11-29")
        #expect(table.start(of: before) < table.start(of: table.dayID(of: 1_795_744_800)))
        table.cover(from: 1_795_744_800 - 10 * 86_400, to: 1_795_744_800)
        var pieces: [String] = []
        table.split(from: 1_795_744_800 - 10 * 86_400, to: 1_795_744_800 - 8 * 86_400) {
            pieces.append("\(table.days[Int($0)]) \($1)")
        }
        #expect(pieces == ["2026-11-17 50400", "2026-11-18 86400", "2026-11-19 36000"])
    }
}
