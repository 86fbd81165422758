import Foundation
import GRDB
import Testing

@testable import IdleStopStorage

/// A history opened for reading (the `report` command) reads while a run writes and never writes itself.
struct HistoryStoreReadingTests {
    func databasePath() throws -> String {
        try makeTemporaryFolder().appendingPathComponent("history.sqlite").path
    }

    @Test func readsWhatARunWroteAndWaitsForLocksInsteadOfFailing() throws {
        let path = try databasePath()
        let store = try HistoryStore(path: path)
        let run = makeRun("r-1", at: "2026-11-27T02:00:00Z")
        try store.beginRun(run)
        let reader = try HistoryStore(readingAt: path)
        #expect(try reader.isAtCurrentSchema())
        #expect(try reader.runs(since: .distantPast).map(\.id) == ["r-1"])
        let timeout = try reader.writer.read { db in try Int.fetchOne(db, sql: "PRAGMA busy_timeout") }
        #expect(timeout == Int(HistoryStore.busyTimeout * 1000))
    }

    @Test func itNeverWritesNorMigrates() throws {
        let path = try databasePath()
        let queue = try DatabaseQueue(path: path)
        try HistoryStore.migrator.migrate(queue, upTo: "v1")
        try queue.close()
        let reader = try HistoryStore(readingAt: path)
        #expect(try !reader.isAtCurrentSchema())
        #expect(throws: StorageError.self) {
            try reader.write("write") { db in try db.execute(sql: "DELETE FROM runs") }
        }
        let applied = try DatabaseQueue(path: path).read { try HistoryStore.migrator.appliedMigrations($0) }
        #expect(applied == ["v1"])
    }

    @Test func aDatabaseFromANewerReleaseIsRefused() throws {
        let path = try databasePath()
        let queue = try DatabaseQueue(path: path)
        try HistoryStore.migrator.migrate(queue)
        try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99')") }
        try queue.close()
        #expect {
            try HistoryStore(readingAt: path)
        } throws: { error in
            "\(error)".contains("newer release")
        }
    }
}
