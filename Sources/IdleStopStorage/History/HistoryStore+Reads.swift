import Foundation
import GRDB
import IdleStopCore

extension HistoryStore {
    /// Results that mean the job sent a stop for the graph (what the restart rule counts as "the job stopped it").
    static let stopsSentResults: [StopResult] = [.requested, .confirmed, .alreadyStopped, .unknown]

    /// `StartResult.startsSent` as an SQL list: starts that end a stop's savings and count for the restart rule.
    static let startsSentList = StartResult.startsSent.map { "'\($0.rawValue)'" }.joined(separator: ", ")

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
        let stopResults = Self.stopsSentResults.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        return try read("read the history of \(graphIDs.count) graph(s)") { db in
            var histories: [String: GraphHistory] = [:]
            let ids = graphIDs.sorted()
            for start in stride(from: 0, to: ids.count, by: 500) {
                let chunk = Array(ids[start..<min(start + 500, ids.count)])
                let marks = chunk.map { _ in "?" }.joined(separator: ", ")
                let arguments = StatementArguments(chunk) + window
                let rows = """
                    FROM decisions d JOIN runs r ON r.id = d.run_id
                    WHERE d.graph_id IN (\(marks)) AND d.evaluated_at >= ? AND d.evaluated_at <= ? AND r.is_replay = 0
                    """
                let notRunning = try Row.fetchAll(
                    db,
                    sql:
                        "SELECT d.graph_id, MAX(d.evaluated_at) AS seen \(rows) AND d.status IS NOT '\(GraphStatus.running)' GROUP BY 1",
                    arguments: arguments
                )
                for row in notRunning {
                    let id: String = row["graph_id"]
                    histories[id, default: GraphHistory()].lastSeenNotRunning = Self.instant(row["seen"])
                }
                let stops = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT d.graph_id, d.evaluated_at, d.result \(rows)
                            AND d.decision = 'stop' AND d.result IN (\(stopResults))
                        ORDER BY d.graph_id, d.evaluated_at
                        """,
                    arguments: arguments
                )
                for row in stops {
                    let id: String = row["graph_id"]
                    histories[id, default: GraphHistory()].lastStop = Self.instant(row["evaluated_at"])
                    histories[id, default: GraphHistory()].lastStopResult = (row["result"] as String?).flatMap(
                        StopResult.init(rawValue:)
                    )
                }
                let starts = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT s.graph_id, MAX(s.evaluated_at) AS started FROM starts s JOIN runs r ON r.id = s.run_id
                        WHERE s.graph_id IN (\(marks)) AND s.evaluated_at >= ? AND s.evaluated_at <= ? AND r.is_replay = 0
                            AND s.result IN (\(Self.startsSentList))
                        GROUP BY 1
                        """,
                    arguments: arguments
                )
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
            try Row.fetchAll(
                db,
                sql: """
                    SELECT run_id, graph_id, graph_name, sent_at FROM decisions
                    WHERE decision = 'stop' AND result = 'unknown'
                    ORDER BY sent_at, run_id, graph_id
                    """
            ).map { row in
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
