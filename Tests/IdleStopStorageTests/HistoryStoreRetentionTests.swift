import Foundation
import GRDB
import IdleStopCore
import Testing

@testable import IdleStopStorage

/// Retention on a real SQLite file: old rows go, the rows the restart rule, open outcomes and notices need stay,
/// runs another table still refers to stay, and the file shrinks.
struct HistoryStoreRetentionTests {
    let folder: URL
    let path: String
    let store: HistoryStore

    init() throws {
        folder = try makeTemporaryFolder()
        path = folder.appendingPathComponent("history.sqlite").path
        store = try HistoryStore(path: path)
    }

    /// Decisions before 2026-01-01 and usage records before 2026-10-01 may go.
    static let cutoffs = HistoryRetention.Cutoffs(
        usageBefore: instant("2026-10-01T00:00:00Z"),
        decisionsBefore: instant("2026-01-01T00:00:00Z")
    )

    func record(_ id: String, at time: String, _ decisions: [Decision]) throws {
        let run = makeRun(id, at: time)
        try store.beginRun(run)
        try store.recordDecisions(run: run, decisions)
    }

    func usage(_ graphID: String, at time: String) -> UsageRecord {
        UsageRecord(graphID: graphID, periodStart: instant(time).unixSeconds, periodSeconds: 3600, requests: 3)
    }

    func notification(_ runID: String) -> NotificationRecord {
        NotificationRecord(
            runID: runID,
            kind: .webhook,
            target: "https://hooks.example/…",
            owner: nil,
            isDelivered: true,
            attempts: 1,
            error: nil,
            sentAt: utc("2025-01-01T02:00:00Z")
        )
    }

    /// The (run, graph) pairs left in `decisions`.
    func rows() throws -> Set<String> {
        try Set(
            store.writer.read { db in
                try Row.fetchAll(db, sql: "SELECT run_id, graph_id FROM decisions").map { row in
                    "\(row["run_id"] as String)/\(row["graph_id"] as String)"
                }
            }
        )
    }

