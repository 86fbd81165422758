import Foundation
import GRDB
import IdleStopCore
import Testing

@testable import IdleStopStorage

/// What the history says for the restart rule: when a graph ran again, and which runs are no evidence at all.
struct HistoryStoreRunningEvidenceTests {
    let store: HistoryStore

    init() throws {
        store = try HistoryStore.inMemory()
    }

    /// Records run `id` at `time` with `decisions`, its clock `offset` seconds from `--now` (a replay past 300 s).
    func record(
        _ id: String,
        at time: String,
        offset: TimeInterval = 0,
        source: RunClock.Source = .endpoint,
        mode: RunInfo.Mode = .live,
        _ decisions: [Decision]
    ) throws {
        let run = makeRun(id, at: time, mode: mode)
        let reference = run.evaluatedAt.date.addingTimeInterval(offset)
        try store.beginRun(
            run,
            clock: RunClock(
                reference: reference,
                source: source,
                host: reference,
                evaluatedAt: run.evaluatedAt,
                isNowGiven: true
            )
        )
        try store.recordDecisions(run: run, decisions)
    }

    func history(_ id: String, now: String) throws -> GraphHistory? {
        try store.graphHistory(graphIDs: [id], since: instant("2026-11-01T00:00:00Z"), now: instant(now))[id]
    }

    @Test func aRunSecondsLaterThanTheStopIsNotYetEvidenceOfRunning() throws {
        try record("r-0", at: "2026-11-27T02:15:00Z", [stopDecision("g", result: .requested)])
        let first = try #require(try history("g", now: "2026-11-28T02:15:03Z"))
        #expect(first == GraphHistory(lastStop: instant("2026-11-27T02:15:00Z"), lastStopResult: .requested))
        #expect(first.restartEvidence.restartReason(window: .hours(24), now: instant("2026-11-28T02:15:03Z")) != nil)

        try record("r-1", at: "2026-11-28T02:15:03Z", [keepDecision("g")])
        let second = try #require(try history("g", now: "2026-11-29T02:15:01Z"))
        #expect(second.firstSeenRunning == instant("2026-11-28T02:15:03Z"))
        #expect(second.restartEvidence.restartReason(window: .hours(24), now: instant("2026-11-29T02:15:01Z")) != nil)
        #expect(second.restartEvidence.restartReason(window: .hours(24), now: instant("2026-11-29T02:15:03Z")) == nil)
    }

    @Test func theFirstRunningRowAfterTheLastStoppedOneCounts() throws {
        try record("r-0", at: "2026-11-20T02:00:00Z", [stopDecision("g", result: .requested)])
        try record("r-1", at: "2026-11-21T02:00:00Z", [keepDecision("g")])
        try record("r-2", at: "2026-11-22T02:00:00Z", [keepDecision("g", status: .stopped)])
        try record("r-3", at: "2026-11-23T02:00:00Z", [keepDecision("g")])
        try record("r-4", at: "2026-11-24T02:00:00Z", [keepDecision("g")])
        let history = try #require(try history("g", now: "2026-11-25T02:00:00Z"))
        #expect(history.lastSeenNotRunning == instant("2026-11-22T02:00:00Z"))
        #expect(history.firstSeenRunning == instant("2026-11-23T02:00:00Z"))
    }

    @Test func replaysAndRowsAfterNowAreNoEvidence() throws {
        try record("r-0", at: "2026-11-27T02:00:00Z", [stopDecision("g", result: .requested)])
        // A dry-run replay of next year while the graph is stopped, and another that says it is running.
        try record("replay-1", at: "2027-01-01T00:00:00Z", offset: -3_000_000, mode: .dryRun, [keepDecision("g")])
        try record("replay-2", at: "2026-11-27T12:00:00Z", offset: 301, mode: .dryRun, [keepDecision("g")])
        try record("r-1", at: "2026-11-28T02:00:00Z", offset: 300, [keepDecision("g")])
        let history = try #require(try history("g", now: "2026-11-28T12:00:00Z"))
        #expect(history.lastStop == instant("2026-11-27T02:00:00Z"))
        #expect(history.firstSeenRunning == instant("2026-11-28T02:00:00Z"))
        // Before r-1, nothing has seen it running yet.
        #expect(try self.history("g", now: "2026-11-28T01:00:00Z")?.firstSeenRunning == nil)
        // A stop "in the future" is no stop: a replay of 2027 saw the graph stopped.
        try record("replay-3", at: "2027-01-02T00:00:00Z", offset: -3_000_000, [keepDecision("g", status: .stopped)])
        #expect(try self.history("g", now: "2026-11-28T12:00:00Z")?.lastSeenNotRunning == nil)
        #expect(try self.history("g", now: "2027-01-03T00:00:00Z")?.lastSeenNotRunning == nil)
    }

