import IdleStopCore

/// The SQL of the history's hot queries, in one place so the code and the query-plan test run the same text.
///
/// Each is written for an index of `HistoryStore.schemaV7Retention` (or earlier): the partial indexes match only
/// when a query repeats their `WHERE` term word for word, so those terms are spelled here once.
/// https://sqlite.org/partialindex.html#queries_using_partial_indexes
enum HistoryQuery {
    /// The status of a running graph, as stored.
    static let running = "'\(GraphStatus.running)'"
    /// Results that mean the job sent a stop for the graph (what the restart rule counts as "the job stopped it").
    static let stopsSentResults: [StopResult] = [.requested, .confirmed, .alreadyStopped, .unknown]
    static let stopsSentList = stopsSentResults.map { "'\($0.rawValue)'" }.joined(separator: ", ")
    /// `StartResult.startsSent` as an SQL list: starts that end a stop's savings and count for the restart rule.
    static let startsSentList = StartResult.startsSent.map { "'\($0.rawValue)'" }.joined(separator: ", ")

    /// `?, ?, …`: `count` placeholders.
    static func marks(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }

    /// The `decision_rows` row of one run and graph: arguments the run ID, the graph ID.
    static let decisionRowOf = """
        run_seq = (SELECT seq FROM runs WHERE id = ?) AND graph_key = (SELECT key FROM graph_keys WHERE graph_id = ?)
        """

    /// Rows of `count` graphs evaluated in `[?, ?]` by runs that are not replays: the graphs, since, now.
    static func graphRows(_ count: Int) -> String {
        """
        FROM decisions d JOIN runs r ON r.id = d.run_id
        WHERE d.graph_id IN (\(marks(count))) AND d.evaluated_at >= ? AND d.evaluated_at <= ? AND r.is_replay = 0
        """
    }

    /// Restart rule: each graph's latest row with a status other than running. Arguments: `graphRows`.
    static func lastNotRunning(_ count: Int) -> String {
        "SELECT d.graph_id, MAX(d.evaluated_at) AS seen \(graphRows(count)) AND d.status IS NOT \(running) GROUP BY 1"
    }

    /// Restart rule: the stops the job sent, per graph in time order. Arguments: `graphRows`.
    static func stopsSent(_ count: Int) -> String {
        """
        SELECT d.graph_id, d.evaluated_at, d.result \(graphRows(count))
            AND d.decision = 'stop' AND d.result IN (\(stopsSentList))
        ORDER BY d.graph_id, d.evaluated_at
        """
    }

    /// Restart rule: each graph's latest start `ges-idle-stop start` sent, in `[?, ?]`. Arguments: `graphRows`.
    static func startsSent(_ count: Int) -> String {
        """
        SELECT s.graph_id, MAX(s.evaluated_at) AS started FROM starts s JOIN runs r ON r.id = s.run_id
        WHERE s.graph_id IN (\(marks(count))) AND s.evaluated_at >= ? AND s.evaluated_at <= ? AND r.is_replay = 0
            AND s.result IN (\(startsSentList))
        GROUP BY 1
        """
    }

    /// `WITH known(graph_id, since) AS (VALUES (?, ?), …)`: `count` graphs and when each was last not running.
    static func known(_ count: Int) -> String {
        "WITH known(graph_id, since) AS (VALUES \(Array(repeating: "(?, ?)", count: count).joined(separator: ", ")))"
    }

    /// Restart rule: the first later row that saw each known graph running. Arguments: the pairs, now.
    static func firstSeenRunning(_ count: Int) -> String {
        """
        \(known(count))
        SELECT d.graph_id, MIN(d.evaluated_at) AS first FROM known k
        JOIN decisions d ON d.graph_id = k.graph_id AND d.evaluated_at > k.since AND d.evaluated_at <= ?
        JOIN runs r ON r.id = d.run_id
        WHERE d.status = \(running) AND r.is_replay = 0 AND r.clock_source IS NOT 'inventory-file'
        GROUP BY d.graph_id
        """
    }

    /// Restart rule: the stored Cloud Eye series that may hold a datapoint after each known graph stopped
    /// (`UsageSeries.firstEnd` finds it). Arguments: the pairs (with the settling time added), now in Unix
    /// seconds, now.
    static func datapointSeries(_ count: Int) -> String {
        """
        \(known(count))
        SELECT k.graph_id, k.since, s.period_seconds, s.first_start, s.last_start, s.points FROM known k
        JOIN graph_keys g ON g.graph_id = k.graph_id
        JOIN usage_series s ON s.graph_key = g.key AND s.last_start >= k.since AND s.first_start < ?
        JOIN runs r ON r.seq = s.run_seq
        WHERE r.is_replay = 0 AND r.evaluated_at <= ?
        """
    }

    /// Notices: each graph's latest row of a live run that is not a replay, evaluated at or before `?`, with its
    /// notice, policy and result. Arguments: now, then the graphs.
    ///
    /// One backward seek per graph (`ORDER BY … DESC LIMIT 1`), so a year of history costs no more than a week:
    /// `MAX(evaluated_at) … GROUP BY` would read every row of each graph.
    static func latestLiveRows(_ count: Int) -> String {
        """
        SELECT g.graph_id, d.evaluated_at AS latest, d.notice_since, NULLIF(l.policy, '') AS policy, d.result
        FROM graph_keys g
        JOIN decision_rows d ON d.graph_key = g.key AND d.run_seq = (
            SELECT n.run_seq FROM decision_rows n JOIN runs r ON r.seq = n.run_seq
            WHERE n.graph_key = g.key AND n.evaluated_at <= ?1 AND r.mode = 'live' AND r.is_replay = 0
            ORDER BY n.evaluated_at DESC, n.run_seq DESC LIMIT 1)
        JOIN decision_labels l ON l.key = d.label_key
        WHERE g.graph_id IN (\((2...count + 1).map { "?\($0)" }.joined(separator: ", ")))
        """
    }

