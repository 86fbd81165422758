import Foundation
import GRDB

extension HistoryStore {
    /// Records one notification's outcome.
    public func recordNotification(_ record: NotificationRecord) throws(StorageError) {
        try write("record a notification of run \(record.runID)") { db in
            try db.execute(
                sql: """
                    INSERT INTO notifications (run_id, kind, target, owner, status, attempts, error, sent_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    record.runID, record.kind.rawValue, record.target, record.owner,
                    record.isDelivered ? "ok" : "failed", record.attempts, record.error,
                    ReportFormat.timestamp(record.sentAt),
                ]
            )
        }
    }

    /// The notifications of a run, in the order they were recorded.
    public func notifications(runID: String) throws(StorageError) -> [NotificationRecord] {
        try read("read the notifications of run \(runID)") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT kind, target, owner, status, attempts, error, sent_at FROM notifications
                    WHERE run_id = ? ORDER BY rowid
                    """,
                arguments: [runID]
            ).map { row in
                NotificationRecord(
                    runID: runID,
                    kind: NotificationRecord.Kind(rawValue: row["kind"]) ?? .webhook,
                    target: row["target"],
                    owner: row["owner"],
                    isDelivered: (row["status"] as String) == "ok",
                    attempts: row["attempts"],
                    error: row["error"],
                    sentAt: ReportFormat.date(from: row["sent_at"]) ?? Date(timeIntervalSince1970: 0)
                )
            }
        }
    }
}
