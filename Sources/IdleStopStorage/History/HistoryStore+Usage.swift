import Foundation
import GRDB
import IdleStopCore

extension HistoryStore {
    /// Keeps the usage records a run fetched (from Cloud Eye), so its decisions can be explained and replayed.
    public func recordUsage(runID: String, records: [UsageRecord]) throws(StorageError) {
        guard !records.isEmpty else { return }
        try write("record \(records.count) usage record(s) of run \(runID)") { db in
            let statement = try db.makeStatement(
                sql:
                    "INSERT INTO usage_records (run_id, graph_id, period_start, period_seconds, requests) VALUES (?, ?, ?, ?, ?)"
            )
            for record in records {
                try statement.execute(arguments: [
                    runID, record.graphID, record.periodStart, record.periodSeconds,
                    UsageCSVWriter.number(record.requests),
                ])
            }
        }
    }

    /// The usage records a run kept, in the order they were fetched per graph and time.
    public func usageRecords(runID: String) throws(StorageError) -> [UsageRecord] {
        try read("read the usage records of run \(runID)") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT graph_id, period_start, period_seconds, requests FROM usage_records
                    WHERE run_id = ? ORDER BY graph_id, period_start
                    """,
                arguments: [runID]
            ).map { row in
                UsageRecord(
                    graphID: row["graph_id"],
                    periodStart: row["period_start"],
                    periodSeconds: row["period_seconds"],
                    requests: Double(row["requests"] as String) ?? .nan,
                    metrics: [:]
                )
            }
        }
    }
}
