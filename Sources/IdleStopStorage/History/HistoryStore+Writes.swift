import Foundation
import GRDB
import IdleStopCore

extension HistoryStore {
    /// Records that a run started (status `running`), before any stop is sent, with its reference clock.
    ///
    /// Without a clock (older callers) the host clock `started_at` is the reference, as migration v3 assumes.
    public func beginRun(_ run: RunInfo, clock: RunClock? = nil) throws(StorageError) {
        let isReplay =
            clock?.isReplay ?? (abs(run.evaluatedAt.date.timeIntervalSince(run.startedAt)) > RunClock.tolerance)
        try write("record the start of run \(run.id)") { db in
            try db.execute(
                sql: """
                    INSERT INTO runs (id, command, mode, started_at, evaluated_at, clock_at_start, clock_source,
                        is_replay, status)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'running')
                    """,
                arguments: [
                    run.id, run.command, run.mode.rawValue, ReportFormat.timestamp(run.startedAt),
                    run.evaluatedAt.description, clock.map { ReportFormat.timestamp($0.reference) },
                    clock?.source.rawValue, isReplay,
                ]
            )
        }
    }

    /// Records every decision of a run at once, each row as the report spells it.
    ///
    /// Call it before any stop is sent: results are then nil, `dry-run` or `held`; `recordIntent` and
    /// `recordOutcome` fill in what happens to each stop.
    public func recordDecisions(run: RunInfo, _ decisions: [Decision]) throws(StorageError) {
        let path = path
        try write("record the decisions of run \(run.id)") { db in
            guard let runSeq = try HistoryKeys.runSeq(db, run.id) else {
                throw StorageError(kind: .database, path: path, message: "cannot record decisions: no run \(run.id)")
            }
            var keys = try HistoryKeys(db)
            var encoder = DecisionRowEncoder(run: run)
            var rows: [(graph: Int64, label: Int64, index: Int)] = []
            rows.reserveCapacity(decisions.count)
            for (index, decision) in decisions.enumerated() {
                rows.append(
                    (try keys.graph(db, decision.graph.id), try keys.label(db, encoder.labels(of: decision)), index)
                )
            }
            // In graph key order the rows append at the end of `decision_rows` (keyed by run, then graph) and the
            // graph index grows at one place per graph, instead of dirtying pages all over the file.
            rows.sort { $0.graph < $1.graph }
            // Prepared statements of 32 rows whose parameters are bound directly from one reused row of values:
            // `StatementArguments` would convert every value through a generic, about 3 µs a row.
            let batch = DecisionRowEncoder.rowsPerInsert
            let full = try db.makeStatement(sql: DecisionRowEncoder.insertSQL(rows: batch))
            var start = 0
            while start < rows.count {
                let count = min(batch, rows.count - start)
                let statement =
                    count == batch ? full : try db.makeStatement(sql: DecisionRowEncoder.insertSQL(rows: count))
                statement.setUncheckedArguments(StatementArguments())
                for row in 0..<count {
                    let keys = rows[start + row]
                    encoder.encode(decisions[keys.index], runSeq: runSeq, graphKey: keys.graph, labelKey: keys.label)
                    try encoder.bind(to: statement, row: row)
                }
                try statement.execute()
                start += count
            }
            try Self.endStops(db, runSeq: runSeq, at: run.evaluatedAt)
        }
    }

    /// Dates the end of this run's stops from rows already recorded (`HistoryQuery.endNewStops`), then, unless it
    /// is a replay, ends the recent stops of the graphs it saw running (`HistoryQuery.endStops`).
    static func endStops(_ db: Database, runSeq: Int64, at now: Instant) throws {
        try db.execute(sql: HistoryQuery.endNewStops, arguments: [runSeq])
        guard try Bool.fetchOne(db, sql: "SELECT is_replay FROM runs WHERE seq = ?", arguments: [runSeq]) == false
        else { return }
        try db.execute(
            sql: HistoryQuery.endStops,
            arguments: [now.description, (now - Graph.automaticRestartAfter).description, runSeq]
        )
    }

