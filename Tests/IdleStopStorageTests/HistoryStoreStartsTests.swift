import Foundation
import GRDB
import IdleStopCore
import Testing

@testable import IdleStopStorage

/// The `starts` table on a real SQLite file: what `start` may undo, and how a start ends a stop (docs/SPEC.md §5, §8).
struct HistoryStoreStartsTests {
    let store: HistoryStore
    let path: String

    init() throws {
        path = try makeTemporaryFolder().appendingPathComponent("history.sqlite").path
        store = try HistoryStore(path: path)
    }

    /// Records a `run` at `time` with `decisions`.
    func record(_ id: String, at time: String, _ decisions: [Decision], mode: RunInfo.Mode = .live) throws {
        let run = makeRun(id, at: time, mode: mode)
        try store.beginRun(run)
        try store.recordDecisions(run: run, decisions)
    }

    /// Records a `start` run at `time` that started `graphID` (intent, then `result`), undoing `stop`.
    func recordStart(
        _ id: String,
        at time: String,
        _ graphID: String,
        stop: JobStop?,
        result: StartResult,
        mode: RunInfo.Mode = .live
    ) throws {
        var run = makeRun(id, at: time, mode: mode)
        run.command = "start"
        var decision = StartDecision(
            graphID: graphID,
            graph: makeGraph(graphID, status: .stopped),
            stop: stop,
            result: mode == .dryRun ? .dryRun : nil,
            reason: "the job stopped it"
        )
        try store.beginRun(run)
        try store.recordStarts(run: run, [decision])
        guard mode == .live else { return }
        try store.recordStartIntent(runID: id, graphID: graphID, at: utc(time))
        decision.result = result
        decision.jobID = "job-\(id)"
        try store.recordStartOutcome(runID: id, graphID: graphID, decision: decision, at: utc(time))
        let summary = StartSummary(decisions: [decision])
        try store.finishStartRun(runID: id, summary: summary, exitStatus: 0, reportPath: nil, at: utc(time))
    }

    @Test func theMigrationAddsTheStartsTableAndTheStartCounts() throws {
        #expect(try store.appliedMigrations().contains("v6-starts"))
        try record("r-1", at: "2026-11-27T02:00:00Z", [stopDecision("g-1", result: .requested)])
        let stop = try #require(try store.jobStops(ofRun: "r-1", now: instant("2026-11-27T03:00:00Z")).first)
        try recordStart("s-1", at: "2026-11-27T10:00:00Z", "g-1", stop: stop, result: .requested)
        let queue = try DatabaseQueue(path: path)
        let row = try #require(try queue.read { try Row.fetchOne($0, sql: "SELECT * FROM starts") })
        #expect(row["result"] as String? == "requested")
        #expect(row["stop_run_id"] as String? == "r-1")
        #expect(row["stopped_at"] as String? == "2026-11-27T02:00:00Z")
        #expect(row["sent_at"] as String? == "2026-11-27T10:00:00Z")
        #expect(row["job_id"] as String? == "job-s-1")
        #expect(row["hourly_price"] as String? == "1.25")
        let run = try #require(try queue.read { try Row.fetchOne($0, sql: "SELECT * FROM runs WHERE id = 's-1'") })
        #expect(run["command"] as String? == "start")
        #expect(run["started"] as Int? == 1)
        #expect(run["status"] as String? == "finished")
        #expect(try store.startRows(runID: "s-1").map { $0[.decision] } == ["start"])
        let records = try store.runs(since: utc("2026-11-27T00:00:00Z"))
        #expect(records.map(\.starts?.started) == [nil, 1])
        #expect(records.last?.starts?.graphs == 1)
    }

    @Test func aRunsStopsAreWhatItStoppedAndMayHaveStopped() throws {
        try record(
            "r-1",
            at: "2026-11-27T02:00:00Z",
            [
                stopDecision("g-1", result: .requested), stopDecision("g-2", result: .confirmed),
                stopDecision("g-3", result: .unknown), stopDecision("g-4", result: .failed),
                stopDecision("g-5", result: .alreadyStopped), stopDecision("g-6", result: .held), keepDecision("g-7"),
            ]
        )
        let now = instant("2026-11-27T09:00:00Z")
        #expect(try store.jobStops(ofRun: "r-1", now: now).map(\.graphID) == ["g-1", "g-2", "g-3"])
        #expect(try store.latestJobStops(ofGraphs: ["g-2", "g-4", "g-7", "nope"], now: now).map(\.graphID) == ["g-2"])
        #expect(try store.latestJobStops(since: instant("2026-11-27T01:00:00Z"), now: now).count == 3)
        #expect(try store.latestJobStops(since: instant("2026-11-27T03:00:00Z"), now: now).isEmpty)
        // A dry run stopped nothing.
        try record("r-2", at: "2026-11-27T03:00:00Z", [stopDecision("g-8", result: .dryRun)], mode: .dryRun)
        #expect(try store.latestJobStops(ofGraphs: ["g-8"], now: now).isEmpty)
        #expect(try store.stoppingRun(id: "r-2")?.mode == .dryRun)
        #expect(try store.stoppingRun(id: "r-9") == nil)
    }

