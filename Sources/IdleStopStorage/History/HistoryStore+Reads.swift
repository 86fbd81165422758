import Foundation
import GRDB
import IdleStopCore

extension HistoryStore {
    /// What rows evaluated in `[since, now]` say about each of `graphIDs`; graphs with no such row are absent.
    ///
    /// A start `ges-idle-stop start` sent counts as a start by a person at its `evaluated_at` (`lastStart`).
    /// For the restart rule pass `since` = now − (longest window + `Graph.automaticRestartAfter`), so that the stop
    /// before an automatic restart is still seen. Rows of replays (`runs.is_replay`) are no evidence, nor are rows evaluated
    /// after `now` (a replay of the future must not end a grace); a run whose inventory came from a file saw its
    /// statuses at an unknown time, so its rows never show a graph running.
    public func graphHistory(
        graphIDs: Set<String>,
        since: Instant,
        now: Instant
    ) throws(StorageError)
        -> [String: GraphHistory]
    {
        let window: StatementArguments = [since.description, now.description]
        return try read("read the history of \(graphIDs.count) graph(s)") { db in
            var histories: [String: GraphHistory] = [:]
            let ids = graphIDs.sorted()
            for start in stride(from: 0, to: ids.count, by: 500) {
                let chunk = Array(ids[start..<min(start + 500, ids.count)])
                let arguments = StatementArguments(chunk) + window
                let notRunning = try Row.fetchAll(
                    db,
                    sql: HistoryQuery.lastNotRunning(chunk.count),
                    arguments: arguments
                )
                for row in notRunning {
                    let id: String = row["graph_id"]
                    histories[id, default: GraphHistory()].lastSeenNotRunning = Self.instant(row["seen"])
                }
                let stops = try Row.fetchAll(db, sql: HistoryQuery.stopsSent(chunk.count), arguments: arguments)
                for row in stops {
                    let id: String = row["graph_id"]
                    histories[id, default: GraphHistory()].lastStop = Self.instant(row["evaluated_at"])
                    histories[id, default: GraphHistory()].lastStopResult = (row["result"] as String?).flatMap(
                        StopResult.init(rawValue:)
                    )
                }
                let starts = try Row.fetchAll(db, sql: HistoryQuery.startsSent(chunk.count), arguments: arguments)
                for row in starts {
                    histories[row["graph_id"] as String, default: GraphHistory()].lastStart = Self.instant(
                        row["started"]
                    )
                }
                try Self.readRunningEvidence(db, into: &histories, graphIDs: chunk, now: now)
            }
            return histories
        }
    }

    /// Stops sent whose answer was never recorded, oldest first: to reconcile against the inventory.
    public func unknownOutcomes() throws(StorageError) -> [UnknownOutcome] {
        try read("read the stops with unknown outcome") { db in
            try Row.fetchAll(db, sql: HistoryQuery.unknownOutcomes).map { row in
                UnknownOutcome(
                    runID: row["run_id"],
                    graphID: row["graph_id"],
                    graphName: row["graph_name"] ?? "",
                    sentAt: Self.date(row["sent_at"])
                )
            }
        }
    }

    /// Runs evaluated at or after `since`, oldest first.
    public func runs(since: Date) throws(StorageError) -> [RunRecord] {
        let path = path
        return try read("read the runs") { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM runs WHERE evaluated_at >= ? ORDER BY evaluated_at, id",
                arguments: [ReportFormat.timestamp(since)]
            ).map { row throws(StorageError) in try Self.runRecord(row, path: path) }
        }
    }

    /// The decision rows of one run, as report rows in the report order.
    public func reportRows(runID: String) throws(StorageError) -> [ReportRow] {
        try read("read the decisions of run \(runID)") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM decisions WHERE run_id = ?", arguments: [runID]).map { row in
                ReportRow(cells: ReportColumn.allCases.map { (row[$0.rawValue] as String?) ?? "" })
            }.sorted(by: ReportRow.reportOrder)
        }
    }

    static func runRecord(_ row: Row, path: String?) throws(StorageError) -> RunRecord {
        let id: String = row["id"]
        guard let mode = RunInfo.Mode(rawValue: row["mode"] ?? ""), let started = date(row["started_at"]),
            let evaluated = date(row["evaluated_at"])
        else {
            throw StorageError(kind: .database, path: path, message: "run \(id) has an unreadable mode or time")
        }
        var summary = RunSummary()
        summary.graphsSeen = row["graphs_seen"]
        summary.stopped = row["stopped"]
        summary.alreadyStopped = row["already_stopped"]
        summary.failed = row["failed"]
        summary.held = row["held"]
        summary.unknown = row["unknown"]
        summary.noticed = row["noticed"]
        summary.kept = row["kept"]
        summary.skipped = row["skipped"]
        summary.flagged = row["flagged"]
        summary.projectedSavings = (row["projected_savings"] as String?).flatMap(savings(fromJSON:)) ?? [:]
        let exitStatus: Int? = row["exit_status"]
        var starts: StartSummary?
        if (row["command"] as String?) == "start" {
            var counts = StartSummary()
            counts.graphs = summary.graphsSeen
            counts.started = row["started"]
            counts.alreadyRunning = row["already_running"]
            counts.refused = row["refused"]
            counts.failed = summary.failed
            counts.unknown = summary.unknown
            starts = counts
        }
        return RunRecord(
            id: id,
            command: row["command"],
            mode: mode,
            startedAt: started,
            evaluatedAt: evaluated,
            finishedAt: date(row["finished_at"]),
            summary: summary,
            exitStatus: exitStatus.map { Int32($0) },
            reportPath: row["report_path"],
            isFinished: (row["status"] as String?) == "finished",
            starts: starts
        )
    }

    /// A stored timestamp back as a date.
    static func date(_ text: String?) -> Date? {
        text.flatMap(ReportFormat.date(from:))
    }

    /// A stored timestamp (`Instant`'s spelling) back as an instant.
    static func instant(_ text: String?) -> Instant? {
        text.flatMap(TimestampParser.parse).map(Instant.init(unixSeconds:))
    }
}
