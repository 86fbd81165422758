import Foundation
import IdleStopCore

/// Realized savings and runs of one period, read from the history: what `ges-idle-stop report` writes.
///
/// A plain value, so the CSV and HTML renderings are pure functions of it. The period is `[since, until)`;
/// a stop still in force at `until` counts up to `until` (see `HistoryStore.realizedSavings`).
public struct SavingsReport: Sendable, Equatable {
    /// Start of the period (included).
    public var since: Date
    /// End of the period (excluded).
    public var until: Date
    /// Per graph, UTC day of the stop and currency, ordered by day, graph ID, currency.
    public var savings: [RealizedSaving]
    /// Runs evaluated in the period, oldest first.
    public var runs: [RunRecord]

    public init(since: Date, until: Date, savings: [RealizedSaving], runs: [RunRecord]) {
        self.since = since
        self.until = until
        self.savings = savings
        self.runs = runs
    }

    /// Reads the period `[since, until)` from `store`.
    public static func load(from store: HistoryStore, since: Date, until: Date) throws(StorageError) -> SavingsReport {
        let savings = try store.realizedSavings(since: since, until: until)
        let runs = try store.runs(since: since).filter { $0.evaluatedAt < until }
        return SavingsReport(since: since, until: until, savings: savings, runs: runs)
    }

    /// Every UTC day the period touches, `2026-11-01` to the day of the last second before `until`.
    ///
    /// At most `maximumDays` (the latest ones), so that a period of years still draws a readable chart.
    public func days(maximumDays: Int = 366) -> [String] {
        guard until > since else { return [] }
        let first = Int64(since.timeIntervalSince1970.rounded(.down)).flooredDays
        let last = (Int64(until.timeIntervalSince1970.rounded(.up)) - 1).flooredDays
        let start = max(first, last - Int64(maximumDays) + 1)
        return (start...last).map { ReportFormat.day(Date(timeIntervalSince1970: TimeInterval($0 * 86_400))) }
    }
}

extension Int64 {
    /// Whole days since the Unix epoch, rounded towards the past (also before 1970).
    fileprivate var flooredDays: Int64 {
        let (quotient, remainder) = quotientAndRemainder(dividingBy: 86_400)
        return remainder < 0 ? quotient - 1 : quotient
    }
}