    @Test func anInventoryFileNeverShowsAGraphRunningButMayShowItStopped() throws {
        try record("r-0", at: "2026-11-27T02:00:00Z", [stopDecision("g", result: .requested)])
        try record("file", at: "2026-11-27T10:00:00Z", source: .inventoryFile, mode: .dryRun, [keepDecision("g")])
        #expect(try history("g", now: "2026-11-28T02:00:00Z")?.firstSeenRunning == nil)
        try record("file-2", at: "2026-11-27T11:00:00Z", source: .inventoryFile, [keepDecision("g", status: .stopped)])
        #expect(try history("g", now: "2026-11-28T02:00:00Z")?.lastSeenNotRunning == instant("2026-11-27T11:00:00Z"))
    }

    @Test func theFirstCloudEyeDatapointAfterTheStopIsFoundInEarlierRuns() throws {
        try record("r-0", at: "2026-11-27T02:15:00Z", [stopDecision("g", result: .requested)])
        try record("r-1", at: "2026-11-28T02:15:00Z", [keepDecision("g")])
        let hour: Int64 = 1_795_748_400  // 2026-11-27T03:00:00Z: too soon after the stop to prove anything
        try store.recordUsage(
            runID: "r-1",
            records: (0..<23).map {
                UsageRecord(graphID: "g", periodStart: hour + $0 * 3600, periodSeconds: 3600, requests: 0)
            }
        )
        try record("replay", at: "2026-11-27T06:00:00Z", offset: 86_400, mode: .dryRun, [keepDecision("g")])
        try store.recordUsage(
            runID: "replay",
            records: [UsageRecord(graphID: "g", periodStart: hour + 1800, periodSeconds: 60, requests: 0)]
        )
        let history = try #require(try history("g", now: "2026-11-29T02:00:00Z"))
        #expect(history.firstDatapointEnd == Instant(unixSeconds: hour + 7200))
        #expect(try self.history("g", now: "2026-11-27T04:00:00Z")?.firstDatapointEnd == nil)
    }

    @Test func migrationV3MarksOldRunsWhoseHostClockWasFarFromTheirEvaluation() throws {
        let queue = try DatabaseQueue()
        try HistoryStore.migrator.migrate(queue, upTo: "v2")
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO runs (id, command, mode, started_at, evaluated_at) VALUES
                        ('cron', 'run', 'live', '2026-11-27T02:00:04Z', '2026-11-27T02:00:00Z'),
                        ('replay', 'run', 'dry-run', '2026-11-27T09:00:00Z', '2027-01-01T00:00:00Z'),
                        ('late', 'run', 'dry-run', '2026-11-27T02:05:01Z', '2026-11-27T02:00:00Z')
                    """
            )
        }
        try HistoryStore.migrator.migrate(queue)
        let replays = try queue.read { db in
            try String.fetchAll(db, sql: "SELECT id FROM runs WHERE is_replay = 1 ORDER BY id")
        }
        #expect(replays == ["late", "replay"])
    }

    @Test func aRunRecordsItsReferenceClock() throws {
        try record("r-0", at: "2026-11-27T02:00:00Z", offset: 400, source: .endpoint, [keepDecision("g")])
        let row = try store.writer.read { db in
            try Row.fetchOne(db, sql: "SELECT clock_at_start, clock_source, is_replay FROM runs WHERE id = 'r-0'")
        }
        #expect(row?["clock_at_start"] as String? == "2026-11-27T02:06:40Z")
        #expect(row?["clock_source"] as String? == "endpoint")
        #expect(row?["is_replay"] as Int? == 1)
    }
}
