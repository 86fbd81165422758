import Foundation
import GRDB
import IdleStopCore

extension HistoryStore {
    /// Realized savings (docs/SPEC.md §5) in `[since, until)`, per graph, day of `calendar` and currency.
    ///
    /// A stop (result requested or confirmed, in a run that is not a replay) lasts from its run's `evaluated_at`
    /// until the first later run that is not a replay and saw the graph running (status running), or the first later
    /// `ges-idle-stop start` of it (a start sent, or one that found it running), at most
    /// `Graph.automaticRestartAfter` (168h).
    /// The part of it inside `[since, until)` is cut at `calendar`'s midnights and each day books its own
    /// seconds × the hourly price, so a stop made before `since` still counts for the days it held in the
    /// period and consecutive periods never count the same hour twice. A stop counts in `stops` on the day it
    /// was made. Each cell's exact sum is rounded half up to cents once. Ordered by day, graph ID, currency.
    public func realizedSavings(
        since: Date,
        until: Date,
        calendar: ReportCalendar = .utc
    ) throws(StorageError) -> [RealizedSaving] {
        try realizedSavingsWithSummary(since: since, until: until, calendar: calendar).savings
    }

    /// `realizedSavings(since:until:calendar:)` and its groups, summed in the same pass (what `report` reads).
    ///
    /// The stops are read with a cursor and booked in a `SavingsLedger`: timestamps by a fixed-format parser,
    /// each price text scaled once, days from a table made once, so that a year of 10,000 graphs takes well
    /// under a second.
    func realizedSavingsWithSummary(
        since: Date,
        until: Date,
        calendar: ReportCalendar
    ) throws(StorageError) -> (savings: [RealizedSaving], summary: SavingsSummary) {
        let sinceSeconds = Int64(since.timeIntervalSince1970.rounded(.down))
        let untilSeconds = Int64(until.timeIntervalSince1970.rounded(.down))
        let restart = Graph.automaticRestartAfter.seconds
        var ledger = SavingsLedger(calendar: calendar, from: sinceSeconds, through: untilSeconds)
        try read("read the stops for realized savings") { db in
            var prices: [String: SavingsLedger.Price?] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: HistoryQuery.realizedSavings,
                arguments: [Instant(unixSeconds: sinceSeconds - restart).description, ReportFormat.timestamp(until)]
            )
            // Columns: graph_id, graph_name, evaluated_at, hourly_price, currency, seen_running, started.
            while let row = try rows.next() {
                guard let stopSeconds = Self.seconds(row[2]) else { continue }
                var end = min(stopSeconds + restart, untilSeconds)
                if let seen = Self.seconds(row[5]) { end = min(end, seen) }
                if let started = Self.seconds(row[6]) { end = min(end, started) }
                var price: SavingsLedger.Price?
                if let text = row[3] as String? {
                    if let known = prices[text] {
                        price = known
                    } else {
                        price = SavingsLedger.Price(text)
                        prices[text] = .some(price)
                    }
                }
                ledger.book(
                    graphID: row[0],
                    name: row[1] ?? "",
                    price: price,
                    currency: row[4],
                    from: max(stopSeconds, sinceSeconds),
                    to: end,
                    countsStop: stopSeconds >= sinceSeconds
                )
            }
        }
        return ledger.finish()
    }

    /// The Unix seconds (truncated) of a stored timestamp: `2026-11-27T02:00:00Z` by a fixed-format parser, any
    /// other ISO 8601 spelling as `ReportFormat.date(from:)` reads it; nil for NULL or anything else.
    static func seconds(_ text: String?) -> Int64? {
        guard var text else { return nil }
        let fast = text.withUTF8 { bytes -> Int64? in
            guard bytes.count == 20, bytes[10] == UInt8(ascii: "T"), bytes[19] == UInt8(ascii: "Z") else { return nil }
            return TimestampParser.parse(UnsafeRawBufferPointer(bytes))
        }
        return fast ?? date(text).map { Int64($0.timeIntervalSince1970) }
    }
}
