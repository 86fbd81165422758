import Foundation
import GRDB
import IdleStopCore
import Testing

@testable import IdleStopStorage

struct HistoryStoreTests {
    let store: HistoryStore

    init() throws {
        store = try HistoryStore.inMemory()
    }

    func decisionRow(_ runID: String, _ graphID: String) throws -> Row? {
        try store.writer.read { db in
            try Row.fetchOne(
                db,
                sql: "SELECT * FROM decisions WHERE run_id = ? AND graph_id = ?",
                arguments: [runID, graphID]
            )
        }
    }

    @Test func recordsARunFromStartToFinish() throws {
        let run = RunInfo(
            id: "r-1",
            evaluatedAt: instant("2026-11-27T02:00:00Z"),
            startedAt: utc("2026-11-27T02:00:03Z"),
            mode: .live,
            command: "apply"
        )
        try store.beginRun(run)
        var started = try #require(try store.runs(since: .distantPast).first)
        #expect(!started.isFinished)
        #expect(started.command == "apply")
        #expect(started.startedAt == utc("2026-11-27T02:00:03Z"))
        #expect(started.finishedAt == nil)

        let decisions = [stopDecision("g-1"), stopDecision("g-2", price: Decimal(string: "12")!), keepDecision("g-3")]
        try store.recordDecisions(run: run, decisions)
        var final = decisions
        final[0].result = .requested
        final[1].result = .failed
        try store.finishRun(
            runID: "r-1",
            summary: RunSummary(decisions: final),
            exitStatus: 2,
            reportPath: "reports/r-1.csv",
            at: utc("2026-11-27T02:05:00Z")
        )
        started = try #require(try store.runs(since: .distantPast).first)
        #expect(started.isFinished)
        #expect(started.finishedAt == utc("2026-11-27T02:05:00Z"))
        #expect(started.exitStatus == 2)
        #expect(started.reportPath == "reports/r-1.csv")
        #expect(started.summary == RunSummary(decisions: final))
        #expect(started.summary.projectedSavings == ["USD": 30])
        let savingsText = try store.writer.read { try String.fetchOne($0, sql: "SELECT projected_savings FROM runs") }
        #expect(savingsText == #"{"USD":"30.00"}"#)
    }

    @Test func decisionRowsHoldTheReportCells() throws {
        let run = makeRun("r-1", at: "2026-11-27T02:00:00Z", mode: .dryRun)
        try store.beginRun(run)
        let decisions = [stopDecision("g-2", result: .dryRun), keepDecision("g-1", status: .stopped)]
        try store.recordDecisions(run: run, decisions)
        #expect(try store.reportRows(runID: "r-1") == CSVReportWriter.rows(run: run, decisions: decisions))
        let row = try #require(try decisionRow("r-1", "g-2"))
        #expect(row["hourly_price"] as String? == "1.25")
        #expect(row["projected_savings"] as String? == "30.00")
        #expect(row["job_id"] as String? == nil)
        let types = try store.writer.read { db in
            try String.fetchAll(
                db,
                sql: "SELECT DISTINCT typeof(hourly_price) FROM decisions WHERE hourly_price IS NOT NULL"
            )
        }
        #expect(types == ["text"])
    }

    @Test func intentThenOutcome() throws {
        let run = makeRun("r-1", at: "2026-11-27T02:00:00Z")
        try store.beginRun(run)
        try store.recordDecisions(run: run, [stopDecision("g-1"), stopDecision("g-2"), keepDecision("g-3")])
        try store.recordIntent(runID: "r-1", graphID: "g-1", at: utc("2026-11-27T02:00:10Z"))
        try store.recordIntent(runID: "r-1", graphID: "g-2", at: utc("2026-11-27T02:00:11Z"))
        var row = try #require(try decisionRow("r-1", "g-1"))
        #expect(row["result"] as String? == "unknown")
        #expect(row["sent_at"] as String? == "2026-11-27T02:00:10Z")
        #expect(row["answered_at"] as String? == nil)
        #expect(try store.unknownOutcomes().map(\.graphID) == ["g-1", "g-2"])

        try store.recordOutcome(
            runID: "r-1",
            graphID: "g-1",
            result: .requested,
            jobID: "job-9",
            errorCode: nil,
            errorMessage: nil,
            at: utc("2026-11-27T02:00:12Z")
        )
        try store.recordOutcome(
            runID: "r-1",
            graphID: "g-1",
            result: .confirmed,
            jobID: nil,
            errorCode: nil,
            errorMessage: nil,
            at: utc("2026-11-27T02:01:00Z")
        )
        row = try #require(try decisionRow("r-1", "g-1"))
        #expect(row["result"] as String? == "confirmed")
        #expect(row["job_id"] as String? == "job-9")
        #expect(row["answered_at"] as String? == "2026-11-27T02:01:00Z")

        // g-2's answer never came (a crash): it stays unknown, which is the truth.
        let unknown = try store.unknownOutcomes()
        #expect(
            unknown == [
                UnknownOutcome(runID: "r-1", graphID: "g-2", graphName: "name-g-2", sentAt: utc("2026-11-27T02:00:11Z"))
            ]
        )

