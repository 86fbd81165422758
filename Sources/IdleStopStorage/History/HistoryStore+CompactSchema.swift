import GRDB
import IdleStopCore

extension HistoryStore {
    /// The columns of the view `decisions`, in the order of the table it replaces (`SELECT *` keeps its shape).
    static let decisionsViewColumns = """
        r.id AS run_id, d.evaluated_at, r.mode, g.graph_id, NULLIF(l.graph_name, '') AS graph_name,
        NULLIF(l.product_type, '') AS product_type, NULLIF(l.size, '') AS size, d.status,
        NULLIF(l.policy, '') AS policy, d.decision, d.result, d.reason, d.requests_in_window, d.window_hours,
        d.coverage, d.last_activity, d.idle_hours, NULLIF(l.hourly_price, '') AS hourly_price,
        NULLIF(l.currency, '') AS currency, d.projected_savings, d.job_id, d.error_code, d.error_msg, d.sent_at,
        d.answered_at, d.notice_since
        """

    /// A compact history: less than half the bytes per decision row, so that a year of 10,000 graphs fits in 1 GB.
    ///
    /// - `runs.seq`: a small integer key per run (the text `id` stays the run's name), numbered by a trigger.
    /// - `graph_keys`: one integer per graph ID; `decision_labels`: one per distinct (name, product type, size,
    ///   policy, hourly price, currency), which change seldom; `''` stands for NULL there (UNIQUE treats NULLs as
    ///   distinct).
    /// - `decision_rows`: the per-run columns, keyed by (run, graph) without a rowid, so a night's rows append at
    ///   the end of the table; one index by (graph, time, status) serves the restart rule and retention, partial
    ///   indexes the stops and the open unknown outcomes.
    /// - `decision_rows.ended_at` (stop rows only): when a later run that is not a replay first saw the graph
    ///   running, kept up by each run as it records its decisions (`HistoryQuery.endStops`), so the savings report
    ///   reads each stop's end from one covering index instead of searching the graph's later rows per stop.
    /// - `decisions`: a read-only view with every column of the old table, for `SELECT`s (and people's scripts).
    /// - `usage_series`: the Cloud Eye datapoints of a run packed per graph and period length (`UsageSeries`).
    static let schemaV8Compact = """
        ALTER TABLE runs ADD COLUMN seq INTEGER;
        UPDATE runs SET seq = rowid;
        CREATE UNIQUE INDEX runs_on_seq ON runs(seq);
        CREATE TRIGGER runs_numbered AFTER INSERT ON runs WHEN NEW.seq IS NULL
        BEGIN
            UPDATE runs SET seq = (SELECT IFNULL(MAX(seq), 0) + 1 FROM runs) WHERE rowid = NEW.rowid;
        END;
        CREATE TABLE graph_keys (key INTEGER PRIMARY KEY, graph_id TEXT NOT NULL UNIQUE);
        CREATE TABLE decision_labels (
            key INTEGER PRIMARY KEY,
            graph_name TEXT NOT NULL,
            product_type TEXT NOT NULL,
            size TEXT NOT NULL,
            policy TEXT NOT NULL,
            hourly_price TEXT NOT NULL,
            currency TEXT NOT NULL,
            UNIQUE (graph_name, product_type, size, policy, hourly_price, currency)
        );
        CREATE TABLE decision_rows (
            run_seq INTEGER NOT NULL REFERENCES runs(seq) ON DELETE CASCADE,
            graph_key INTEGER NOT NULL REFERENCES graph_keys(key),
            label_key INTEGER NOT NULL REFERENCES decision_labels(key),
            evaluated_at TEXT NOT NULL,
            status TEXT,
            decision TEXT NOT NULL CHECK (decision IN ('stop', 'keep', 'skip', 'flag')),
            result TEXT,
            reason TEXT,
            requests_in_window TEXT,
            window_hours TEXT,
            coverage TEXT,
            last_activity TEXT,
            idle_hours TEXT,
            projected_savings TEXT,
            job_id TEXT,
            error_code TEXT,
            error_msg TEXT,
            sent_at TEXT,
            answered_at TEXT,
            notice_since TEXT,
            ended_at TEXT,
            PRIMARY KEY (run_seq, graph_key)
        ) WITHOUT ROWID;
        INSERT INTO graph_keys (graph_id) SELECT DISTINCT graph_id FROM decisions ORDER BY graph_id;
        INSERT INTO decision_labels (graph_name, product_type, size, policy, hourly_price, currency)
        SELECT DISTINCT IFNULL(graph_name, ''), IFNULL(product_type, ''), IFNULL(size, ''), IFNULL(policy, ''),
            IFNULL(hourly_price, ''), IFNULL(currency, '')
        FROM decisions;
        INSERT INTO decision_rows
        SELECT r.seq, g.key, l.key, d.evaluated_at, d.status, d.decision, d.result, d.reason, d.requests_in_window,
            d.window_hours, d.coverage, d.last_activity, d.idle_hours, d.projected_savings, d.job_id, d.error_code,
            d.error_msg, d.sent_at, d.answered_at, d.notice_since,
            CASE WHEN d.decision = 'stop' THEN (
                SELECT MIN(later.evaluated_at) FROM decisions later JOIN runs seen ON seen.id = later.run_id
                WHERE later.graph_id = d.graph_id AND later.evaluated_at > d.evaluated_at
                    AND later.status = \(HistoryQuery.running) AND seen.is_replay = 0) END
        FROM decisions d JOIN runs r ON r.id = d.run_id JOIN graph_keys g ON g.graph_id = d.graph_id
        JOIN decision_labels l ON l.graph_name = IFNULL(d.graph_name, '') AND l.product_type = IFNULL(d.product_type, '')
            AND l.size = IFNULL(d.size, '') AND l.policy = IFNULL(d.policy, '')
            AND l.hourly_price = IFNULL(d.hourly_price, '') AND l.currency = IFNULL(d.currency, '')
        ORDER BY r.seq, g.key;
        DROP TABLE decisions;
        CREATE INDEX decision_rows_by_graph ON decision_rows(graph_key, evaluated_at, status);
        CREATE INDEX decision_rows_stops_by_graph ON decision_rows(graph_key, evaluated_at) WHERE decision = 'stop';
        CREATE INDEX decision_rows_stops_by_time ON decision_rows(evaluated_at, decision, result, graph_key, label_key,
            ended_at) WHERE decision = 'stop';
        CREATE INDEX decision_rows_unknown ON decision_rows(sent_at) WHERE result = 'unknown';
        CREATE VIEW decisions AS SELECT \(decisionsViewColumns)
        FROM decision_rows d JOIN runs r ON r.seq = d.run_seq JOIN graph_keys g ON g.key = d.graph_key
            JOIN decision_labels l ON l.key = d.label_key;
        CREATE TABLE usage_series (
            run_seq INTEGER NOT NULL REFERENCES runs(seq) ON DELETE CASCADE,
            graph_key INTEGER NOT NULL REFERENCES graph_keys(key),
            period_seconds INTEGER NOT NULL CHECK (period_seconds > 0),
            first_start INTEGER NOT NULL,
            last_start INTEGER NOT NULL,
            points TEXT NOT NULL,
            PRIMARY KEY (run_seq, graph_key, period_seconds, first_start)
        ) WITHOUT ROWID;
        CREATE INDEX usage_series_by_graph ON usage_series(graph_key, last_start);
        """

