import Foundation
import GRDB
import IdleStopCore

extension HistoryStore {
    /// Results of a stop the job sent that may have taken effect: what `start` may undo.
    static let undoableStopResults: [StopResult] = [.requested, .confirmed, .unknown]

    /// The run `ges-idle-stop start --run ID` names, as far as `start` needs it; nil when the history has none.
    public struct StoppingRun: Sendable, Equatable {
        public var command: String
        public var mode: RunInfo.Mode
        public var isReplay: Bool
    }

    /// The run `id`, or nil when the history has no such run.
    public func stoppingRun(id: String) throws(StorageError) -> StoppingRun? {
        try read("read run \(id)") { db in
            try Row.fetchOne(db, sql: "SELECT command, mode, is_replay FROM runs WHERE id = ?", arguments: [id]).map {
                row in
                StoppingRun(
                    command: row["command"],
                    mode: RunInfo.Mode(rawValue: row["mode"] ?? "") ?? .dryRun,
                    isReplay: row["is_replay"]
                )
            }
        }
    }

    /// The stops run `runID` made that `start` may undo (result requested, confirmed or unknown), by graph ID.
    public func jobStops(ofRun runID: String, now: Instant) throws(StorageError) -> [JobStop] {
        try jobStops(where: "d.run_id = ?", [runID], now: now)
    }

    /// The latest stop the job made of each of `graphIDs` up to `now` that `start` may undo; graphs without one are
    /// absent.
    public func latestJobStops(ofGraphs graphIDs: [String], now: Instant) throws(StorageError) -> [JobStop] {
        var stops: [JobStop] = []
        let ids = Array(Set(graphIDs)).sorted()
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = Array(ids[start..<min(start + 500, ids.count)])
            let marks = chunk.map { _ in "?" }.joined(separator: ", ")
            stops += try jobStops(where: "d.graph_id IN (\(marks))", StatementArguments(chunk), now: now)
        }
        return Self.latestPerGraph(stops)
    }

    /// The latest stop the job made of each graph in `[since, now]` that `start` may undo.
    public func latestJobStops(since: Instant, now: Instant) throws(StorageError) -> [JobStop] {
        Self.latestPerGraph(try jobStops(where: "d.evaluated_at >= ?", [since.description], now: now))
    }

    /// Stops of live runs that are not replays, evaluated at or before `now`, matching `condition`, oldest first,
    /// each with the first instant after it the graph is known to have run again.
    ///
    /// Ran again: a later row of a run that listed GES (not a replay, not an inventory file) saw it running, or a
    /// later `start` confirmed it or found it running.
    private func jobStops(
        where condition: String,
        _ arguments: StatementArguments,
        now: Instant
    ) throws(StorageError) -> [JobStop] {
        let results = Self.undoableStopResults.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        let nowText = now.description
        return try read("read the job's stops") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT d.run_id, d.graph_id, d.graph_name, d.evaluated_at, d.result, d.hourly_price, d.currency,
                        (SELECT MIN(later.evaluated_at) FROM decisions later JOIN runs seen ON seen.id = later.run_id
                         WHERE later.graph_id = d.graph_id AND later.evaluated_at > d.evaluated_at
                            AND later.evaluated_at <= ? AND later.status = '\(GraphStatus.running)'
                            AND seen.is_replay = 0 AND seen.clock_source IS NOT 'inventory-file') AS seen_running,
                        (SELECT MIN(s.evaluated_at) FROM starts s JOIN runs sr ON sr.id = s.run_id
                         WHERE s.graph_id = d.graph_id AND s.evaluated_at > d.evaluated_at AND s.evaluated_at <= ?
                            AND s.result IN ('\(StartResult.confirmed.rawValue)',
                                '\(StartResult.alreadyRunning.rawValue)')
                            AND sr.is_replay = 0) AS started
                    FROM decisions d JOIN runs r ON r.id = d.run_id
                    WHERE d.decision = 'stop' AND d.result IN (\(results)) AND r.is_replay = 0
                        AND r.mode = '\(RunInfo.Mode.live.rawValue)' AND d.evaluated_at <= ? AND \(condition)
                    ORDER BY d.evaluated_at, d.graph_id
                    """,
                arguments: [nowText, nowText, nowText] + arguments
            ).compactMap { row -> JobStop? in
                guard let stoppedAt = Self.instant(row["evaluated_at"]),
                    let result = (row["result"] as String?).flatMap(StopResult.init(rawValue:))
                else { return nil }
                let ranAgain = [Self.instant(row["seen_running"]), Self.instant(row["started"])].compactMap { $0 }
                return JobStop(
                    graphID: row["graph_id"],
                    graphName: row["graph_name"] ?? "",
                    runID: row["run_id"],
                    stoppedAt: stoppedAt,
                    result: result,
                    hourlyPrice: row["hourly_price"],
                    currency: row["currency"],
                    ranAgainAt: ranAgain.min()
                )
            }
        }
    }

    /// The last of each graph's stops (`stops` oldest first), by graph ID.
    private static func latestPerGraph(_ stops: [JobStop]) -> [JobStop] {
        var latest: [String: JobStop] = [:]
        for stop in stops { latest[stop.graphID] = stop }
        return latest.values.sorted { $0.graphID < $1.graphID }
    }
}
