import Foundation
import GRDB
import IdleStopCore

extension HistoryStore {
    /// Realized savings (docs/SPEC.md §5) of the job's stops in `[since, until)`, per graph, UTC day and currency.
    ///
    /// A stop (result requested or confirmed) lasts from its run's `evaluated_at` until the first later run
    /// that saw the graph running, at most `Graph.automaticRestartAfter` (168h), and at most until `until` if it
    /// is still stopped. Its saving is the row's hourly price × those hours, in exact decimals; each group's sum is
    /// rounded half up to cents. Ordered by day, graph ID, currency.
    public func realizedSavings(since: Date, until: Date) throws(StorageError) -> [RealizedSaving] {
        let untilSeconds = Int64(until.timeIntervalSince1970.rounded(.down))
        let rows = try read("read the stops for realized savings") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT d.graph_id, d.graph_name, d.evaluated_at, d.hourly_price, d.currency,
                        (SELECT MIN(later.evaluated_at) FROM decisions later
                         WHERE later.graph_id = d.graph_id AND later.evaluated_at > d.evaluated_at
                            AND later.status = '\(GraphStatus.running)') AS seen_running
                    FROM decisions d
                    WHERE d.decision = 'stop' AND d.result IN ('requested', 'confirmed')
                        AND d.evaluated_at >= ? AND d.evaluated_at < ?
                    ORDER BY d.evaluated_at, d.graph_id
                    """,
                arguments: [ReportFormat.timestamp(since), ReportFormat.timestamp(until)]
            )
        }
        struct Key: Hashable { var graphID: String, day: String, currency: String? }
        var groups: [Key: (saving: RealizedSaving, exact: Decimal)] = [:]
        for row in rows {
            guard let stop = Self.date(row["evaluated_at"]) else { continue }
            let stopSeconds = Int64(stop.timeIntervalSince1970)
            var end = min(stopSeconds + Graph.automaticRestartAfter.seconds, untilSeconds)
            if let running = Self.date(row["seen_running"]) { end = min(end, Int64(running.timeIntervalSince1970)) }
            let seconds = max(0, end - stopSeconds)
            let price = (row["hourly_price"] as String?).flatMap {
                Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX"))
            }
            let currency: String? = price == nil ? nil : row["currency"]
            let key = Key(graphID: row["graph_id"], day: ReportFormat.day(stop), currency: currency)
            var group =
                groups[key] ?? (
                    RealizedSaving(
                        graphID: key.graphID,
                        graphName: row["graph_name"] ?? "",
                        day: key.day,
                        currency: currency,
                        stops: 0,
                        stoppedSeconds: 0,
                        amount: 0
                    ), 0
                )
            group.saving.graphName = row["graph_name"] ?? group.saving.graphName
            group.saving.stops += 1
            group.saving.stoppedSeconds += seconds
            if let price { group.exact += price * Decimal(seconds) / 3600 }
            groups[key] = group
        }
        return groups.values.map { group in
            var saving = group.saving
            saving.amount = ReportFormat.round(group.exact, scale: 2, mode: .plain)
            return saving
        }.sorted { lhs, rhs in
            (lhs.day, lhs.graphID, lhs.currency ?? "") < (rhs.day, rhs.graphID, rhs.currency ?? "")
        }
    }
}