    @Test func aGraphSeenRunningOrConfirmedStartedSinceTheStopRanAgain() throws {
        try record("r-1", at: "2026-11-27T02:00:00Z", [stopDecision("g-1", result: .requested)])
        let firstStop = try #require(try store.jobStops(ofRun: "r-1", now: instant("2026-11-27T03:00:00Z")).first)
        #expect(firstStop.ranAgainAt == nil)
        try record("r-2", at: "2026-11-28T02:00:00Z", [keepDecision("g-1")])
        let seen = try store.jobStops(ofRun: "r-1", now: instant("2026-11-28T03:00:00Z")).first
        #expect(seen?.ranAgainAt == instant("2026-11-28T02:00:00Z"))
        // Rows evaluated after `now` are no evidence.
        #expect(try store.jobStops(ofRun: "r-1", now: instant("2026-11-27T03:00:00Z")).first?.ranAgainAt == nil)

        try record("r-3", at: "2026-11-29T02:00:00Z", [stopDecision("g-1", result: .requested)])
        let stop = try #require(try store.latestJobStops(ofGraphs: ["g-1"], now: instant("2026-11-29T03:00:00Z")).first)
        #expect(stop.runID == "r-3")
        try recordStart("s-1", at: "2026-11-29T04:00:00Z", "g-1", stop: stop, result: .requested)
        // A start only requested may not have taken: the stop may still be undone.
        #expect(
            try store.latestJobStops(ofGraphs: ["g-1"], now: instant("2026-11-29T05:00:00Z")).first?.ranAgainAt == nil
        )
        try recordStart("s-2", at: "2026-11-29T06:00:00Z", "g-1", stop: stop, result: .confirmed)
        let after = try store.latestJobStops(ofGraphs: ["g-1"], now: instant("2026-11-29T07:00:00Z")).first
        #expect(after?.ranAgainAt == instant("2026-11-29T06:00:00Z"))
    }

    @Test func aStartEndsTheStopsRealizedSavingsAtItsInstant() throws {
        try record("r-1", at: "2026-11-27T02:00:00Z", [stopDecision("g-1", result: .requested)])
        try record("r-2", at: "2026-11-28T02:00:00Z", [keepDecision("g-1")])
        let full = try store.realizedSavings(since: utc("2026-11-01T00:00:00Z"), until: utc("2026-12-01T00:00:00Z"))
        #expect(full.map(\.stoppedSeconds).reduce(0, +) == 24 * 3600)
        // A dry-run start changes nothing; a live one at 10:00 ends the stop there (8h at 1.25 USD/h).
        let stop = try #require(try store.jobStops(ofRun: "r-1", now: instant("2026-11-27T09:00:00Z")).first)
        try recordStart("s-0", at: "2026-11-27T09:00:00Z", "g-1", stop: stop, result: .dryRun, mode: .dryRun)
        let unchanged = try store.realizedSavings(
            since: utc("2026-11-01T00:00:00Z"),
            until: utc("2026-12-01T00:00:00Z")
        )
        #expect(unchanged == full)
        try recordStart("s-1", at: "2026-11-27T10:00:00Z", "g-1", stop: stop, result: .requested)
        let savings = try store.realizedSavings(since: utc("2026-11-01T00:00:00Z"), until: utc("2026-12-01T00:00:00Z"))
        #expect(savings.map(\.stoppedSeconds) == [8 * 3600])
        #expect(savings.map(\.amount) == [10])
    }

    @Test func aStartCountsForTheRestartRuleAsAStartByAPerson() throws {
        try record("r-1", at: "2026-11-27T02:00:00Z", [stopDecision("g-1", result: .requested)])
        let stop = try #require(try store.jobStops(ofRun: "r-1", now: instant("2026-11-27T09:00:00Z")).first)
        try recordStart("s-1", at: "2026-11-27T10:00:00Z", "g-1", stop: stop, result: .requested)
        let now = instant("2026-11-28T02:00:00Z")
        let history = try store.graphHistory(graphIDs: ["g-1"], since: instant("2026-11-19T00:00:00Z"), now: now)
        let evidence = try #require(history["g-1"]?.restartEvidence)
        #expect(evidence.lastStartByCommand == instant("2026-11-27T10:00:00Z"))
        #expect(evidence.lastKnownNotRunning == instant("2026-11-27T10:00:00Z"))
        let reason = try #require(evidence.restartReason(window: .hours(24), now: now))
        #expect(reason.contains("started by a person with `ges-idle-stop start` at 2026-11-27T10:00:00Z, 8h after"))
    }
}
