import Foundation
import GRDB
import IdleStopCore
import Testing

@testable import IdleStopStorage

/// The hot queries of a long history seek through an index: `EXPLAIN QUERY PLAN` on a real SQLite file never
/// shows a scan of `decisions` or `usage_records` (https://sqlite.org/eqp.html).
struct HistoryQueryTests {
    /// The names (and aliases of `HistoryQuery`) under which the two big tables appear in a plan.
    static let bigTables: Set<String> = [
        "decisions", "decision_rows", "usage_records", "usage_series", "d", "u", "n", "s", "later", "x",
    ]

    /// A query, the arguments it takes (any values of the right kind), and an index its plan must use.
    ///
    /// A partial index that holds exactly the rows asked for (open unknown outcomes) may be read whole.
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var sql: String
        var arguments: StatementArguments
        var index: String
        var mayReadWholeIndex = false
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "restart rule: last not running",
            sql: HistoryQuery.lastNotRunning(2),
            arguments: ["g-1", "g-2", "2026-11-01T00:00:00Z", "2026-11-30T00:00:00Z"],
            index: "decision_rows_by_graph"
        ),
        Case(
            name: "restart rule: stops sent",
            sql: HistoryQuery.stopsSent(2),
            arguments: ["g-1", "g-2", "2026-11-01T00:00:00Z", "2026-11-30T00:00:00Z"],
            index: "decision_rows_stops_by_graph"
        ),
        Case(
            name: "restart rule: first seen running",
            sql: HistoryQuery.firstSeenRunning(2),
            arguments: ["g-1", "2026-11-01T00:00:00Z", "g-2", "2026-11-02T00:00:00Z", "2026-11-30T00:00:00Z"],
            index: "decision_rows_by_graph"
        ),
        Case(
            name: "restart rule: Cloud Eye series",
            sql: HistoryQuery.datapointSeries(2),
            arguments: ["g-1", 1_790_000_000, "g-2", 1_790_000_000, 1_796_000_000, "2026-11-30T00:00:00Z"],
            index: "usage_series_by_graph"
        ),
        Case(
            name: "notices: latest live rows",
            sql: HistoryQuery.latestLiveRows(2),
            arguments: ["2026-11-30T00:00:00Z", "g-1", "g-2"],
            index: "decision_rows_by_graph"
        ),
        Case(
            name: "savings: stops seen running end",
            sql: HistoryQuery.endStops,
            arguments: ["2026-11-30T02:00:00Z", "2026-11-23T02:00:00Z", 7],
            index: "decision_rows_stops_by_graph"
        ),
        Case(
            name: "savings: a new stop's end from later rows",
            sql: HistoryQuery.endNewStops,
            arguments: [7],
            index: "decision_rows_by_graph"
        ),
        Case(
            name: "unknown outcomes",
            sql: HistoryQuery.unknownOutcomes,
            arguments: [],
            index: "decision_rows_unknown",
            mayReadWholeIndex: true
        ),
        Case(
            name: "savings of a period",
            sql: HistoryQuery.realizedSavings,
            arguments: ["2025-11-01T00:00:00Z", "2026-11-30T00:00:00Z"],
            index: "decision_rows_stops_by_time"
        ),
        Case(
            name: "retention: usage records",
            sql: HistoryQuery.deleteUsage,
            arguments: ["2026-10-01T00:00:00Z"],
            index: "PRIMARY KEY"
        ),
        Case(
            name: "retention: decision rows",
            sql: HistoryQuery.deleteDecisions,
            arguments: ["2025-10-01T00:00:00Z"],
            index: "decision_rows_by_graph"
        ),
        Case(
            name: "retention: empty runs",
            sql: HistoryQuery.emptyRuns(referencedBy: [
                RunReference(table: "decision_rows", column: "run_seq", runsColumn: "seq"),
                RunReference(table: "usage_series", column: "run_seq", runsColumn: "seq"),
            ]),
            arguments: ["2025-10-01T00:00:00Z"],
            index: "PRIMARY KEY"
        ),
    ]

    @Test(arguments: cases)
    func usesAnIndexAndScansNoBigTable(_ query: Case) throws {
        let folder = try makeTemporaryFolder()
        let store = try HistoryStore(path: folder.appendingPathComponent("history.sqlite").path)
        let plan = try store.writer.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + query.sql, arguments: query.arguments).map {
                $0["detail"] as String
            }
        }
        let scans = plan.filter { line in
            let words = line.split(separator: " ")
            let wholeIndex = query.mayReadWholeIndex && line.hasSuffix("USING INDEX \(query.index)")
            return words.first == "SCAN" && words.count > 1 && Self.bigTables.contains(String(words[1])) && !wholeIndex
        }
        #expect(scans.isEmpty, "\(query.name): \(plan.joined(separator: "; "))")
        #expect(plan.contains { $0.contains(query.index) }, "\(query.name): \(plan.joined(separator: "; "))")
    }
}
