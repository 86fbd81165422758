import GRDB

/// A history database as the first release (schema v1 only) left it, with rows in it.
///
/// Frozen text, not a call to today's migrator: if someone edits migration v1 instead of adding v3,
/// the migration test still opens what an old release really wrote.
enum HistoryV1Snapshot {
    /// Writes the snapshot into a new database file at `path`, as the first release's rollback-journal file.
    static func write(to path: String) throws {
        let old = try DatabaseQueue(path: path)
        try old.write { try $0.execute(sql: sql) }
        try old.close()
    }

    static let sql = #"""
        CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
        INSERT INTO grdb_migrations VALUES ('v1');
        CREATE TABLE runs (
            id TEXT PRIMARY KEY NOT NULL,
            command TEXT NOT NULL,
            mode TEXT NOT NULL CHECK (mode IN ('live', 'dry-run')),
            started_at TEXT NOT NULL,
            evaluated_at TEXT NOT NULL,
            finished_at TEXT,
            graphs_seen INTEGER NOT NULL DEFAULT 0,
            stopped INTEGER NOT NULL DEFAULT 0,
            already_stopped INTEGER NOT NULL DEFAULT 0,
            failed INTEGER NOT NULL DEFAULT 0,
            held INTEGER NOT NULL DEFAULT 0,
            unknown INTEGER NOT NULL DEFAULT 0,
            kept INTEGER NOT NULL DEFAULT 0,
            skipped INTEGER NOT NULL DEFAULT 0,
            flagged INTEGER NOT NULL DEFAULT 0,
            projected_savings TEXT,
            exit_status INTEGER,
            report_path TEXT,
            status TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'finished'))
        );
        CREATE TABLE decisions (
            run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            evaluated_at TEXT NOT NULL,
            mode TEXT NOT NULL,
            graph_id TEXT NOT NULL,
            graph_name TEXT,
            product_type TEXT,
            size TEXT,
            status TEXT,
            policy TEXT,
            decision TEXT NOT NULL CHECK (decision IN ('stop', 'keep', 'skip', 'flag')),
            result TEXT,
            reason TEXT,
            requests_in_window TEXT,
            window_hours TEXT,
            coverage TEXT,
            last_activity TEXT,
            idle_hours TEXT,
            hourly_price TEXT,
            currency TEXT,
            projected_savings TEXT,
            job_id TEXT,
            error_code TEXT,
            error_msg TEXT,
            sent_at TEXT,
            answered_at TEXT,
            PRIMARY KEY (run_id, graph_id)
        );
        INSERT INTO runs (id, command, mode, started_at, evaluated_at, finished_at, graphs_seen, stopped, kept,
            projected_savings, exit_status, report_path, status)
        VALUES ('old-1', 'run', 'live', '2026-11-20T02:00:05Z', '2026-11-20T02:00:00Z', '2026-11-20T02:01:00Z', 2, 1, 1,
            '{"USD":"30.00"}', 0, 'reports/old-1.csv', 'finished');
        INSERT INTO decisions (run_id, evaluated_at, mode, graph_id, graph_name, product_type, size, status, policy,
            decision, result, reason, hourly_price, currency, projected_savings, job_id, sent_at, answered_at)
        VALUES ('old-1', '2026-11-20T02:00:00Z', 'live', 'g-old', 'old graph', 'InMemory', 'million', '200',
            'idle-dev-graphs', 'stop', 'requested', '0 requests in 24h', '1.25', 'USD', '30.00', 'job-1',
            '2026-11-20T02:00:10Z', '2026-11-20T02:00:11Z');
        INSERT INTO decisions (run_id, evaluated_at, mode, graph_id, graph_name, product_type, size, status, decision, reason)
        VALUES ('old-1', '2026-11-20T02:00:00Z', 'live', 'g-busy', 'busy graph', 'InMemory', 'million', '200', 'keep', 'busy');
        """#
}
