import Foundation
import GRDB
import IdleStopCore

extension HistoryStore {
    /// What one application of the retention deleted, for the run's log.
    public struct RetentionOutcome: Sendable, Equatable {
        public var usageRecords = 0
        public var decisions = 0
        public var runs = 0
        public var notifications = 0
        /// Whether the file was compacted afterwards (`shouldVacuum`).
        public var vacuumed = false

        public init() {}
    }

    /// Deletes what `cutoffs` let go, in one transaction, then gives the space back to the file system.
    ///
    /// Deleted: usage records of runs evaluated before `usageBefore`; decision rows of runs evaluated before
    /// `decisionsBefore` except open `unknown` outcomes, notices and each graph's newest not-running row and
    /// newest stop sent (`HistoryQuery.deleteDecisions`); then those runs with no row left in `decisions`,
    /// `usage_records` or any other table that refers to runs, and their notifications. A crash before the
    /// commit deletes nothing. The cut-offs are recorded for `report` (`keptSince`).
    public func applyRetention(
        _ cutoffs: HistoryRetention.Cutoffs,
        at now: Date
    ) throws(StorageError)
        -> RetentionOutcome
    {
        var outcome = try write("apply the history retention") { db in
            var outcome = RetentionOutcome()
            try db.execute(sql: HistoryQuery.deleteUsage, arguments: [cutoffs.usageBefore.description])
            outcome.usageRecords = db.changesCount
            try db.execute(sql: HistoryQuery.deleteDecisions, arguments: [cutoffs.decisionsBefore.description])
            outcome.decisions = db.changesCount
            let references = try Self.runReferences(db).filter { $0.table != "notifications" }
            let empty = try String.fetchAll(
                db,
                sql: HistoryQuery.emptyRuns(referencedBy: references),
                arguments: [cutoffs.decisionsBefore.description]
            )
            for runID in empty {
                try db.execute(sql: HistoryQuery.deleteNotifications, arguments: [runID])
                outcome.notifications += db.changesCount
                try db.execute(sql: HistoryQuery.deleteRun, arguments: [runID])
                outcome.runs += db.changesCount
            }
            try db.execute(
                sql: """
                    INSERT INTO history_retention (id, decisions_kept_since, usage_kept_since, applied_at)
                    VALUES (1, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET decisions_kept_since = excluded.decisions_kept_since,
                        usage_kept_since = excluded.usage_kept_since, applied_at = excluded.applied_at
                    """,
                arguments: [
                    cutoffs.decisionsBefore.description, cutoffs.usageBefore.description, ReportFormat.timestamp(now),
                ]
            )
            return outcome
        }
        outcome.vacuumed = try compact()
        return outcome
    }

    /// Every column whose foreign key refers to `runs`: `applyRetention` keeps a run while any of them (but
    /// `notifications`, which go with their run) still has a row for it, so a table it does not name keeps its runs.
    static func runReferences(_ db: Database) throws -> [RunReference] {
        let tables = try String.fetchAll(
            db,
            sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'runs'"
        )
        var references: [RunReference] = []
        for table in tables.sorted() {
            for key in try Row.fetchAll(db, sql: "PRAGMA foreign_key_list(\"\(table)\")")
            where (key["table"] as String?) == "runs" {
                references.append(RunReference(table: table, column: key["from"], runsColumn: key["to"] ?? "id"))
            }
        }
        return references
    }

    /// Whether free pages are worth giving back: at least a quarter of the file.
    ///
    /// Fewer are left for the next runs' rows to reuse, so a nightly run does not shrink and regrow the file.
    static func shouldVacuum(freePages: Int, pages: Int) -> Bool {
        freePages > 0 && freePages * 4 >= pages
    }

    /// Gives free pages back to the file system when `shouldVacuum` says so; returns whether it did.
    ///
    /// A database created before incremental vacuum (`auto_vacuum` NONE) is rewritten once with `VACUUM`, which
    /// also switches it to INCREMENTAL; after that `PRAGMA incremental_vacuum` moves pages and truncates. In WAL
    /// mode the file shrinks at the checkpoint, so one follows. https://sqlite.org/pragma.html#pragma_auto_vacuum
    func compact() throws(StorageError) -> Bool {
        do {
            return try writer.writeWithoutTransaction { db in
                let free = try Int.fetchOne(db, sql: "PRAGMA freelist_count") ?? 0
                let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
                guard Self.shouldVacuum(freePages: free, pages: pages) else { return false }
                if try Int.fetchOne(db, sql: "PRAGMA auto_vacuum") == 0 {
                    try db.execute(sql: "PRAGMA auto_vacuum = INCREMENTAL")
                    try db.execute(sql: "VACUUM")
                } else {
                    try db.execute(sql: "PRAGMA incremental_vacuum")
                }
                try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
                return true
            }
        } catch {
            throw Self.storageError(error, path: path, doing: "cannot compact the history")
        }
    }

    /// The earliest `evaluated_at` from which the history keeps every decision row, or nil when retention never ran.
    public func decisionsKeptSince() throws(StorageError) -> Date? {
        try read("read the history retention") { db in
            try String.fetchOne(db, sql: "SELECT decisions_kept_since FROM history_retention WHERE id = 1")
        }.flatMap(Self.date)
    }
}
