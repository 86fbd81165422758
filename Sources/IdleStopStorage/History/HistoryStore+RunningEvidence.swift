import Foundation
import GRDB
import IdleStopCore

extension HistoryStore {
    /// Fills in when each graph of `graphIDs` that was not running ran again: the first later run that saw it
    /// running, and the end of the first stored Cloud Eye datapoint after it stopped (`GraphHistory`).
    ///
    /// `usage_series` holds only Cloud Eye datapoints (a CSV run keeps none), and Cloud Eye has none while a graph
    /// is stopped: a zero-filled usage export can never end a grace.
    static func readRunningEvidence(
        _ db: Database,
        into histories: inout [String: GraphHistory],
        graphIDs: [String],
        now: Instant
    ) throws {
        let known = graphIDs.compactMap { id in histories[id]?.lastKnownNotRunning.map { (id, $0) } }
        guard !known.isEmpty else { return }
        var seenArguments = StatementArguments()
        var datapointArguments = StatementArguments()
        for (id, instant) in known {
            seenArguments += [id, instant.description]
            datapointArguments += [id, (instant + RestartEvidence.datapointSettling).unixSeconds]
        }
        let nowText = now.description
        let seen = try Row.fetchAll(
            db,
            sql: HistoryQuery.firstSeenRunning(known.count),
            arguments: seenArguments + [nowText]
        )
        for row in seen {
            histories[row["graph_id"] as String]?.firstSeenRunning = instant(row["first"])
        }
        let series = try Row.fetchAll(
            db,
            sql: HistoryQuery.datapointSeries(known.count),
            arguments: datapointArguments + [now.unixSeconds, nowText]
        )
        for row in series {
            let id: String = row["graph_id"]
            guard let proof = usageSeries(row).firstEnd(startingFrom: row["since"], before: now.unixSeconds) else {
                continue
            }
            let earlier = histories[id]?.firstDatapointEnd.map { min($0.unixSeconds, proof) } ?? proof
            histories[id]?.firstDatapointEnd = Instant(unixSeconds: earlier)
        }
    }
}
