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
        let sinceSeconds = Int64(since.timeIntervalSince1970.rounded(.down))
        let untilSeconds = Int64(until.timeIntervalSince1970.rounded(.down))
        let rows = try stopRows(since: sinceSeconds - Graph.automaticRestartAfter.seconds, until: until)
        struct Key: Hashable { var graphID: String, day: String, currency: String? }
        var cells: [Key: (saving: RealizedSaving, priceSeconds: Decimal)] = [:]
        for row in rows {
            guard let stop = Self.date(row["evaluated_at"]) else { continue }
            let stopSeconds = Int64(stop.timeIntervalSince1970)
            var end = min(stopSeconds + Graph.automaticRestartAfter.seconds, untilSeconds)
            for ended in [Self.date(row["seen_running"]), Self.date(row["started"])].compactMap({ $0 }) {
                end = min(end, Int64(ended.timeIntervalSince1970))
            }
            let price = (row["hourly_price"] as String?).flatMap {
                Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX"))
            }
            let currency: String? = price == nil ? nil : row["currency"]
            let graphName: String = row["graph_name"] ?? ""
            var pieces = calendar.split(from: max(stopSeconds, sinceSeconds), to: end)
            let madeInPeriod = stopSeconds >= sinceSeconds
            if madeInPeriod && pieces.isEmpty { pieces = [(calendar.day(of: stopSeconds), 0)] }
            for (index, piece) in pieces.enumerated() {
                let key = Key(graphID: row["graph_id"], day: piece.day, currency: currency)
                var cell =
                    cells[key] ?? (
                        RealizedSaving(
                            graphID: key.graphID,
                            graphName: graphName,
                            day: key.day,
                            currency: currency,
                            stops: 0,
                            stoppedSeconds: 0,
                            amount: 0
                        ), 0
                    )
                cell.saving.graphName = graphName
                if madeInPeriod && index == 0 { cell.saving.stops += 1 }
                cell.saving.stoppedSeconds += piece.seconds
                if let price { cell.priceSeconds += price * Decimal(piece.seconds) }
                cells[key] = cell
            }
        }
        return cells.values.map { cell in
            var saving = cell.saving
            saving.amount = ReportFormat.round(cell.priceSeconds / 3600, scale: 2, mode: .plain)
            return saving
        }.sorted { lhs, rhs in
            (lhs.day, lhs.graphID, lhs.currency ?? "") < (rhs.day, rhs.graphID, rhs.currency ?? "")
        }
    }

    /// The stops that can count in a period: made in `[sinceSeconds, until)` by a run that is not a replay, each
    /// with the first later time a run that is not a replay saw the graph running (`seen_running`) and the first
    /// later `start` of it (`started`), each NULL when there is none.
    private func stopRows(since sinceSeconds: Int64, until: Date) throws(StorageError) -> [Row] {
        try read("read the stops for realized savings") { db in
            try Row.fetchAll(
                db,
                sql: HistoryQuery.realizedSavings,
                arguments: [
                    Instant(unixSeconds: sinceSeconds).description,
                    ReportFormat.timestamp(until),
                ]
            )
        }
    }
}