    /// Records, before the stop request is sent, that it is about to be: result `unknown` and `sent_at`.
    ///
    /// A crash before `recordOutcome` leaves `unknown`, which is the truth: the request may or may not
    /// have reached GES.
    public func recordIntent(runID: String, graphID: String, at date: Date) throws(StorageError) {
        try updateGraphRow(
            runID: runID,
            graphID: graphID,
            what: "record the stop intent",
            sql:
                "UPDATE decision_rows SET result = 'unknown', sent_at = ? WHERE \(HistoryQuery.decisionRowOf) AND decision = 'stop'",
            arguments: [ReportFormat.timestamp(date), runID, graphID]
        )
    }

    /// Records what the stop request came to: result, job ID or error, and when the answer came.
    public func recordOutcome(
        runID: String,
        graphID: String,
        result: StopResult,
        jobID: String?,
        errorCode: String?,
        errorMessage: String?,
        at date: Date
    ) throws(StorageError) {
        try updateGraphRow(
            runID: runID,
            graphID: graphID,
            what: "record the stop outcome",
            sql: """
                UPDATE decision_rows SET result = ?, job_id = COALESCE(?, job_id), error_code = ?, error_msg = ?,
                    answered_at = ?
                WHERE \(HistoryQuery.decisionRowOf) AND decision = 'stop'
                """,
            arguments: [
                result.rawValue, jobID, errorCode, errorMessage, ReportFormat.timestamp(date), runID, graphID,
            ]
        )
    }

    /// Records the end of a run: its counts, projected savings per currency, exit status and report path.
    public func finishRun(
        runID: String,
        summary: RunSummary,
        exitStatus: Int32,
        reportPath: String?,
        at date: Date
    ) throws(StorageError) {
        let savings = Self.savingsJSON(summary.projectedSavings)
        try write("record the end of run \(runID)") { db in
            try db.execute(
                sql: """
                    UPDATE runs SET finished_at = ?, graphs_seen = ?, stopped = ?, already_stopped = ?, failed = ?,
                        held = ?, unknown = ?, noticed = ?, kept = ?, skipped = ?, flagged = ?, projected_savings = ?,
                        exit_status = ?, report_path = ?, status = 'finished'
                    WHERE id = ?
                    """,
                arguments: [
                    ReportFormat.timestamp(date), summary.graphsSeen, summary.stopped, summary.alreadyStopped,
                    summary.failed, summary.held, summary.unknown, summary.noticed, summary.kept, summary.skipped,
                    summary.flagged,
                    savings, Int(exitStatus), reportPath, runID,
                ]
            )
            guard db.changesCount == 1 else {
                throw StorageError(kind: .database, path: path, message: "cannot finish run \(runID): no such run")
            }
        }
    }

    /// Runs one UPDATE of the row of `graphID` in run `runID` (a `decisions` stop row, or a `starts` row); fails
    /// when it changed no row (`row` names what was missing).
    func updateGraphRow(
        runID: String,
        graphID: String,
        what: String,
        sql: String,
        arguments: StatementArguments,
        row: String = "stop decision"
    ) throws(StorageError) {
        try write("\(what) of graph \(graphID) in run \(runID)") { db in
            try db.execute(sql: sql, arguments: arguments)
            guard db.changesCount == 1 else {
                throw StorageError(
                    kind: .database,
                    path: path,
                    message: "cannot \(what): run \(runID) has no \(row) for graph \(graphID)"
                )
            }
        }
    }

    /// `{"USD":"30.00"}`: decimal text per currency, keys sorted.
    static func savingsJSON(_ savings: [String: Decimal]) -> String {
        let pairs = savings.keys.sorted().map { key in
            "\(jsonString(key)):\(jsonString(ReportFormat.money(savings[key]!)))"
        }
        return "{" + pairs.joined(separator: ",") + "}"
    }

    /// Reads `savingsJSON` back; nil when it is not that shape.
    static func savings(fromJSON text: String) -> [String: Decimal]? {
        guard let data = text.data(using: .utf8),
            let object = try? JSONDecoder().decode([String: String].self, from: data)
        else { return nil }
        var result: [String: Decimal] = [:]
        for (currency, amount) in object {
            guard let value = Decimal(string: amount, locale: Locale(identifier: "en_US_POSIX")) else { return nil }
            result[currency] = value
        }
        return result
    }

    private static func jsonString(_ value: String) -> String {
        let data = (try? JSONEncoder().encode(value)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
