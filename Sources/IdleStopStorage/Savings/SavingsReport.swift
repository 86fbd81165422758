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
    public var savings: [RealizedSaving] {
        didSet { summary = SavingsSummary(savings: savings) }
    }
    /// `savings` grouped per day, graph and currency, made once (see `byDay()`, `byGraph()`, `totals()`).
    private(set) var summary: SavingsSummary
    /// Runs evaluated in the period, oldest first.
    public var runs: [RunRecord]
    /// When the period starts before what the history keeps: the instant from which it keeps every decision.
    public var keptSince: Date?

    public init(
        since: Date,
        until: Date,
        calendar: ReportCalendar = .utc,
        savings: [RealizedSaving],
        runs: [RunRecord],
        keptSince: Date? = nil
    ) {
        self.init(
            since: since,
            until: until,
            calendar: calendar,
            savings: savings,
            summary: SavingsSummary(savings: savings),
            runs: runs,
            keptSince: keptSince
        )
    }

    /// A report whose savings come already grouped (`HistoryStore.realizedSavingsWithSummary`).
    init(
        since: Date,
        until: Date,
        calendar: ReportCalendar,
        savings: [RealizedSaving],
        summary: SavingsSummary,
        runs: [RunRecord],
        keptSince: Date?
    ) {
        self.since = since
        self.until = until
        self.calendar = calendar
        self.savings = savings
        self.summary = summary
        self.runs = runs
        self.keptSince = keptSince
    }

    /// Reads the period `[since, until)` from `store`, booking savings on the days of `calendar`.
    ///
    /// Without `keepingCells`, `savings` stays empty and only the groups are read: enough for the page and every
    /// CSV view but `graph-day`.
    public static func load(
        from store: HistoryStore,
        since: Date,
        until: Date,
        calendar: ReportCalendar = .utc,
        keepingCells: Bool = true
    ) throws(StorageError) -> SavingsReport {
        let (savings, summary) = try store.realizedSavingsWithSummary(
            since: since,
            until: until,
            calendar: calendar,
            keepingCells: keepingCells
        )
        let runs = try store.runs(since: since).filter { $0.evaluatedAt < until }
        let keptSince = try store.decisionsKeptSince().flatMap { since < $0 ? $0 : nil }
        return SavingsReport(
            since: since,
            until: until,
            calendar: calendar,
            savings: savings,
            summary: summary,
            runs: runs,
            keptSince: keptSince
        )
    }

    /// Says that the period reaches past what the history keeps (`history.keep_decisions_days`), or nil.
    ///
    /// Before `keptSince` only the rows retention keeps as evidence remain, so the savings of those days are
    /// incomplete; `report` prints this on standard error and on the page.
    public var retentionNote: String? {
        keptSince.map { kept in
            "The period starts \(ReportFormat.timestamp(since)), but the history keeps decisions only from "
                + "\(ReportFormat.timestamp(kept)) on (history.keep_decisions_days): before that only the rows kept "
                + "as evidence remain, so savings of those days are incomplete."
        }
    }

    /// Every day of `calendar` the period touches, `2026-11-01` to the day of the last second before `until`.
    ///
    /// At most `maximumDays` (the latest ones), so that a period of years still draws a readable chart.
    public func days(maximumDays: Int = 366) -> [String] {
        calendar.days(since: since, until: until, maximumDays: maximumDays)
    }
}
