import Foundation
import GRDB
import IdleStopCore

extension HistoryStore {
    /// Fills in when each graph of `graphIDs` that was not running ran again: the first later run that saw it
    /// running, and the end of the first stored Cloud Eye datapoint after it stopped (`GraphHistory`).
    ///
    /// `usage_records` holds only Cloud Eye datapoints (a CSV run keeps none), and Cloud Eye has none while a graph
    /// is stopped: a zero-filled usage export can never end a grace.
    static func readRunningEvidence(
        _ db: Database,
        into histories: inout [String: GraphHistory],
        graphIDs: [String],
        now: Instant
    ) throws {
        let known = graphIDs.compactMap { id in histories[id]?.lastKnownNotRunning.map { (id, $0) } }
        guard !known.isEmpty else { return }
        let values = known.map { _ in "(?, ?)" }.joined(separator: ", ")
        var seenArguments = StatementArguments()
        var datapointArguments = StatementArguments()
        for (id, instant) in known {
            seenArguments += [id, instant.description]
            datapointArguments += [id, (instant + RestartEvidence.datapointSettling).unixSeconds]
        }
        let nowText = now.description
        let seen = try Row.fetchAll(
            db,
            sql: """
                WITH known(graph_id, since) AS (VALUES \(values))
                SELECT d.graph_id, MIN(d.evaluated_at) AS first FROM known k
                JOIN decisions d ON d.graph_id = k.graph_id AND d.evaluated_at > k.since AND d.evaluated_at <= ?
                JOIN runs r ON r.id = d.run_id
                WHERE d.status = '\(GraphStatus.running)' AND r.is_replay = 0 AND r.clock_source IS NOT 'inventory-file'
                GROUP BY d.graph_id
                """,
            arguments: seenArguments + [nowText]
        )
        for row in seen {
            histories[row["graph_id"] as String]?.firstSeenRunning = instant(row["first"])
        }
        let datapoints = try Row.fetchAll(
            db,
            sql: """
                WITH known(graph_id, since) AS (VALUES \(values))
                SELECT u.graph_id, MIN(u.period_start + u.period_seconds) AS proof FROM known k
                JOIN usage_records u ON u.graph_id = k.graph_id AND u.period_start >= k.since AND u.period_start < ?
                JOIN runs r ON r.id = u.run_id
                WHERE r.is_replay = 0 AND r.evaluated_at <= ?
                GROUP BY u.graph_id
                """,
            arguments: datapointArguments + [now.unixSeconds, nowText]
        )
        for row in datapoints {
            let proof: Int64 = row["proof"]
            histories[row["graph_id"] as String]?.firstDatapointEnd = Instant(unixSeconds: proof)
        }
    }
}
