import Foundation
import GRDB

/// The run history in SQLite (docs/SPEC.md §8): runs, one decision row per graph per run, stop intents and outcomes.
///
/// Holds any GRDB `DatabaseWriter`: a `DatabaseQueue` on a file in production, an in-memory queue in tests.
/// The migrator runs in `init`, so a store is always at the current schema. Every write is one transaction.
/// Money is stored as decimal text, never REAL; times as ISO 8601 UTC text (`2026-11-27T02:00:00Z`), which
/// sorts in time order. Calls block the calling thread for the duration of one short SQLite transaction.
public struct HistoryStore: Sendable {
    let writer: any DatabaseWriter
    /// The database file, or nil in memory; named in errors.
    public let path: String?

    /// Opens (creating it and its folder if needed) the database at `path` and migrates it.
    public init(path: String) throws(StorageError) {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try AtomicFile.createFolder(folder, what: "the database folder")
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: Self.fileConfiguration())
        } catch {
            throw Self.storageError(error, path: path, doing: "cannot open the history database")
        }
        try self.init(writer: queue, path: path)
    }

    /// How long a connection waits for a lock another connection holds before failing with "database is locked".
    ///
    /// In WAL mode readers and the one writer rarely wait at all; the timeout covers the short moments a
    /// commit, a checkpoint or a rollback-journal database (where WAL is unavailable) holds a lock.
    public static let busyTimeout: TimeInterval = 5

    /// How a database file is opened: write-ahead log, every commit synced to disk before it returns, and
    /// a busy timeout.
    ///
    /// WAL makes a commit one append (and one `fsync` of the log) instead of a rollback journal's several,
    /// and lets readers (the `report` command, tests) read while a run writes. `synchronous = FULL` keeps
    /// "the intent is durable before the request is sent" true across a power loss, not only a process
    /// crash; the `fsync` per commit is what that costs (about 0.15 ms here). If the journal mode cannot be
    /// changed (another connection holds the file), the database stays in its current mode. A new file is made
    /// with `auto_vacuum = INCREMENTAL`, so retention can give freed pages back. A read-only connection changes
    /// none of these.
    /// https://sqlite.org/wal.html and https://sqlite.org/pragma.html#pragma_synchronous
    static func fileConfiguration(readOnly: Bool = false) -> Configuration {
        var configuration = Configuration()
        configuration.readonly = readOnly
        configuration.busyMode = .timeout(busyTimeout)
        guard !readOnly else { return configuration }
        configuration.prepareDatabase { db in
            // Takes effect only on a new file, before its first table; older files switch in `compact()`.
            try db.execute(sql: "PRAGMA auto_vacuum = INCREMENTAL")
            _ = try? String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        return configuration
    }

    /// A store over an existing writer (e.g. `DatabaseQueue()` in memory); migrates it.
    public init(writer: any DatabaseWriter, path: String? = nil) throws(StorageError) {
        self.writer = writer
        self.path = path
        let migrator = Self.migrator
        do {
            let isNewer = try writer.read { try migrator.hasBeenSuperseded($0) }
            if isNewer { throw Self.newerReleaseError(path: path) }
            try migrator.migrate(writer)
        } catch let error as StorageError {
            throw error
        } catch {
            throw Self.storageError(error, path: path, doing: "cannot migrate the history database")
        }
    }

    /// A fresh in-memory store, for tests and rehearsals.
    public static func inMemory() throws(StorageError) -> HistoryStore {
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue()
        } catch {
            throw storageError(error, path: nil, doing: "cannot open an in-memory database")
        }
        return try HistoryStore(writer: queue)
    }

    /// The migrations already applied, oldest first.
    public func appliedMigrations() throws(StorageError) -> [String] {
        try read("read the applied migrations") { try Self.migrator.appliedMigrations($0) }
    }

    /// Runs `body` in one write transaction, mapping every failure to `StorageError`.
    func write<T>(_ what: String, _ body: (Database) throws -> T) throws(StorageError) -> T {
        do {
            return try writer.write(body)
        } catch let error as StorageError {
            throw error
        } catch {
            throw Self.storageError(error, path: path, doing: "cannot \(what)")
        }
    }

    /// Runs `body` in one read transaction, mapping every failure to `StorageError`.
    func read<T>(_ what: String, _ body: (Database) throws -> T) throws(StorageError) -> T {
        do {
            return try writer.read(body)
        } catch let error as StorageError {
            throw error
        } catch {
            throw Self.storageError(error, path: path, doing: "cannot \(what)")
        }
    }

    /// A database failure in words: SQLite's message and the statement, never the statement's arguments.
    static func storageError(_ error: any Error, path: String?, doing what: String) -> StorageError {
        let detail: String
        if let database = error as? DatabaseError {
            detail = "SQLite error \(database.resultCode.rawValue): \(database.message ?? "unknown")"
        } else {
            detail = "\(error)"
        }
        return StorageError(kind: .database, path: path, message: "\(what): \(detail)")
    }
}