        try store.recordOutcome(
            runID: "r-1",
            graphID: "g-2",
            result: .failed,
            jobID: nil,
            errorCode: "GES.8011",
            errorMessage: "busy",
            at: utc("2026-11-27T02:00:13Z")
        )
        row = try #require(try decisionRow("r-1", "g-2"))
        #expect(row["error_code"] as String? == "GES.8011")
        #expect(row["error_msg"] as String? == "busy")
        #expect(try store.unknownOutcomes().isEmpty)
    }

    @Test func intentAndOutcomeNeedAStopDecision() throws {
        let run = makeRun("r-1", at: "2026-11-27T02:00:00Z")
        try store.beginRun(run)
        try store.recordDecisions(run: run, [keepDecision("g-3")])
        #expect {
            try store.recordIntent(runID: "r-1", graphID: "g-3", at: Date())
        } throws: { error in
            (error as? StorageError)?.kind == .database && "\(error)".contains("no stop decision for graph g-3")
        }
        #expect(throws: StorageError.self) {
            try store.recordOutcome(
                runID: "r-9",
                graphID: "g-3",
                result: .requested,
                jobID: nil,
                errorCode: nil,
                errorMessage: nil,
                at: Date()
            )
        }
        #expect(throws: StorageError.self) {
            try store.finishRun(runID: "r-9", summary: RunSummary(), exitStatus: 0, reportPath: nil, at: Date())
        }
    }

    @Test func aRunIDIsUsedOnceAndDecisionsNeedTheirRun() throws {
        let run = makeRun("r-1", at: "2026-11-27T02:00:00Z")
        try store.beginRun(run)
        #expect {
            try store.beginRun(run)
        } throws: { error in
            (error as? StorageError)?.kind == .database && "\(error)".contains("record the start of run r-1")
        }
        #expect(throws: StorageError.self) {
            try store.recordDecisions(run: makeRun("r-2", at: "2026-11-27T02:00:00Z"), [keepDecision("g-1")])
        }
    }

    @Test func recordDecisionsIsAllOrNothing() throws {
        let run = makeRun("r-1", at: "2026-11-27T02:00:00Z")
        try store.beginRun(run)
        #expect(throws: StorageError.self) {
            try store.recordDecisions(run: run, [keepDecision("g-1"), keepDecision("g-2"), keepDecision("g-1")])
        }
        #expect(try store.reportRows(runID: "r-1").isEmpty)
    }

    @Test func graphHistoryFindsLastNotRunningAndLastStopByTheJob() throws {
        let runs = [
            ("r-1", "2026-11-10T02:00:00Z"), ("r-2", "2026-11-11T02:00:00Z"), ("r-3", "2026-11-12T02:00:00Z"),
            ("r-4", "2026-11-13T02:00:00Z"),
        ]
        for (id, time) in runs { try store.beginRun(makeRun(id, at: time)) }
        // r-1: the job stops g-1 (requested) and g-2 (failed); g-3 is only seen running.
        try store.recordDecisions(
            run: makeRun("r-1", at: runs[0].1),
            [stopDecision("g-1", result: .requested), stopDecision("g-2", result: .failed), keepDecision("g-3")]
        )
        // r-2: g-1 seen stopped; g-2 seen stopped; g-3 stop whose answer never came.
        try store.recordDecisions(
            run: makeRun("r-2", at: runs[1].1),
            [keepDecision("g-1", status: .stopped), keepDecision("g-2", status: .stopping), stopDecision("g-3")]
        )
        try store.recordIntent(runID: "r-2", graphID: "g-3", at: utc("2026-11-11T02:00:01Z"))
        // r-3: g-1 stopped again (dry-run, does not count); g-2 running.
        try store.recordDecisions(
            run: makeRun("r-3", at: runs[2].1),
            [stopDecision("g-1", result: .dryRun), keepDecision("g-2")]
        )
        // r-4: g-1 seen stopped once more.
        try store.recordDecisions(run: makeRun("r-4", at: runs[3].1), [keepDecision("g-1", status: .stopped)])

        let history = try store.graphHistory(
            graphIDs: ["g-1", "g-2", "g-3", "g-4"],
            since: instant("2026-11-01T00:00:00Z"),
            now: instant("2026-11-14T02:00:00Z")
        )
        #expect(
            history["g-1"]
                == GraphHistory(
                    lastSeenNotRunning: instant("2026-11-13T02:00:00Z"),
                    lastStop: instant("2026-11-10T02:00:00Z"),
                    lastStopResult: .requested
                )
        )
        #expect(
            history["g-2"]
                == GraphHistory(
                    lastSeenNotRunning: instant("2026-11-11T02:00:00Z"),
                    firstSeenRunning: instant("2026-11-12T02:00:00Z")
                )
        )
        #expect(history["g-3"] == GraphHistory(lastStop: instant("2026-11-11T02:00:00Z"), lastStopResult: .unknown))
        #expect(history["g-4"] == nil)
        #expect(
            history["g-1"]?.restartEvidence
                == RestartEvidence(
                    lastSeenNotRunning: instant("2026-11-13T02:00:00Z"),
                    lastStopByJob: instant("2026-11-10T02:00:00Z")
                )
        )

        let recent = try store.graphHistory(
            graphIDs: ["g-1", "g-2"],
            since: instant("2026-11-12T00:00:00Z"),
            now: instant("2026-11-14T02:00:00Z")
        )
        #expect(recent["g-1"] == GraphHistory(lastSeenNotRunning: instant("2026-11-13T02:00:00Z")))
        #expect(recent["g-2"] == nil)
        #expect(
            try store.graphHistory(
                graphIDs: [],
                since: instant("2000-01-01T00:00:00Z"),
                now: instant("2100-01-01T00:00:00Z")
            ).isEmpty
        )
    }

    @Test func graphHistoryHandlesManyGraphs() throws {
        let run = makeRun("r-1", at: "2026-11-10T02:00:00Z")
        try store.beginRun(run)
        let ids = (0..<1200).map { "g-\($0)" }
        try store.recordDecisions(run: run, ids.map { keepDecision($0, status: .stopped) })
        let history = try store.graphHistory(
            graphIDs: Set(ids),
            since: instant("2000-01-01T00:00:00Z"),
            now: instant("2100-01-01T00:00:00Z")
        )
        #expect(history.count == 1200)
        #expect(history["g-1199"]?.lastSeenNotRunning == instant("2026-11-10T02:00:00Z"))
    }

    @Test func runsSinceFiltersAndOrdersByEvaluationTime() throws {
        try store.beginRun(makeRun("b", at: "2026-11-12T02:00:00Z", mode: .dryRun))
        try store.beginRun(makeRun("a", at: "2026-11-10T02:00:00Z"))
        try store.beginRun(makeRun("c", at: "2026-11-14T02:00:00Z"))
        #expect(try store.runs(since: utc("2026-11-11T00:00:00Z")).map(\.id) == ["b", "c"])
        #expect(try store.runs(since: .distantPast).map(\.mode) == [.live, .dryRun, .live])
        #expect(try store.runs(since: utc("2026-12-01T00:00:00Z")).isEmpty)
    }

    @Test func savingsJSONRoundTrips() {
        let savings: [String: Decimal] = ["USD": Decimal(string: "30.5")!, "CNY": Decimal(string: "7")!]
        let text = HistoryStore.savingsJSON(savings)
        #expect(text == #"{"CNY":"7.00","USD":"30.50"}"#)
        #expect(HistoryStore.savings(fromJSON: text) == savings)
        #expect(HistoryStore.savings(fromJSON: "[1]") == nil)
    }

    @Test func aFileStoreWritesAheadAndSyncsEveryCommit() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("history.sqlite").path
        let store = try HistoryStore(path: path)
        let (journal, synchronous) = try store.writer.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"))
        }
        #expect(journal == "wal")
        #expect(synchronous == 2)  // FULL: the intent survives a power loss too, not only a killed process

        // A committed intent is visible to another connection (what a crash leaves behind) at once.
        let run = makeRun("r-1", at: "2026-11-27T02:00:00Z")
        try store.beginRun(run)
        try store.recordDecisions(run: run, [stopDecision("g-1")])
        try store.recordIntent(runID: "r-1", graphID: "g-1", at: utc("2026-11-27T02:00:01Z"))
        let other = try DatabaseQueue(path: path)
        let result = try other.read { db in
            try String.fetchOne(db, sql: "SELECT result FROM decisions WHERE run_id = 'r-1' AND graph_id = 'g-1'")
        }
        #expect(result == "unknown")
    }
}
