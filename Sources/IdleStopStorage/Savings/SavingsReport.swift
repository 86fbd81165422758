import Foundation
import IdleStopCore

/// Realized savings and runs of one period, read from the history: what `ges-idle-stop report` writes.
///
/// A plain value, so the CSV and HTML renderings are pure functions of it. The period is `[since, until)`;
/// only the stopped hours inside it count (see `HistoryStore.realizedSavings`), booked on the days of
/// `calendar` (UTC unless `report --tz` names a zone).
public struct SavingsReport: Sendable, Equatable {
    /// Start of the period (included).
    public var since: Date
    /// End of the period (excluded).
    public var until: Date
    /// The time zone whose days savings are booked on.
    public var calendar: ReportCalendar
    /// Per graph, day and currency, ordered by day, graph ID, currency.
    public var savings: [RealizedSaving]
    /// Runs evaluated in the period, oldest first.
    public var runs: [RunRecord]

    public init(
        since: Date,
        until: Date,
        calendar: ReportCalendar = .utc,
        savings: [RealizedSaving],
        runs: [RunRecord]
    ) {
        self.since = since
        self.until = until
        self.calendar = calendar
        self.savings = savings
        self.runs = runs
    }

    /// Reads the period `[since, until)` from `store`, booking savings on the days of `calendar`.
    public static func load(
        from store: HistoryStore,
        since: Date,
        until: Date,
        calendar: ReportCalendar = .utc
    ) throws(StorageError) -> SavingsReport {
        let savings = try store.realizedSavings(since: since, until: until, calendar: calendar)
        let runs = try store.runs(since: since).filter { $0.evaluatedAt < until }
        return SavingsReport(since: since, until: until, calendar: calendar, savings: savings, runs: runs)
    }

    /// Every day of `calendar` the period touches, `2026-11-01` to the day of the last second before `until`.
    ///
    /// At most `maximumDays` (the latest ones), so that a period of years still draws a readable chart.
    public func days(maximumDays: Int = 366) -> [String] {
        calendar.days(since: since, until: until, maximumDays: maximumDays)
    }
}
