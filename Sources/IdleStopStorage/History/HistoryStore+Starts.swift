import Foundation
import GRDB
import IdleStopCore

/// The `starts` table (migration v6-starts): what `ges-idle-stop start` did, written like the stops of `run`.
///
/// Every row is recorded before any request; a start about to be sent is marked `unknown` with `sent_at` first and
/// gets its result and `answered_at` after, so a crash leaves a truthful trace.
extension HistoryStore {
    /// The `starts` columns a row fills from its report row, in `ReportColumn` order.
    static let startColumns: [ReportColumn] = [
        .evaluatedAt, .mode, .graphID, .graphName, .productType, .size, .status, .result, .reason, .hourlyPrice,
        .currency, .jobID, .errorCode, .errorMessage,
    ]

    /// Records every decision of a `start` run, with the stop each one undoes, before any start is sent.
    public func recordStarts(run: RunInfo, _ decisions: [StartDecision]) throws(StorageError) {
        let names = Self.startColumns.map(\.rawValue) + ["run_id", "stop_run_id", "stopped_at"]
        let marks = Array(repeating: "?", count: names.count).joined(separator: ", ")
        let sql = "INSERT INTO starts (\(names.joined(separator: ", "))) VALUES (\(marks))"
        try write("record the decisions of start run \(run.id)") { db in
            for decision in decisions {
                let row = ReportRow(run: run, start: decision)
                var values = Self.startColumns.map { column -> (any DatabaseValueConvertible)? in
                    row[column].isEmpty ? nil : row[column]
                }
                values += [run.id, decision.stop?.runID, decision.stop?.stoppedAt.description]
                try db.execute(sql: sql, arguments: StatementArguments(values))
            }
        }
    }

    /// Records, before the start request is sent, that it is about to be: result `unknown` and `sent_at`.
    public func recordStartIntent(runID: String, graphID: String, at date: Date) throws(StorageError) {
        try updateGraphRow(
            runID: runID,
            graphID: graphID,
            what: "record the start intent",
            sql: "UPDATE starts SET result = 'unknown', sent_at = ? WHERE run_id = ? AND graph_id = ?",
            arguments: [ReportFormat.timestamp(date), runID, graphID],
            row: "start row"
        )
    }

    /// Records what the start request came to: result, job ID or error, and when the answer came.
    public func recordStartOutcome(
        runID: String,
        graphID: String,
        decision: StartDecision,
        at date: Date
    ) throws(StorageError) {
        try updateGraphRow(
            runID: runID,
            graphID: graphID,
            what: "record the start outcome",
            sql: """
                UPDATE starts SET result = ?, job_id = COALESCE(?, job_id), error_code = ?, error_msg = ?, answered_at = ?
                WHERE run_id = ? AND graph_id = ?
                """,
            arguments: [
                (decision.result ?? .failed).rawValue, decision.jobID, decision.errorCode, decision.errorMessage,
                ReportFormat.timestamp(date), runID, graphID,
            ],
            row: "start row"
        )
    }

    /// Records the end of a `start` run: its counts, exit status and report path.
    public func finishStartRun(
        runID: String,
        summary: StartSummary,
        exitStatus: Int32,
        reportPath: String?,
        at date: Date
    ) throws(StorageError) {
        try write("record the end of start run \(runID)") { db in
            try db.execute(
                sql: """
                    UPDATE runs SET finished_at = ?, graphs_seen = ?, started = ?, already_running = ?, refused = ?,
                        failed = ?, unknown = ?, exit_status = ?, report_path = ?, status = 'finished'
                    WHERE id = ?
                    """,
                arguments: [
                    ReportFormat.timestamp(date), summary.graphs, summary.started, summary.alreadyRunning,
                    summary.refused, summary.failed, summary.unknown, Int(exitStatus), reportPath, runID,
                ]
            )
            guard db.changesCount == 1 else {
                throw StorageError(kind: .database, path: path, message: "cannot finish run \(runID): no such run")
            }
        }
    }

    /// The report rows of a `start` run, in the report order.
    public func startRows(runID: String) throws(StorageError) -> [ReportRow] {
        try read("read the starts of run \(runID)") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM starts WHERE run_id = ?", arguments: [runID]).map { row in
                var report = ReportRow(cells: [])
                report[.runID] = runID
                report[.decision] = ReportRow.startDecision
                for column in Self.startColumns { report[column] = (row[column.rawValue] as String?) ?? "" }
                return report
            }.sorted(by: ReportRow.reportOrder)
        }
    }
}
