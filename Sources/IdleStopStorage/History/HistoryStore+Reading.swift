import Foundation
import GRDB

extension HistoryStore {
    /// Opens an existing history for reading only, as `report` does, possibly while a run is writing it.
    ///
    /// The connection is read-only, so it never takes SQLite's write lock and cannot make a run's intent or
    /// outcome writes wait or fail; it has the busy timeout of every connection. It never migrates: migrating
    /// writes, and only the holder of the run lock writes. `isAtCurrentSchema()` tells the caller whether to
    /// migrate first (holding the lock); a history written by a newer release is refused here.
    public init(readingAt path: String) throws(StorageError) {
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: Self.fileConfiguration(readOnly: true))
        } catch {
            throw Self.storageError(error, path: path, doing: "cannot open the history database for reading")
        }
        writer = queue
        self.path = path
        let migrator = Self.migrator
        let isNewer = try read("read the applied migrations") { try migrator.hasBeenSuperseded($0) }
        if isNewer { throw Self.newerReleaseError(path: path) }
    }

    /// Whether every migration of this release has been applied to the database.
    public func isAtCurrentSchema() throws(StorageError) -> Bool {
        try read("read the applied migrations") { try Self.migrator.hasCompletedMigrations($0) }
    }

    /// The refusal of a history that a newer release of the job migrated.
    static func newerReleaseError(path: String?) -> StorageError {
        StorageError(
            kind: .database,
            path: path,
            message: "the history database was written by a newer release of ges-idle-stop; refusing to use it"
        )
    }
}