    /// Stops sent whose answer was never recorded, oldest first.
    static let unknownOutcomes = """
        SELECT run_id, graph_id, graph_name, sent_at FROM decisions
        WHERE decision = 'stop' AND result = 'unknown'
        ORDER BY sent_at, run_id, graph_id
        """

    /// Realized savings: the stops (requested or confirmed, by runs that are not replays) made in `[?, ?)`, with
    /// the graph and label keys and when a later run first saw the graph running (`ended_at`), in time order.
    ///
    /// Read whole from the covering index `decision_rows_stops_by_time`; names, prices and starts come from their
    /// small tables (`graphKeys`, `labels`, `startsEndingStops`).
    static let realizedSavings = """
        SELECT d.graph_key, d.label_key, d.evaluated_at, d.ended_at FROM decision_rows d
        WHERE d.decision = 'stop' AND d.result IN ('requested', 'confirmed') AND d.evaluated_at >= ? AND d.evaluated_at < ?
            AND d.run_seq NOT IN (SELECT seq FROM runs WHERE is_replay = 1)
        ORDER BY d.evaluated_at
        """

    /// Every graph key and its graph ID.
    static let graphKeys = "SELECT key, graph_id FROM graph_keys"

    /// Every label combination: key, graph name, hourly price, currency (`''` for none).
    static let labels = "SELECT key, graph_name, hourly_price, currency FROM decision_labels"

    /// Starts that end a stop's savings (sent, or found the graph running), by runs that are not replays, made
    /// after `?`, per graph in time order.
    static let startsEndingStops = """
        SELECT s.graph_id, s.evaluated_at FROM starts s JOIN runs r ON r.id = s.run_id
        WHERE s.evaluated_at > ? AND r.is_replay = 0
            AND s.result IN (\(startsSentList), '\(StartResult.alreadyRunning.rawValue)')
        ORDER BY s.graph_id, s.evaluated_at
        """

    /// The stops of run `?` whose graph a run recorded earlier but evaluated later already saw running (runs
    /// recorded out of time order): their `ended_at` from those rows, as `endStops` would have set it.
    static let endNewStops = """
        UPDATE decision_rows AS d SET ended_at = (
            SELECT MIN(later.evaluated_at) FROM decision_rows later JOIN runs seen ON seen.seq = later.run_seq
            WHERE later.graph_key = d.graph_key AND later.evaluated_at > d.evaluated_at
                AND later.status = \(running) AND seen.is_replay = 0)
        WHERE d.run_seq = ? AND d.decision = 'stop'
        """

    /// Ends the stops of the last 168 hours whose graph the run `?3` saw running at `?1` (it is not a replay):
    /// `ended_at` becomes `?1` unless an earlier sighting set it. `?2` is `?1` − 168h (a stop ends by then anyway).
    static let endStops = """
        UPDATE decision_rows SET ended_at = ?1
        WHERE decision = 'stop' AND evaluated_at < ?1 AND evaluated_at >= ?2 AND (ended_at IS NULL OR ended_at > ?1)
            AND graph_key IN (SELECT graph_key FROM decision_rows WHERE run_seq = ?3 AND status = \(running))
        """

    /// Retention: the usage records of runs evaluated before `?`.
    static let deleteUsage = """
        DELETE FROM usage_series WHERE run_seq IN (SELECT seq FROM runs WHERE evaluated_at < ?)
        """

    /// Retention: the decision rows of runs evaluated before `?`, except what must stay.
    ///
    /// Kept: open `unknown` outcomes (the next run reconciles them), notices (`noticed`), each graph's newest row
    /// with a status other than running and its newest stop the job sent (the restart rule's evidence, whatever
    /// its age; at most two rows per graph).
    static let deleteDecisions = """
        DELETE FROM decision_rows AS d
        WHERE d.run_seq IN (SELECT seq FROM runs WHERE evaluated_at < ?)
            AND d.result IS NOT 'unknown' AND d.result IS NOT 'noticed'
            AND NOT (d.status IS NOT \(running) AND NOT EXISTS (
                SELECT 1 FROM decision_rows n WHERE n.graph_key = d.graph_key AND n.evaluated_at > d.evaluated_at
                    AND n.status IS NOT \(running)))
            AND NOT (d.decision = 'stop' AND d.result IN (\(stopsSentList)) AND NOT EXISTS (
                SELECT 1 FROM decision_rows s WHERE s.graph_key = d.graph_key AND s.evaluated_at > d.evaluated_at
                    AND s.decision = 'stop' AND s.result IN (\(stopsSentList))))
        """

    /// Retention: runs evaluated before `?` that no row of `references` (table, column, and the column of `runs`
    /// it refers to) refers to any more.
    static func emptyRuns(referencedBy references: [RunReference]) -> String {
        let unreferenced = references.map {
            " AND NOT EXISTS (SELECT 1 FROM \"\($0.table)\" x WHERE x.\"\($0.column)\" = runs.\"\($0.runsColumn)\")"
        }
        return "SELECT id FROM runs WHERE evaluated_at < ?" + unreferenced.joined()
    }

    /// Retention: the notifications of one run.
    static let deleteNotifications = "DELETE FROM notifications WHERE run_id = ?"

    /// Retention: one run.
    static let deleteRun = "DELETE FROM runs WHERE id = ?"
}
