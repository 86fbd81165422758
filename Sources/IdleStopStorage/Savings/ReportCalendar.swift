import Foundation

/// The time zone whose calendar days the report books savings on: UTC unless `report --tz` names another.
///
/// The one place that splits instants into days (Foundation's `Calendar`, so daylight-saving days of 23 or
/// 25 hours come out right): the history's savings (through a `ReportDayTable` made once per report), the
/// chart's days and bare `--since`/`--until` dates.
public struct ReportCalendar: Sendable, Equatable {
    /// UTC, the default.
    public static let utc = ReportCalendar(name: "UTC", timeZone: TimeZone(secondsFromGMT: 0)!)

    /// How the page and errors name the zone: `UTC`, `Asia/Shanghai`, `+08:00`.
    public let name: String
    private let calendar: Calendar

    private init(name: String, timeZone: TimeZone) {
        self.name = name
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    /// `UTC`, `Z`, a fixed offset (`+08:00`, `-05:30`) or an IANA name (`Asia/Shanghai`); nil for anything else.
    public init?(parsing text: String) {
        if text == "UTC" || text == "Z" {
            self = .utc
            return
        }
        if let seconds = Self.offsetSeconds(text) {
            guard let zone = TimeZone(secondsFromGMT: seconds) else { return nil }
            self.init(name: text, timeZone: zone)
            return
        }
        guard text.contains("/"), let zone = TimeZone(identifier: text) else { return nil }
        self.init(name: zone.identifier, timeZone: zone)
    }

    /// `+08:00` or `-05:30` (at most ±18:00) in seconds east of UTC; nil for anything else.
    private static func offsetSeconds(_ text: String) -> Int? {
        let characters = Array(text)
        let digits = [1, 2, 4, 5].map { characters.indices.contains($0) ? characters[$0] : " " }
        guard characters.count == 6, characters[0] == "+" || characters[0] == "-", characters[3] == ":",
            digits.allSatisfy({ $0.isASCII && $0.isNumber }), let hours = Int(String(characters[1...2])),
            let minutes = Int(String(characters[4...5])), minutes < 60, hours * 60 + minutes <= 18 * 60
        else { return nil }
        return (characters[0] == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
    }

    /// `2026-11-27`: the calendar day of an instant (Unix seconds) in this zone.
    func day(of seconds: Int64) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: Self.date(seconds))
        let year = parts.year ?? 0
        let month = parts.month ?? 0
        let day = parts.day ?? 0
        return "\(Self.padded(year, 4))-\(Self.padded(month, 2))-\(Self.padded(day, 2))"
    }

    /// `2026-11-27 10:05`: the day and minute of an instant in this zone, for tables a person reads.
    func minute(of date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let parts = calendar.dateComponents([.hour, .minute], from: Self.date(seconds))
        return "\(day(of: seconds)) \(Self.padded(parts.hour ?? 0, 2)):\(Self.padded(parts.minute ?? 0, 2))"
    }

    /// The span `[start, end)` (Unix seconds) cut at this zone's midnights: each day it touches, and its seconds.
    func split(from start: Int64, to end: Int64) -> [(day: String, seconds: Int64)] {
        let table = ReportDayTable(calendar: self, from: start, through: end)
        var pieces: [(dayID: Int32, seconds: Int64)] = []
        table.split(from: start, to: end) { pieces.append(($0, $1)) }
        return pieces.map { (table.days[Int($0.dayID)], $0.seconds) }
    }

    /// Every day of this zone the period `[since, until)` touches, at most `maximumDays` (the latest ones).
    func days(since: Date, until: Date, maximumDays: Int) -> [String] {
        let start = Int64(since.timeIntervalSince1970.rounded(.down))
        let end = Int64(until.timeIntervalSince1970.rounded(.up))
        guard end > start else { return [] }
        var days: [String] = []
        var cursor = start
        while cursor < end {
            days.append(day(of: cursor))
            cursor = nextMidnight(after: cursor)
        }
        return Array(days.suffix(max(0, maximumDays)))
    }

    /// Midnight at the start of `year-month-day` in this zone; nil for a day that does not exist.
    public func midnight(year: Int, month: Int, day: Int) -> Date? {
        guard let date = calendar.date(from: DateComponents(year: year, month: month, day: day)) else { return nil }
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return parts.year == year && parts.month == month && parts.day == day ? date : nil
    }

    /// The start of the day of this zone that holds `seconds` (its midnight, or the first instant of a day
    /// whose midnight daylight saving skips).
    func dayStart(of seconds: Int64) -> Int64 {
        Int64(calendar.startOfDay(for: Self.date(seconds)).timeIntervalSince1970.rounded(.down))
    }

    /// The first midnight of this zone strictly after `seconds`.
    func nextMidnight(after seconds: Int64) -> Int64 {
        let dayStart = calendar.startOfDay(for: Self.date(seconds))
        let next = calendar.date(byAdding: .day, value: 1, to: dayStart) ?? dayStart.addingTimeInterval(86_400)
        return max(seconds + 1, Int64(next.timeIntervalSince1970.rounded(.down)))
    }

    private static func date(_ seconds: Int64) -> Date {
        Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(abs(value))
        return (value < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
