import Foundation
import GRDB
import IdleStopCore

extension HistoryStore {
    /// Keeps the usage records a run fetched (from Cloud Eye), so its decisions can be explained and replayed.
    ///
    /// Stored packed, one `usage_series` row per graph and period length (`UsageSeries`); the view
    /// `usage_records` shows one row per datapoint.
    public func recordUsage(runID: String, records: some Collection<UsageRecord>) throws(StorageError) {
        guard !records.isEmpty else { return }
        let path = path
        try write("record \(records.count) usage record(s) of run \(runID)") { db in
            guard let runSeq = try HistoryKeys.runSeq(db, runID) else {
                throw StorageError(kind: .database, path: path, message: "cannot record usage: no run \(runID)")
            }
            var keys = try HistoryKeys(db)
            try Self.insertUsage(db, runSeq: runSeq, records: records, keys: &keys)
        }
    }

    /// Inserts `records` packed as `usage_series` rows of the run `runSeq`.
    static func insertUsage(
        _ db: Database,
        runSeq: Int64,
        records: some Collection<UsageRecord>,
        keys: inout HistoryKeys
    ) throws {
        let statement = try db.makeStatement(
            sql: """
                INSERT INTO usage_series (run_seq, graph_key, period_seconds, first_start, last_start, points)
                VALUES (?, ?, ?, ?, ?, ?)
                """
        )
        for series in UsageSeries.pack(records) {
            try statement.execute(arguments: [
                runSeq, try keys.graph(db, series.graphID), series.periodSeconds, series.firstStart, series.lastStart,
                series.points,
            ])
        }
    }

    /// The usage records a run kept, per graph and time.
    public func usageRecords(runID: String) throws(StorageError) -> [UsageRecord] {
        try read("read the usage records of run \(runID)") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT g.graph_id, s.period_seconds, s.first_start, s.last_start, s.points FROM usage_series s
                    JOIN graph_keys g ON g.key = s.graph_key JOIN runs r ON r.seq = s.run_seq
                    WHERE r.id = ?
                    """,
                arguments: [runID]
            ).flatMap { row in Self.usageSeries(row).records() }.sorted {
                ($0.graphID, $0.periodStart, $0.periodSeconds) < ($1.graphID, $1.periodStart, $1.periodSeconds)
            }
        }
    }

    /// A `usage_series` row (columns graph_id, period_seconds, first_start, last_start, points).
    static func usageSeries(_ row: Row) -> UsageSeries {
        UsageSeries(
            graphID: row["graph_id"],
            periodSeconds: row["period_seconds"],
            firstStart: row["first_start"],
            lastStart: row["last_start"],
            points: row["points"]
        )
    }
}
