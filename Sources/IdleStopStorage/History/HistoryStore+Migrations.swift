import GRDB

extension HistoryStore {
    /// The schema's versioned migrations. Never edit a released one: add the next.
    ///
    /// v1: `runs` and `decisions` (every report column, plus `sent_at` and `answered_at`).
    /// v2: an index for per-graph history look-ups, and `usage_records` for a later feature.
    /// v3: each run's reference clock (`clock_at_start`, `clock_source`) and whether it is a replay (`is_replay`),
    /// so that replays are no evidence for the restart rule. Older runs get `is_replay` by the only test they allow,
    /// their host clock `started_at` against `evaluated_at`; their `clock_source` stays NULL (listed, as before).
    /// v4-notifications: `notifications`, one row per notification a run sent (destination kind, redacted target,
    /// owner, ok/failed, attempts, error).
    /// v5-notices: `decisions.notice_since`, when the notice period of a stop under a policy with `notice:` started,
    /// and `runs.noticed`, the run's count of noticed graphs (docs/SPEC.md §4, notice period).
    /// v6-starts: `starts`, one row per graph a `ges-idle-stop start` run was asked to bring back (the report's
    /// columns that apply, the stop it undoes, `sent_at`/`answered_at`), and the start counts of `runs`.
    /// v7-retention: indexes for the hot queries of a long history (`HistoryQuery`) and `history_retention`, the
    /// cut-offs the last retention applied.
    /// v8-compact: decision rows move to `decision_rows` (integer keys for the run, the graph and its labels; a
    /// table clustered by run, without rowid) and usage records to `usage_series` (packed per graph); the views
    /// `decisions` and `usage_records` keep every old column for reading.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in try db.execute(sql: schemaV1) }
        migrator.registerMigration("v2") { db in try db.execute(sql: schemaV2) }
        migrator.registerMigration("v3") { db in try db.execute(sql: schemaV3) }
        migrator.registerMigration("v4-notifications") { db in try db.execute(sql: schemaV4Notifications) }
        migrator.registerMigration("v5-notices") { db in try db.execute(sql: schemaV5Notices) }
        migrator.registerMigration("v6-starts") { db in try db.execute(sql: schemaV6Starts) }
        migrator.registerMigration("v7-retention") { db in try db.execute(sql: schemaV7Retention) }
        migrator.registerMigration("v8-compact") { db in
            try db.execute(sql: schemaV8Compact)
            try packUsageRecords(db)
            try db.execute(sql: schemaV8UsageView)
        }
        return migrator
    }

    /// `runs` and `decisions`: every report column, plus `sent_at` and `answered_at`.
    static let schemaV1 = """
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
        """

    /// The per-graph history index, and `usage_records`.
    static let schemaV2 = """
        CREATE INDEX decisions_on_graph_id_evaluated_at ON decisions(graph_id, evaluated_at);
        CREATE TABLE usage_records (
            run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            graph_id TEXT NOT NULL,
            period_start INTEGER NOT NULL,
            period_seconds INTEGER NOT NULL CHECK (period_seconds > 0),
            requests TEXT NOT NULL
        );
        CREATE INDEX usage_records_on_graph_id_period_start ON usage_records(graph_id, period_start);
        """

    /// Each run's reference clock and replay flag (older runs: `started_at` against `evaluated_at`).
    static let schemaV3 = """
        ALTER TABLE runs ADD COLUMN clock_at_start TEXT;
        ALTER TABLE runs ADD COLUMN clock_source TEXT;
        ALTER TABLE runs ADD COLUMN is_replay INTEGER NOT NULL DEFAULT 0 CHECK (is_replay IN (0, 1));
        UPDATE runs SET is_replay = 1
        WHERE abs(CAST(strftime('%s', evaluated_at) AS INTEGER)
            - CAST(strftime('%s', started_at) AS INTEGER)) > 300;
        """

    /// `notifications`: each notification a run sent, where to (redacted), for which owner, and how it went.
    static let schemaV4Notifications = """
        CREATE TABLE notifications (
            run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('smn', 'webhook')),
            target TEXT NOT NULL,
            owner TEXT,
            status TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
            attempts INTEGER NOT NULL CHECK (attempts >= 0),
            error TEXT,
            sent_at TEXT NOT NULL
        );
        CREATE INDEX notifications_on_run_id ON notifications(run_id);
        """

    /// `decisions.notice_since` (NULL on rows without a notice) and `runs.noticed` (0 for older runs).
    static let schemaV5Notices = """
        ALTER TABLE decisions ADD COLUMN notice_since TEXT;
        ALTER TABLE runs ADD COLUMN noticed INTEGER NOT NULL DEFAULT 0;
        """

    /// `starts`: each graph a `start` run was asked for, what it did, and the job's stop it undoes; start counts.
    ///
    /// The restart rule and the realized savings read it (`HistoryStore+Starts`): a start sent (`requested`,
    /// `confirmed`, `unknown`) ends the stop's savings and keeps the graph a whole window; `confirmed` and
    /// `already-running` show that the graph ran again.
    static let schemaV6Starts = """
        CREATE TABLE starts (
            run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            evaluated_at TEXT NOT NULL,
            mode TEXT NOT NULL,
            graph_id TEXT NOT NULL,
            graph_name TEXT,
            product_type TEXT,
            size TEXT,
            status TEXT,
            result TEXT CHECK (result IN ('requested', 'confirmed', 'dry-run', 'already-running', 'refused', 'failed',
                'unknown')),
            reason TEXT,
            hourly_price TEXT,
            currency TEXT,
            job_id TEXT,
            error_code TEXT,
            error_msg TEXT,
            stop_run_id TEXT,
            stopped_at TEXT,
            sent_at TEXT,
            answered_at TEXT,
            PRIMARY KEY (run_id, graph_id)
        );
        CREATE INDEX starts_on_graph_id_evaluated_at ON starts(graph_id, evaluated_at);
        ALTER TABLE runs ADD COLUMN started INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE runs ADD COLUMN already_running INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE runs ADD COLUMN refused INTEGER NOT NULL DEFAULT 0;
        """

    /// Indexes for the queries of `HistoryQuery` over a year of nightly runs, and `history_retention`.
    ///
    /// The partial indexes hold only the rows their query asks for (running rows, other rows, stops, unknown
    /// outcomes), so the restart rule, the savings report and the retention's deletes seek instead of scanning.
    static let schemaV7Retention = """
        CREATE INDEX decisions_running ON decisions(graph_id, evaluated_at) WHERE status = '200';
        CREATE INDEX decisions_not_running ON decisions(graph_id, evaluated_at) WHERE status IS NOT '200';
        CREATE INDEX decisions_stops_by_graph ON decisions(graph_id, evaluated_at) WHERE decision = 'stop';
        CREATE INDEX decisions_stops_by_time ON decisions(evaluated_at) WHERE decision = 'stop';
        CREATE INDEX decisions_unknown ON decisions(sent_at) WHERE result = 'unknown';
        CREATE INDEX runs_on_evaluated_at ON runs(evaluated_at);
        CREATE INDEX usage_records_on_run_id ON usage_records(run_id);
        CREATE TABLE history_retention (
            id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
            decisions_kept_since TEXT NOT NULL,
            usage_kept_since TEXT NOT NULL,
            applied_at TEXT NOT NULL
        );
        """
}
