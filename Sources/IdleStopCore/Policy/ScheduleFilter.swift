import Foundation

/// `schedule`: holds when `now`, on the wall clock of `timeZone`, falls inside the given days and hours.
///
/// An interval that crosses midnight (`19:00-07:00`) belongs to the day it starts on: with `days: [fri]`,
/// Saturday 03:00 is inside and Friday 03:00 is not. Wall-clock time follows the zone's daylight saving rules.
public struct ScheduleFilter: Sendable, Equatable {
    public var timeZone: TimeZone
    /// The zone's name as written (Foundation may report `UTC` as `GMT`).
    public var timeZoneName: String
    /// nil: every day.
    public var days: Set<Weekday>?
    /// nil: the whole day.
    public var between: DailyInterval?

    public init(
        timeZone: TimeZone,
        timeZoneName: String? = nil,
        days: Set<Weekday>? = nil,
        between: DailyInterval? = nil
    ) {
        self.timeZone = timeZone
        self.timeZoneName = timeZoneName ?? timeZone.identifier
        self.days = days
        self.between = between
    }

    /// Whether `now` falls inside the schedule, on the wall clock of `timeZone`.
    public func contains(_ now: Instant) -> Bool {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.weekday, .hour, .minute], from: now.date)
        guard let weekday = parts.weekday.flatMap(Weekday.init(calendarWeekday:)), let hour = parts.hour,
            let minute = parts.minute
        else { return false }
        let minuteOfDay = hour * 60 + minute
        func isScheduled(_ day: Weekday) -> Bool { days?.contains(day) ?? true }
        guard let between else { return isScheduled(weekday) }
        if between.start < between.end {
            return isScheduled(weekday) && minuteOfDay >= between.start && minuteOfDay < between.end
        }
        // Crossing midnight: the evening part belongs to today, the morning part to yesterday.
        if minuteOfDay >= between.start { return isScheduled(weekday) }
        if minuteOfDay < between.end { return isScheduled(weekday.previous) }
        return false
    }

    /// `Mon-Fri 19:00-07:00 Europe/Berlin`.
    public var summary: String {
        let dayText = days.map(Weekday.describe) ?? "daily"
        let hours = between.map { " \($0)" } ?? " all day"
        return "\(dayText)\(hours) \(timeZoneName)"
    }
}

/// A daily time interval in minutes after midnight; `end` ≤ `start` means it ends the next day.
public struct DailyInterval: Sendable, Equatable, CustomStringConvertible {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    /// Parses `HH:MM-HH:MM` (24-hour clock, `24:00` allowed as an end); nil for anything else or an empty interval.
    public init?(parsing text: String) {
        let halves = text.split(separator: "-", omittingEmptySubsequences: false)
        guard halves.count == 2, let start = Self.minutes(halves[0], allowing24: false),
            let end = Self.minutes(halves[1], allowing24: true), start != end % 1440
        else { return nil }
        self.start = start
        self.end = end
    }

    private static func minutes(_ text: Substring, allowing24: Bool) -> Int? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let hour = Int(parts[0]), let minute = Int(parts[1]), minute < 60
        else { return nil }
        if hour == 24 && minute == 0 && allowing24 { return 1440 }
        guard hour < 24 else { return nil }
        return hour * 60 + minute
    }

    public var description: String {
        func clock(_ minutes: Int) -> String {
            let h = minutes / 60
            let m = minutes % 60
            return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
        }
        return "\(clock(start))-\(clock(end))"
    }
}

/// A day of the week as policies write it: `mon` … `sun`.
public enum Weekday: Int, Sendable, Equatable, Hashable, CaseIterable, Comparable {
    case mon = 1
    case tue, wed, thu, fri, sat, sun

    /// From `Calendar`'s numbering, where 1 is Sunday.
    init?(calendarWeekday: Int) {
        self.init(rawValue: calendarWeekday == 1 ? 7 : calendarWeekday - 1)
    }

    /// `mon` … `sun`, any letter case.
    public init?(name: String) {
        guard let day = Self.allCases.first(where: { "\($0)" == name.lowercased() }) else { return nil }
        self = day
    }

    var previous: Weekday { Weekday(rawValue: rawValue == 1 ? 7 : rawValue - 1) ?? .sun }

    var title: String { "\(self)".prefix(1).uppercased() + "\(self)".dropFirst() }

    public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.rawValue < rhs.rawValue }

    /// `Mon-Fri`, `Sat,Sun`, `Mon,Wed-Fri`: runs of three or more days joined by a dash.
    static func describe(_ days: Set<Weekday>) -> String {
        let sorted = days.sorted()
        var runs: [[Weekday]] = []
        for day in sorted {
            if let last = runs.last?.last, last.rawValue + 1 == day.rawValue {
                runs[runs.count - 1].append(day)
            } else {
                runs.append([day])
            }
        }
        return runs.map { run in
            run.count >= 3 ? "\(run[0].title)-\(run[run.count - 1].title)" : run.map(\.title).joined(separator: ",")
        }.joined(separator: ",")
    }
}
