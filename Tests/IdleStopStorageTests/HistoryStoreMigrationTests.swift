import Foundation
import GRDB
import IdleStopCore
import Testing

@testable import IdleStopStorage

struct HistoryStoreMigrationTests {
    @Test func aNewDatabaseGetsEveryMigration() throws {
        let folder = try makeTemporaryFolder()
        let store = try HistoryStore(path: folder.appendingPathComponent("var/history.sqlite").path)
        #expect(
            try store.appliedMigrations() == [
                "v1", "v2", "v3", "v4-notifications", "v5-notices", "v6-starts", "v7-retention", "v8-compact",
            ]
        )
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("var/history.sqlite").path))
    }

    @Test func aV1DatabaseIsUpgradedAndKeepsItsRows() throws {
        let folder = try makeTemporaryFolder()
        let path = folder.appendingPathComponent("history.sqlite").path
        try HistoryV1Snapshot.write(to: path)
        let store = try HistoryStore(path: path)
        #expect(
            try store.appliedMigrations() == [
                "v1", "v2", "v3", "v4-notifications", "v5-notices", "v6-starts", "v7-retention", "v8-compact",
            ]
        )
        let schema = try store.writer.read { db in
            (
                try db.indexes(on: "decision_rows").map(\.name),
                try db.columns(in: "usage_records").map(\.name)
            )
        }
        #expect(schema.0.contains("decision_rows_by_graph"))
        #expect(schema.1 == ["run_id", "graph_id", "period_start", "period_seconds", "requests"])

        let runs = try store.runs(since: utc("2026-11-01T00:00:00Z"))
        #expect(runs.map(\.id) == ["old-1"])
        #expect(runs.first?.summary.projectedSavings == ["USD": 30])
        #expect(runs.first?.reportPath == "reports/old-1.csv")
        let history = try store.graphHistory(
            graphIDs: ["g-old", "g-busy"],
            since: instant("2026-11-01T00:00:00Z"),
            now: instant("2026-11-21T00:00:00Z")
        )
        #expect(history["g-old"] == GraphHistory(lastStop: instant("2026-11-20T02:00:00Z"), lastStopResult: .requested))
        #expect(history["g-busy"] == nil)
        #expect(try store.reportRows(runID: "old-1").map { $0[.graphID] } == ["g-busy", "g-old"])

        // The upgraded database takes new runs next to the old ones.
        let run = makeRun("new-1", at: "2026-11-21T02:00:00Z")
        try store.beginRun(run)
        try store.recordDecisions(run: run, [keepDecision("g-old")])
        #expect(try store.runs(since: utc("2026-11-01T00:00:00Z")).map(\.id) == ["old-1", "new-1"])
    }

    @Test func reopeningAMigratedDatabaseChangesNothing() throws {
        let path = try makeTemporaryFolder().appendingPathComponent("h.sqlite").path
        let first = try HistoryStore(path: path)
        try first.beginRun(makeRun("r-1", at: "2026-11-21T02:00:00Z"))
        let second = try HistoryStore(path: path)
        #expect(
            try second.appliedMigrations() == [
                "v1", "v2", "v3", "v4-notifications", "v5-notices", "v6-starts", "v7-retention", "v8-compact",
            ]
        )
        #expect(try second.runs(since: .distantPast).map(\.id) == ["r-1"])
    }

    /// Migration v8-compact moves every row of the old `decisions` and `usage_records` tables into the compact
    /// tables, and the views of those names read back exactly what was there (NULL cells, two labels of one graph,
    /// usage off the hourly grid, a duplicate datapoint).
    @Test func aV7DatabaseIsCompactedAndItsViewsReadTheSameRows() throws {
        let path = try makeTemporaryFolder().appendingPathComponent("h.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try HistoryStore.migrator.migrate(queue, upTo: "v7-retention")
        let (decisions, usage) = try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO runs (id, command, mode, started_at, evaluated_at, status)
                    VALUES ('r-1', 'run', 'live', '2026-11-20T02:00:00Z', '2026-11-20T02:00:00Z', 'finished'),
                        ('r-2', 'run', 'dry-run', '2026-11-21T02:00:00Z', '2026-11-21T02:00:00Z', 'finished');
                    INSERT INTO decisions (run_id, evaluated_at, mode, graph_id, graph_name, product_type, size, status,
                        policy, decision, result, reason, hourly_price, currency, job_id, sent_at, notice_since)
                    VALUES ('r-1', '2026-11-20T02:00:00Z', 'live', 'g-1', 'one', 'InMemory', 'small', '200', 'idle',
                            'stop', 'requested', 'idle 24h', '1.25', 'USD', 'job-1', '2026-11-20T02:00:01Z', NULL),
                        ('r-1', '2026-11-20T02:00:00Z', 'live', 'g-2', NULL, NULL, NULL, NULL, NULL, 'skip', NULL,
                            NULL, NULL, NULL, NULL, NULL, NULL),
                        ('r-2', '2026-11-21T02:00:00Z', 'dry-run', 'g-1', 'one renamed', 'InMemory', 'small', '900',
                            'idle', 'keep', NULL, 'stopped', '1.25', 'USD', NULL, NULL, '2026-11-19T02:00:00Z');
                    INSERT INTO usage_records (run_id, graph_id, period_start, period_seconds, requests)
                    VALUES ('r-1', 'g-1', 1795000000, 3600, '0'), ('r-1', 'g-1', 1795003600, 3600, '2.5'),
                        ('r-1', 'g-1', 1795003600, 3600, '3'), ('r-1', 'g-1', 1795005000, 3600, '7'),
                        ('r-1', 'g-3', 1795000000, 300, '12'), ('r-2', 'g-1', 1795090000, 3600, '1');
                    """
            )
            return (
                try Row.fetchAll(db, sql: "SELECT * FROM decisions ORDER BY run_id, graph_id"),
                try Row.fetchAll(
                    db,
                    sql: "SELECT * FROM usage_records ORDER BY run_id, graph_id, period_start, requests"
                )
            )
        }
        try queue.close()
        let store = try HistoryStore(path: path)
        let after = try store.writer.read { db in
            (
                try Row.fetchAll(db, sql: "SELECT * FROM decisions ORDER BY run_id, graph_id"),
                try Row.fetchAll(
                    db,
                    sql: "SELECT * FROM usage_records ORDER BY run_id, graph_id, period_start, requests"
                ),
                try String.fetchOne(db, sql: "SELECT type FROM sqlite_master WHERE name = 'decisions'")
            )
        }
        #expect(after.0 == decisions)
        #expect(after.1 == usage)
        #expect(after.2 == "view")
        #expect(try store.usageRecords(runID: "r-1").map(\.requests) == [0, 2.5, 3, 7, 12])
    }

    @Test func aDatabaseFromANewerReleaseIsRefused() throws {
        let queue = try DatabaseQueue()
        try HistoryStore.migrator.migrate(queue)
        try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99')") }
        #expect {
            try HistoryStore(writer: queue, path: "h.sqlite")
        } throws: { error in
            (error as? StorageError)?.kind == .database && "\(error)".contains("newer release")
                && "\(error)".hasPrefix("h.sqlite: ")
        }
    }

    @Test func aFileThatIsNotADatabaseIsADatabaseError() throws {
        let url = try makeTemporaryFolder().appendingPathComponent("h.sqlite")
        try Data(String(repeating: "not sqlite at all ", count: 100).utf8).write(to: url)
        #expect {
            try HistoryStore(path: url.path)
        } throws: { error in
            (error as? StorageError)?.kind == .database && "\(error)".contains(url.path)
        }
    }
}
