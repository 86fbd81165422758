/// The one error type of the storage layer: the history database, the CSV report and the run lock.
///
/// A struct around a kind, so that callers can map kinds to exit codes (`lockHeld` → 75, `report` → 1)
/// and the layer can add detail without breaking them. Descriptions name the file and what failed; they
/// never contain statement arguments or anything else that could carry a secret.
public struct StorageError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What went wrong, broadly.
    public enum Kind: String, Sendable, Equatable {
        /// Reading, writing, renaming or creating a file or folder failed.
        case file
        /// A CSV report is malformed or breaks the contract (the `apply` input).
        case report
        /// SQLite or a migration failed, or a row the caller named does not exist.
        case database
        /// Another process holds the run lock.
        case lockHeld
        /// The lock file could not be opened or locked for another reason.
        case lock
    }

    public var kind: Kind
    /// The file concerned, if any.
    public var path: String?
    /// 1-based line in `path`, for report errors.
    public var line: Int?
    /// The column name (report errors), if any.
    public var column: String?
    /// The pid written in the lock file by the holder, for `lockHeld`.
    public var holderPID: Int32?
    /// What failed, in words.
    public var message: String

    public init(
        kind: Kind,
        path: String? = nil,
        line: Int? = nil,
        column: String? = nil,
        holderPID: Int32? = nil,
        message: String
    ) {
        self.kind = kind
        self.path = path
        self.line = line
        self.column = column
        self.holderPID = holderPID
        self.message = message
    }

    public var description: String {
        var location = path ?? ""
        if let line { location += location.isEmpty ? "line \(line)" : ":\(line)" }
        if let column { location += location.isEmpty ? "column \(column)" : ", column \(column)" }
        return location.isEmpty ? message : "\(location): \(message)"
    }
}
