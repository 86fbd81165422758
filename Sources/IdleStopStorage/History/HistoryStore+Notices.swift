import Foundation
import GRDB
import IdleStopCore

extension HistoryStore {
    /// The notices that still stand for `graphIDs` at `now` (docs/SPEC.md §4, notice period); graphs without are absent.
    ///
    /// The one place the history's notices are read. A notice stands when the graph's latest row of a live run that is
    /// not a replay, evaluated at or before `now`, carries `notice_since` and no stop was sent for it (its result is
    /// none, `noticed`, `held` or `failed`): every run since the notice then listed the graph, decided to stop it and
    /// carried the notice on, because a run whose rule clears a notice writes a fresh `notice_since` or none. A row of
    /// any other decision, a sent stop, a dry-run row (mode `dry-run`) or a replay's row starts no period; only
    /// dry-runs and replays are passed over, so they never end one either. History retention must keep each graph's
    /// latest live row.
    public func standingNotices(graphIDs: Set<String>, now: Instant) throws(StorageError) -> [String: StandingNotice] {
        let sent = Set(HistoryQuery.stopsSentResults.map(\.rawValue))
        return try read("read the notices of \(graphIDs.count) graph(s)") { db in
            var notices: [String: StandingNotice] = [:]
            let ids = graphIDs.sorted()
            for start in stride(from: 0, to: ids.count, by: 500) {
                let chunk = Array(ids[start..<min(start + 500, ids.count)])
                let rows = try Row.fetchAll(
                    db,
                    sql: HistoryQuery.latestLiveRows(chunk.count),
                    arguments: [now.description] + StatementArguments(chunk)
                )
                for row in rows {
                    guard let since = Self.instant(row["notice_since"]), let policy: String = row["policy"] else {
                        continue
                    }
                    if let result: String = row["result"], sent.contains(result) { continue }
                    notices[row["graph_id"]] = StandingNotice(since: since, policy: policy)
                }
            }
            return notices
        }
    }
}
