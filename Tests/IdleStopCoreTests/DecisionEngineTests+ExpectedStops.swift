import Foundation
import Testing

@testable import IdleStopCore

/// `apply --expect-stops N`: an operator's count of a reviewed plan replaces the trip-wire's limits.
@Suite struct DecisionEngineExpectedStopsTests {
    static let now = Instant(unixSeconds: 1_795_744_800)
    static let day = TimeSpan.hours(24)

    /// Five idle graphs and one busy one, under limits that allow at most two stops.
    static func decide(approved: Set<String>, expectedStops: Int?) throws -> [Decision] {
        let policies = try PolicySet.parse(
            yaml: """
                version: 1
                limits: { max_stops_per_run: 2, max_stop_share: 0.5 }
                policies:
                  - name: idle
                    match: [ { idle: { window: 24h } } ]
                    action: stop

                """,
            file: "p.yml"
        )
        let ids = ["a", "b", "c", "d", "e", "busy"]
        let graphs = ids.map { Graph(id: $0, name: $0, status: .running, sizeIndex: "1") }
        var usage: [String: GraphUsage] = [:]
        for id in ids {
            let window = WindowUsage(window: day, coveredSeconds: 86_400, requests: id == "busy" ? 5 : 0)
            usage[id] = GraphUsage(graphID: id, windows: [day: window])
        }
        let engine = DecisionEngine(policies: policies, prices: nil, now: now, isDryRun: false)
        return engine.decide(graphs: graphs, usage: usage, approvedStops: approved, expectedStops: expectedStops)
    }

    @Test func theExpectedCountReleasesStopsAboveTheLimits() throws {
        let decisions = try Self.decide(approved: ["a", "b", "c", "d", "busy"], expectedStops: 4)
        let stops = decisions.filter { $0.kind == .stop }
        #expect(stops.map(\.graph.id) == ["a", "b", "c", "d"])
        #expect(stops.allSatisfy { $0.result == nil })
    }

    @Test(arguments: [3, 5, 0])
    func anyOtherCountHoldsEveryStopAndSaysBothNumbers(expected: Int) throws {
        let decisions = try Self.decide(approved: ["a", "b", "c", "d", "busy"], expectedStops: expected)
        let stops = decisions.filter { $0.kind == .stop }
        #expect(stops.count == 4)
        #expect(stops.allSatisfy { $0.result == .held })
        let why = "held by the trip-wire: --expect-stops \(expected), but the re-check says to stop 4 approved graph(s)"
        #expect(stops.allSatisfy { $0.reason.hasSuffix(why) })
    }

    @Test func withoutTheFlagTheLimitsHoldAsBefore() throws {
        let decisions = try Self.decide(approved: ["a", "b", "c"], expectedStops: nil)
        let stops = decisions.filter { $0.kind == .stop }
        #expect(stops.count == 3)
        #expect(stops.allSatisfy { $0.result == .held && $0.reason.contains("exceed max_stops_per_run 2") })
    }

    @Test func theMismatchSentenceNamesBothNumbers() {
        #expect(DecisionEngine.expectedStopsMismatch(expected: 2, stops: 2) == nil)
        #expect(
            DecisionEngine.expectedStopsMismatch(expected: 2, stops: 0)
                == "--expect-stops 2, but the re-check says to stop 0 approved graph(s)"
        )
    }
}