    /// After the old usage records were packed (`packUsageRecords`): the view `usage_records`, one row per
    /// datapoint with the old table's columns, unpacked by a recursive query.
    static let schemaV8UsageView = """
        DROP TABLE usage_records;
        CREATE VIEW usage_records AS
        WITH RECURSIVE unpacked(run_seq, graph_key, period_seconds, first_start, rest, period_start, requests) AS (
            SELECT run_seq, graph_key, period_seconds, first_start, points || ' ', NULL, NULL FROM usage_series
            UNION ALL
            SELECT run_seq, graph_key, period_seconds, first_start, substr(rest, instr(rest, ' ') + 1),
                first_start + period_seconds * CAST(substr(rest, 1, instr(rest, ':') - 1) AS INTEGER),
                substr(rest, instr(rest, ':') + 1, instr(rest, ' ') - instr(rest, ':') - 1)
            FROM unpacked WHERE rest != ''
        )
        SELECT r.id AS run_id, g.graph_id, u.period_start, u.period_seconds, u.requests
        FROM unpacked u JOIN runs r ON r.seq = u.run_seq JOIN graph_keys g ON g.key = u.graph_key
        WHERE u.period_start IS NOT NULL;
        """

    /// Packs the rows of the old `usage_records` table into `usage_series`, one run at a time.
    static func packUsageRecords(_ db: Database) throws {
        var keys = try HistoryKeys(db)
        for runID in try String.fetchAll(db, sql: "SELECT DISTINCT run_id FROM usage_records") {
            let records = try Row.fetchAll(
                db,
                sql: "SELECT graph_id, period_start, period_seconds, requests FROM usage_records WHERE run_id = ?",
                arguments: [runID]
            ).map { row in
                UsageRecord(
                    graphID: row["graph_id"],
                    periodStart: row["period_start"],
                    periodSeconds: row["period_seconds"],
                    requests: Double(row["requests"] as String) ?? .nan
                )
            }
            guard let runSeq = try HistoryKeys.runSeq(db, runID) else { continue }
            try insertUsage(db, runSeq: runSeq, records: records, keys: &keys)
        }
    }
}
