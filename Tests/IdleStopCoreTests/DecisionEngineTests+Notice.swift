import Foundation
import Testing

@testable import IdleStopCore

/// A policy's `notice:` in the engine: noticed graphs are not stops the trip-wire counts, and apply starts none.
@Suite struct DecisionEngineNoticeTests {
    static let noticedAt = Instant(unixSeconds: 1_795_744_800)  // 2026-11-27T02:00:00Z
    static let now = noticedAt.advanced(by: 86_400)
    static let day = TimeSpan.hours(24)

    /// Idle graphs `ids`, tagged `notice` (so the policy with a notice decides) plus `tags`, decided at `now`.
    static func decide(
        _ ids: [String],
        tags: [String: String] = ["notice": "yes"],
        notices: [String: StandingNotice] = [:],
        approved: Set<String>? = nil,
        dryRun: Bool = false
    ) throws -> [Decision] {
        let url = try #require(
            Bundle.module.url(forResource: "notice-policies", withExtension: "yml", subdirectory: "Fixtures/decisions")
        )
        let policies = try PolicySet.load(path: url.path)
        let graphs = ids.map { Graph(id: $0, name: $0, status: .running, sizeIndex: "1", tags: tags) }
        var usage: [String: GraphUsage] = [:]
        for id in ids {
            usage[id] = GraphUsage(graphID: id, windows: [day: WindowUsage(window: day, coveredSeconds: 86_400)])
        }
        let engine = DecisionEngine(policies: policies, prices: nil, now: now, isDryRun: dryRun)
        return engine.decide(graphs: graphs, usage: usage, notices: notices, approvedStops: approved)
    }

    static let passed = StandingNotice(since: noticedAt, policy: "idle-with-notice")

    @Test func theTripWireCountsStopsNotNotices() throws {
        let decisions = try Self.decide(["a", "b", "c", "d"], notices: ["d": Self.passed])
        #expect(decisions.map(\.result) == [.noticed, .noticed, .noticed, nil])
        #expect(decisions.allSatisfy { $0.kind == .stop })
        #expect(decisions.map(\.noticeSince) == [Self.now, Self.now, Self.now, Self.noticedAt])
        #expect(decisions[3].reason.contains("given at 2026-11-27T02:00:00Z has passed"))
        let summary = RunSummary(decisions: decisions)
        #expect((summary.stopped, summary.noticed, summary.held) == (1, 3, 0))
    }

    @Test func aPolicyWithoutANoticeStopsAtOnce() throws {
        let decisions = try Self.decide(["a"], tags: [:])
        #expect(decisions.map(\.result) == [nil])
        #expect(decisions[0].noticeSince == nil)
        #expect(decisions[0].policy == "idle")
    }

    @Test func aPostponementThatHoldsKeepsTheGraphAndOneThatEndedAfterTheNoticeClearsIt() throws {
        let holding = try Self.decide(
            ["a"],
            tags: ["notice": "yes", Postponement.tagKey: "2026-11-28T12:00:00Z"],
            notices: ["a": Self.passed]
        )
        #expect(holding[0].kind == .keep)
        let ended = try Self.decide(
            ["a"],
            tags: ["notice": "yes", Postponement.tagKey: "2026-11-27T12:00:00Z"],
            notices: ["a": Self.passed]
        )
        #expect(ended[0].result == .noticed)
        #expect(ended[0].noticeSince == Self.now)
        #expect(ended[0].reason.contains("a new notice: it was postponed until 2026-11-27T12:00:00Z"))
        #expect(ended[0].reason.hasSuffix("ended at 2026-11-27T12:00:00Z, ignored"))
    }

    /// `apply` keeps graphs outside its plan: a notice from an earlier run stands, a fresh one is not given.
    @Test func applyKeepsAStandingNoticeOutsideThePlanAndStartsNone() throws {
        let decisions = try Self.decide(
            ["fresh", "old", "planned"],
            notices: ["old": Self.passed],
            approved: ["planned"]
        )
        #expect(decisions.map(\.kind) == [.keep, .keep, .stop])
        #expect(decisions.map(\.noticeSince) == [nil, Self.noticedAt, Self.now])
        #expect(decisions[0].reason.hasPrefix("not in the reviewed plan (would now be noticed: noticed: "))
        #expect(decisions[1].reason.hasPrefix("not in the reviewed plan (would now stop: "))
        #expect(decisions[2].result == .noticed)
        #expect(decisions[2].reason.hasPrefix("changed since the review: noticed: "))
    }

    @Test func aDryRunShowsWouldBeNoticed() throws {
        let decisions = try Self.decide(["a"], dryRun: true)
        #expect(decisions[0].result == .noticed)
        #expect(decisions[0].reason.hasPrefix("would be noticed: may be stopped from 2026-11-29T01:00:00Z"))
    }
}
