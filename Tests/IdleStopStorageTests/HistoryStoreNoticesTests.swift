import Foundation
import IdleStopCore
import Testing

@testable import IdleStopStorage

/// Which notices the history says still stand (docs/SPEC.md §4, notice period), read from a real SQLite file.
struct HistoryStoreNoticesTests {
    let store: HistoryStore

    init() throws {
        store = try HistoryStore(path: try makeTemporaryFolder().appendingPathComponent("history.sqlite").path)
    }

    /// Records run `id` at `time` with `decisions`; a replay's host clock is an hour from its `--now`.
    func record(
        _ id: String,
        at time: String,
        mode: RunInfo.Mode = .live,
        isReplay: Bool = false,
        _ decisions: [Decision]
    ) throws {
        var run = makeRun(id, at: time, mode: mode)
        if isReplay { run.startedAt = run.startedAt.addingTimeInterval(3600) }
        try store.beginRun(run)
        try store.recordDecisions(run: run, decisions)
    }

    /// A stop of graph `id` under a notice that started at `since`, with `result`.
    func noticed(_ id: String, since: String, result: StopResult? = .noticed) -> Decision {
        var decision = stopDecision(id, result: result)
        decision.noticeSince = instant(since)
        return decision
    }

    func notices(_ ids: Set<String>, now: String) throws -> [String: StandingNotice] {
        try store.standingNotices(graphIDs: ids, now: instant(now))
    }

    @Test func aRepeatedNoticeStandsFromItsFirstInstant() throws {
        try record("n-1", at: "2026-11-27T02:00:00Z", [noticed("g", since: "2026-11-27T02:00:00Z")])
        try record("n-2", at: "2026-11-28T02:00:00Z", [noticed("g", since: "2026-11-27T02:00:00Z")])
        #expect(
            try notices(["g"], now: "2026-11-29T02:00:00Z")
                == ["g": StandingNotice(since: instant("2026-11-27T02:00:00Z"), policy: "idle-dev-graphs")]
        )
        // The row stored in the history carries the instant for `report` and for a person reading the table.
        #expect(try store.reportRows(runID: "n-2").first?.cells.contains("noticed") == true)
    }

    @Test func aLaterRowWithoutTheNoticeOrASentStopEndsIt() throws {
        try record(
            "n-1",
            at: "2026-11-27T02:00:00Z",
            [
                noticed("a", since: "2026-11-27T02:00:00Z"), noticed("b", since: "2026-11-27T02:00:00Z"),
                noticed("c", since: "2026-11-27T02:00:00Z"),
            ]
        )
        try record(
            "n-2",
            at: "2026-11-28T02:00:00Z",
            [
                keepDecision("a"),
                noticed("b", since: "2026-11-27T02:00:00Z", result: .requested),
                noticed("c", since: "2026-11-27T02:00:00Z", result: .held),
            ]
        )
        let standing = try notices(["a", "b", "c"], now: "2026-11-29T02:00:00Z")
        // A held (or failed) stop was never sent: its notice still stands for the next run.
        #expect(Array(standing.keys) == ["c"])
        // As of before n-2, all three stood.
        #expect(try notices(["a", "b", "c"], now: "2026-11-27T12:00:00Z").count == 3)
    }

    @Test func dryRunsAndReplaysNeitherStartNorEndANotice() throws {
        try record("dry", at: "2026-11-26T02:00:00Z", mode: .dryRun, [noticed("fresh", since: "2026-11-26T02:00:00Z")])
        try record("n-1", at: "2026-11-27T02:00:00Z", [noticed("g", since: "2026-11-27T02:00:00Z")])
        try record("dry-busy", at: "2026-11-27T12:00:00Z", mode: .dryRun, [keepDecision("g")])
        try record("replay", at: "2026-11-27T13:00:00Z", isReplay: true, [keepDecision("g")])
        let standing = try notices(["fresh", "g"], now: "2026-11-28T02:00:00Z")
        #expect(standing == ["g": StandingNotice(since: instant("2026-11-27T02:00:00Z"), policy: "idle-dev-graphs")])
    }

    @Test func rowsEvaluatedAfterNowAreNotRead() throws {
        try record("n-1", at: "2026-11-27T02:00:00Z", [noticed("g", since: "2026-11-27T02:00:00Z")])
        #expect(try notices(["g"], now: "2026-11-27T01:59:59Z").isEmpty)
    }

    /// More graphs than one query names: the look-up goes in chunks of 500 and misses none.
    @Test func aLargeFleetIsReadInChunks() throws {
        let ids = (0..<1201).map { String(format: "g%04d", $0) }
        try record("n-1", at: "2026-11-27T02:00:00Z", ids.map { noticed($0, since: "2026-11-27T02:00:00Z") })
        #expect(try notices(Set(ids), now: "2026-11-28T02:00:00Z").count == 1201)
    }
}
