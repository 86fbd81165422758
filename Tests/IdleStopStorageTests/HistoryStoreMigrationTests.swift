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
                "v1", "v2", "v3", "v4-notifications", "v5-notices", "v6-starts", "v7-retention",
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
                "v1", "v2", "v3", "v4-notifications", "v5-notices", "v6-starts", "v7-retention",
            ]
        )
        let schema = try store.writer.read { db in
            (
                try db.indexes(on: "decisions").map(\.name),
                try db.columns(in: "usage_records").map(\.name)
            )
        }
        #expect(schema.0.contains("decisions_on_graph_id_evaluated_at"))
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
                "v1", "v2", "v3", "v4-notifications", "v5-notices", "v6-starts", "v7-retention",
            ]
        )
        #expect(try second.runs(since: .distantPast).map(\.id) == ["r-1"])
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
