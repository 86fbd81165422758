import Foundation
import IdleStopCore
import Testing

@testable import IdleStopStorage

struct HistoryStoreNotificationTests {
    @Test func notificationsAreRecordedPerRunInOrderAndReadBack() throws {
        let store = try HistoryStore(path: try makeTemporaryFolder().appendingPathComponent("h.sqlite").path)
        try store.beginRun(makeRun("r-1", at: "2026-11-21T02:00:00Z"))
        try store.beginRun(makeRun("r-2", at: "2026-11-22T02:00:00Z"))
        let delivered = NotificationRecord(
            runID: "r-1",
            kind: .smn,
            target: "urn:smn:cn-north-4:p:ges-idle-stop",
            owner: nil,
            isDelivered: true,
            attempts: 1,
            error: nil,
            sentAt: utc("2026-11-21T02:05:00Z")
        )
        let failed = NotificationRecord(
            runID: "r-1",
            kind: .webhook,
            target: "https://hooks.slack.com/…",
            owner: "team-a",
            isDelivered: false,
            attempts: 3,
            error: "connection failed",
            sentAt: utc("2026-11-21T02:05:09Z")
        )
        try store.recordNotification(delivered)
        try store.recordNotification(failed)
        #expect(try store.notifications(runID: "r-1") == [delivered, failed])
        #expect(try store.notifications(runID: "r-2").isEmpty)
    }

    @Test func aNotificationOfAnUnknownRunIsRefused() throws {
        let store = try HistoryStore(path: try makeTemporaryFolder().appendingPathComponent("h.sqlite").path)
        let record = NotificationRecord(
            runID: "nope",
            kind: .smn,
            target: "t",
            owner: nil,
            isDelivered: true,
            attempts: 1,
            error: nil,
            sentAt: utc("2026-11-21T02:05:00Z")
        )
        #expect(throws: StorageError.self) { try store.recordNotification(record) }
    }
}