    func count(_ table: String) throws -> Int {
        try store.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0 }
    }

    @Test func oldRowsGoAndTheRowsStillNeededStay() throws {
        try record(
            "old-1",
            at: "2025-01-01T02:00:00Z",
            [
                keepDecision("g-busy"), keepDecision("g-parked", status: .stopped),
                stopDecision("g-stop", result: .requested), stopDecision("g-open", result: .unknown),
                keepDecision("g-notice"),
            ]
        )
        try store.writer.write { db in
            try db.execute(
                sql: """
                    UPDATE decision_rows SET result = 'noticed'
                    WHERE graph_key = (SELECT key FROM graph_keys WHERE graph_id = 'g-notice')
                    """
            )
        }
        try record(
            "old-2",
            at: "2025-01-02T02:00:00Z",
            [keepDecision("g-busy"), keepDecision("g-parked", status: .stopped), keepDecision("g-stop")]
        )
        try record("old-3", at: "2025-01-03T02:00:00Z", [keepDecision("g-busy")])
        try record("new", at: "2026-11-01T02:00:00Z", [keepDecision("g-busy"), keepDecision("g-stop")])
        try store.recordUsage(runID: "old-1", records: [usage("g-busy", at: "2025-01-01T01:00:00Z")])
        try store.recordUsage(runID: "new", records: [usage("g-busy", at: "2026-11-01T01:00:00Z")])
        for runID in ["old-1", "old-3"] { try store.recordNotification(notification(runID)) }

        let deleted = try store.applyRetention(Self.cutoffs, at: utc("2026-11-01T02:05:00Z"))

        #expect(
            try rows() == [
                "old-1/g-stop",  // the newest stop the job sent
                "old-1/g-open",  // an open unknown outcome
                "old-1/g-notice",  // a notice
                "old-2/g-parked",  // the newest row that saw the graph not running
                "new/g-busy", "new/g-stop",
            ]
        )
        #expect(deleted.decisions == 5)
        #expect(deleted.usageRecords == 1)
        #expect(deleted.runs == 1)
        #expect(deleted.notifications == 1)
        #expect(try store.runs(since: utc("2024-01-01T00:00:00Z")).map(\.id) == ["old-1", "old-2", "new"])
        #expect(try store.notifications(runID: "old-1").count == 1)
        #expect(try store.usageRecords(runID: "new").count == 1)
        #expect(try store.unknownOutcomes().map(\.graphID) == ["g-open"])
        #expect(try store.decisionsKeptSince() == utc("2026-01-01T00:00:00Z"))
    }

    @Test func aRunAnotherTableStillRefersToStays() throws {
        try record("old", at: "2025-01-01T02:00:00Z", [keepDecision("g-busy")])
        try store.writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO starts (run_id, evaluated_at, mode, graph_id)
                    VALUES ('old', '2025-01-01T02:00:00Z', 'live', 'g-busy');
                    """
            )
        }
        let deleted = try store.applyRetention(Self.cutoffs, at: utc("2026-11-01T02:05:00Z"))
        #expect(deleted.decisions == 1)
        #expect(deleted.runs == 0)
        #expect(try count("starts") == 1)
        #expect(try store.runs(since: utc("2024-01-01T00:00:00Z")).map(\.id) == ["old"])
    }

    @Test func nothingNewerThanTheCutoffsGoes() throws {
        try record("r", at: "2026-06-01T02:00:00Z", [keepDecision("g-busy")])
        try store.recordUsage(runID: "r", records: [usage("g-busy", at: "2026-06-01T01:00:00Z")])
        let deleted = try store.applyRetention(
            HistoryRetention.Cutoffs(
                usageBefore: instant("2026-06-01T02:00:00Z"),
                decisionsBefore: instant("2026-06-01T02:00:00Z")
            ),
            at: utc("2026-11-01T02:05:00Z")
        )
        #expect(deleted == HistoryStore.RetentionOutcome())
        #expect(try rows() == ["r/g-busy"])
        #expect(try count("usage_records") == 1)
    }

    /// The main file's size after a checkpoint moved the log into it.
    func fileSize(_ store: HistoryStore) throws -> Int {
        try store.writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        return try FileManager.default.attributesOfItem(atPath: try #require(store.path))[.size] as? Int ?? 0
    }

    /// Forty old nights of 300 graphs, and one recent one.
    func fillWithOldNights(_ store: HistoryStore) throws {
        for night in 0..<40 {
            let time = ReportFormat.timestamp(utc("2025-01-01T02:00:00Z").addingTimeInterval(Double(night) * 86_400))
            let run = makeRun("night-\(night)", at: time)
            try store.beginRun(run)
            try store.recordDecisions(run: run, (0..<300).map { keepDecision("g-\($0)") })
        }
        let run = makeRun("recent", at: "2026-11-01T02:00:00Z")
        try store.beginRun(run)
        try store.recordDecisions(run: run, (0..<300).map { keepDecision("g-\($0)") })
    }

    @Test func aNewFileShrinksByIncrementalVacuum() throws {
        #expect(try store.writer.read { try Int.fetchOne($0, sql: "PRAGMA auto_vacuum") } == 2)
        try fillWithOldNights(store)
        let before = try fileSize(store)
        let deleted = try store.applyRetention(Self.cutoffs, at: utc("2026-11-01T02:05:00Z"))
        #expect(deleted.vacuumed)
        #expect(try fileSize(store) * 5 < before)
        #expect(try count("decisions") == 300)
    }

    @Test func anOlderFileIsVacuumedOnceAndThenIncremental() throws {
        let oldPath = folder.appendingPathComponent("older.sqlite").path
        try HistoryV1Snapshot.write(to: oldPath)
        let older = try HistoryStore(path: oldPath)
        #expect(try older.writer.read { try Int.fetchOne($0, sql: "PRAGMA auto_vacuum") } == 0)
        try fillWithOldNights(older)
        let before = try fileSize(older)
        #expect(try older.applyRetention(Self.cutoffs, at: utc("2026-11-01T02:05:00Z")).vacuumed)
        #expect(try fileSize(older) * 5 < before)
        #expect(try older.writer.read { try Int.fetchOne($0, sql: "PRAGMA auto_vacuum") } == 2)
        #expect(try older.writer.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
    }

    @Test(arguments: [(0, 100, false), (24, 100, false), (25, 100, true), (100, 100, true)])
    func freePagesAreGivenBackFromAQuarterOfTheFile(free: Int, pages: Int, expected: Bool) {
        #expect(HistoryStore.shouldVacuum(freePages: free, pages: pages) == expected)
    }
}
