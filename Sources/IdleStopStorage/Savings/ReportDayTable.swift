/// The days of a `ReportCalendar` over a span, computed once, so that cutting stops at midnights is integer work.
///
/// A year's report cuts millions of stop spans into days; asking Foundation's `Calendar` for each cut took most of
/// its time. The table asks it once per day (so days of 23 or 25 hours stay right) and then finds a day by binary
/// search; `cover(from:to:)` grows it to reach instants outside. Days are numbered by their text (`dayID`), so two entries naming
/// one day share a number.
struct ReportDayTable: Sendable {
    /// Where each day starts (Unix seconds), ascending; the last entry only ends the day before it.
    private var starts: [Int64]
    /// The number of the day that starts at `starts[i]`, an index into `days`.
    private var ids: [Int32] = []
    /// Each day's text (`2026-11-27`), once, by number.
    private(set) var days: [String] = []
    private var numbers: [String: Int32] = [:]
    /// Where each numbered day starts.
    private var firstStarts: [Int64] = []
    private let calendar: ReportCalendar

    /// The days of `calendar` from the one holding `lower` to the one holding `upper`.
    init(calendar: ReportCalendar, from lower: Int64, through upper: Int64) {
        self.calendar = calendar
        starts = [calendar.dayStart(of: lower)]
        while let last = starts.last, last <= upper { starts.append(calendar.nextMidnight(after: last)) }
        ids = starts.dropLast().map { _ in 0 }
        for slot in ids.indices { ids[slot] = number(calendar.day(of: starts[slot]), start: starts[slot]) }
    }

    /// The number of the day holding `seconds`.
    mutating func dayID(of seconds: Int64) -> Int32 {
        cover(from: seconds, to: seconds)
        return ids[slot(of: seconds)]
    }

    /// Where day `dayID` starts (its first entry): days in time order have ascending starts.
    func start(of dayID: Int32) -> Int64 {
        firstStarts[Int(dayID)]
    }

    /// Grows the table to hold the instants `start` and `end`.
    mutating func cover(from start: Int64, to end: Int64) {
        if end >= starts[starts.count - 1] { grow(through: end) }
        if start < starts[0] { grow(through: start) }
    }

    /// Calls `body` with each day the span `[start, end)` touches and its seconds, in order; the table must
    /// cover the span (`cover(from:to:)`).
    @inline(__always)
    func split(from start: Int64, to end: Int64, _ body: (_ dayID: Int32, _ seconds: Int64) -> Void) {
        guard start < end else { return }
        var slot = slot(of: start)
        var cursor = start
        while cursor < end {
            let next = min(end, starts[slot + 1])
            body(ids[slot], next - cursor)
            cursor = next
            slot += 1
        }
    }

    /// The index of the entry whose day holds `seconds`, which the table covers.
    @inline(__always)
    private func slot(of seconds: Int64) -> Int {
        var low = 0
        var high = starts.count - 1
        // Invariant: starts[low] <= seconds < starts[high].
        while high - low > 1 {
            let middle = (low + high) / 2
            if starts[middle] <= seconds { low = middle } else { high = middle }
        }
        return low
    }

    /// Adds the days between the table and `seconds`, before or after it.
    private mutating func grow(through seconds: Int64) {
        while seconds >= starts[starts.count - 1] {
            let last = starts[starts.count - 1]
            ids.append(number(calendar.day(of: last), start: last))
            starts.append(calendar.nextMidnight(after: last))
        }
        if seconds < starts[0] {
            var earlier = [calendar.dayStart(of: seconds)]
            while let last = earlier.last, calendar.nextMidnight(after: last) < starts[0] {
                earlier.append(calendar.nextMidnight(after: last))
            }
            ids.insert(contentsOf: earlier.map { number(calendar.day(of: $0), start: $0) }, at: 0)
            starts.insert(contentsOf: earlier, at: 0)
        }
    }

    /// The number of a day's text, adding it (starting at `start`) when new.
    private mutating func number(_ day: String, start: Int64) -> Int32 {
        if let id = numbers[day] {
            firstStarts[Int(id)] = min(firstStarts[Int(id)], start)
            return id
        }
        days.append(day)
        firstStarts.append(start)
        numbers[day] = Int32(days.count - 1)
        return Int32(days.count - 1)
    }
}
