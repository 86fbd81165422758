import Foundation
import IdleStopTestSupport
import Testing

@testable import IdleStopCore

/// Builds the engine's inputs from the fixtures in Fixtures/decisions and small in-line graphs.
private struct Scenario {
    static let now = Instant(unixSeconds: 1_795_744_800)  // 2026-11-27T02:00:00Z
    static let day = TimeSpan.hours(24)

    static func policies() throws -> PolicySet {
        try PolicySet.load(path: Fixtures(.module).path("decisions/policies.yml"))
    }

    static func prices() throws -> PriceTable {
        try PriceTable.load(path: Fixtures(.module).path("decisions/pricing.yml"))
    }

    static func graph(
        _ id: String,
        env: String = "dev",
        status: GraphStatus = .running,
        size: String = "1",
        product: String = "InMemory",
        replication: Int = 1,
        tags: [String: String] = [:]
    ) -> Graph {
        var allTags = tags
        allTags["env"] = env
        return Graph(
            id: id,
            name: id,
            status: status,
            productType: product,
            sizeIndex: size,
            replication: replication,
            created: now.advanced(by: -30 * 86_400),
            tags: allTags
        )
    }

    static func usage(_ id: String, requests: Double = 0, covered: Int64 = 86_400) -> GraphUsage {
        GraphUsage(
            graphID: id,
            windows: [day: WindowUsage(window: day, coveredSeconds: covered, requests: requests)],
            lastActivity: nil
        )
    }

    static func engine(dryRun: Bool = false) throws -> DecisionEngine {
        DecisionEngine(policies: try policies(), prices: try prices(), now: now, isDryRun: dryRun)
    }
}

@Suite struct DecisionEngineTests {
    @Test func idleDevGraphIsStoppedWithTheNumbersThatDecided() throws {
        let decisions = try Scenario.engine().decide(
            graphs: [Scenario.graph("a"), Scenario.graph("busy1"), Scenario.graph("busy2"), Scenario.graph("busy3")],
            usage: [
                "a": Scenario.usage("a"), "busy1": Scenario.usage("busy1", requests: 5),
                "busy2": Scenario.usage("busy2", requests: 5), "busy3": Scenario.usage("busy3", requests: 5),
            ]
        )
        let stop = decisions[0]
        #expect(stop.kind == .stop)
        #expect(stop.result == nil)
        #expect(stop.policy == "idle-dev")
        #expect(stop.reason.contains("0 requests in the last 24h"))
        #expect(stop.reason.contains("100%"))
        #expect(stop.reason.hasSuffix("policy idle-dev"))
        #expect(stop.hourlyPrice == Decimal(string: "1.25"))
        #expect(stop.projectedSavings == Decimal(string: "30"))
        #expect(stop.window == .hours(24))
        #expect(stop.coverage == 1)
        #expect(decisions[1].kind == .keep)
        #expect(decisions[1].reason.contains("5 requests"))
    }

    @Test func dryRunMarksStopsAsDryRun() throws {
        let graphs = ["a", "b", "c", "d"].map { Scenario.graph($0, env: $0 == "a" ? "dev" : "qa") }
        let decisions = try Scenario.engine(dryRun: true).decide(graphs: graphs, usage: ["a": Scenario.usage("a")])
        #expect(decisions[0].kind == .stop)
        #expect(decisions[0].result == .dryRun)
    }

    @Test(arguments: [
        (Scenario.graph("db", size: "6", product: "Persistence"), "database edition: the stop API does not apply"),
        (Scenario.graph("off", status: .stopped), "not running (status 900 stopped)"),
        (Scenario.graph("keep", tags: ["keep-running": "true"]), "protected"),
        (Graph(id: "reco", name: "prod-recommendations", status: .running, sizeIndex: "1"), "protected"),
    ])
    func hardRulesSkipBeforeAnyPolicy(graph: Graph, reason: String) throws {
        let decisions = try Scenario.engine().decide(graphs: [graph], usage: [graph.id: Scenario.usage(graph.id)])
        #expect(decisions[0].kind == .skip)
        #expect(decisions[0].reason.contains(reason))
    }

    @Test func tooLittleCoverageIsNotIdleness() throws {
        let decisions = try Scenario.engine().decide(
            graphs: [Scenario.graph("half")],
            usage: ["half": Scenario.usage("half", covered: 43_200)]
        )
        #expect(decisions[0].kind == .keep)
        #expect(decisions[0].reason.hasPrefix("insufficient usage data: 50% of 24h covered, 90% required"))
        #expect(decisions[0].coverage == 0.5)
    }

    @Test func noUsageAtAllKeepsTheGraph() throws {
        let decisions = try Scenario.engine().decide(graphs: [Scenario.graph("silent")], usage: [:])
        #expect(decisions[0].kind == .keep)
        #expect(decisions[0].reason.contains("insufficient usage data"))
    }

    @Test func reportPolicyFlagsAndNeverStops() throws {
        let decisions = try Scenario.engine().decide(
            graphs: [Scenario.graph("p", env: "prod")],
            usage: ["p": Scenario.usage("p")]
        )
        #expect(decisions[0].kind == .flag)
        #expect(decisions[0].result == nil)
        #expect(decisions[0].projectedSavings == Decimal(30), "what stopping it would save, for the person deciding")
        #expect(decisions[0].reason.contains("policy flag-prod"))
    }

    @Test func aGraphKeptByALaterPolicyNamesThePoliciesThatPassedItOver() throws {
        let decisions = try Scenario.engine().decide(
            graphs: [Scenario.graph("p", env: "prod")],
            usage: ["p": Scenario.usage("p", covered: 3600)]
        )
        #expect(decisions[0].kind == .keep)
        #expect(decisions[0].reason.hasPrefix("insufficient usage data"), "\(decisions[0].reason)")
        #expect(decisions[0].reason.contains("(policy flag-prod); passed over by idle-dev: "), "\(decisions[0].reason)")
    }

    @Test func aPostponeTagKeepsAnIdleGraphUntilItsDate() throws {
        let graph = Scenario.graph("a", tags: [Postponement.tagKey: "2026-12-24"])
        let decisions = try Scenario.engine().decide(graphs: [graph], usage: ["a": Scenario.usage("a")])
        #expect(decisions[0].kind == .keep)
        #expect(decisions[0].reason.contains("ges-idle-stop-postpone=\"2026-12-24\" until 2026-12-25T00:00:00Z"))
    }

    @Test func aPostponeTagThatHasPassedIsIgnoredAndSaidSo() throws {
        let graphs = [
            Scenario.graph("a", tags: [Postponement.tagKey: "2026-11-20"]), Scenario.graph("b", env: "qa"),
            Scenario.graph("c", env: "qa"),
        ]
        let decisions = try Scenario.engine().decide(graphs: graphs, usage: ["a": Scenario.usage("a")])
        #expect(decisions[0].kind == .stop)
        #expect(
            decisions[0].reason.hasSuffix(
                "ges-idle-stop-postpone=\"2026-11-20\" ended at 2026-11-21T00:00:00Z, ignored"
            )
        )
    }

    @Test func anUnreadablePostponeTagKeepsTheGraph() throws {
        let graph = Scenario.graph("a", tags: [Postponement.tagKey: "after xmas"])
        let decisions = try Scenario.engine().decide(graphs: [graph], usage: ["a": Scenario.usage("a")])
        #expect(decisions[0].kind == .keep)
        #expect(decisions[0].reason.contains("neither a date"))
    }

    @Test func noMatchingPolicyKeepsWithEachPolicysReason() throws {
        let decisions = try Scenario.engine().decide(
            graphs: [Scenario.graph("q", env: "qa")],
            usage: ["q": Scenario.usage("q")]
        )
        #expect(decisions[0].kind == .keep)
        #expect(decisions[0].reason.hasPrefix("no policy matched: idle-dev:"))
        #expect(decisions[0].reason.contains("flag-prod:"))
    }

    @Test func taintedGraphsAreNeverStopped() throws {
        let decisions = try Scenario.engine().decide(
            graphs: [Scenario.graph("a")],
            usage: ["a": Scenario.usage("a")],
            tainted: ["a"]
        )
        #expect(decisions[0].kind == .keep)
        #expect(decisions[0].reason.contains("malformed usage rows"))
    }

    @Test func unknownPriceIsSaidNotZeroed() throws {
        let graphs = [Scenario.graph("big", size: "3"), Scenario.graph("x", env: "qa"), Scenario.graph("y", env: "qa")]
        let decisions = try Scenario.engine().decide(graphs: graphs, usage: ["big": Scenario.usage("big")])
        #expect(decisions[0].kind == .stop)
        #expect(decisions[0].projectedSavings == nil)
        #expect(decisions[0].hourlyPrice == nil)
        #expect(decisions[0].reason.contains("savings unknown"))
    }

    @Test func priceScalesWithReplicasAndHorizonIsCapped() throws {
        var engine = try Scenario.engine()
        engine = DecisionEngine(
            policies: engine.policies,
            prices: engine.prices,
            horizon: .hours(500),
            now: Scenario.now,
            isDryRun: false
        )
        let graphs = [
            Scenario.graph("r", replication: 3), Scenario.graph("x", env: "qa"), Scenario.graph("y", env: "qa"),
        ]
        let decisions = engine.decide(graphs: graphs, usage: ["r": Scenario.usage("r")])
        #expect(decisions[0].hourlyPrice == Decimal(string: "3.75"))
        #expect(decisions[0].projectedSavings == Decimal(string: "630"))  // 3.75 × 168h
    }

    @Test func tripWireHoldsEveryStopAboveTheCount() throws {
        let ids = (1...4).map { "g\($0)" }
        let graphs = ids.map { Scenario.graph($0) } + (1...6).map { Scenario.graph("busy\($0)", env: "qa") }
        let usage = Dictionary(uniqueKeysWithValues: ids.map { ($0, Scenario.usage($0)) })
        let decisions = try Scenario.engine().decide(graphs: graphs, usage: usage)
        let stops = decisions.filter { $0.kind == .stop }
        #expect(stops.count == 4)
        #expect(stops.allSatisfy { $0.result == .held })
        #expect(stops[0].reason.contains("4 stops would exceed max_stops_per_run 3"))
    }

    @Test func tripWireHoldsAboveTheShareOfRunningGraphs() throws {
        let graphs = [
            Scenario.graph("a"), Scenario.graph("b"), Scenario.graph("c", env: "qa"),
            Scenario.graph("off", status: .stopped),
        ]
        let decisions = try Scenario.engine().decide(
            graphs: graphs,
            usage: ["a": Scenario.usage("a"), "b": Scenario.usage("b")]
        )
        // 2 of 3 running graphs is more than half.
        #expect(decisions.filter { $0.result == .held }.count == 2)
        #expect(decisions[0].reason.contains("2 of 3 running graphs would exceed max_stop_share 0.5"))
    }

    @Test func exactlyAtTheLimitsNothingIsHeld() throws {
        let graphs = [Scenario.graph("a"), Scenario.graph("b", env: "qa")]
        let decisions = try Scenario.engine().decide(graphs: graphs, usage: ["a": Scenario.usage("a")])
        #expect(decisions[0].kind == .stop)
        #expect(decisions[0].result == nil)
    }

    @Test func graphSeenStoppedInsideTheWindowIsKeptAfterAutomaticRestart() throws {
        let stop = Scenario.now.advanced(by: -180 * 3600)
        let seen = Scenario.now.advanced(by: -12 * 3600)  // still stopped 7 days after the stop
        let graphs = [Scenario.graph("a"), Scenario.graph("x", env: "qa"), Scenario.graph("y", env: "qa")]
        let decisions = try Scenario.engine().decide(
            graphs: graphs,
            usage: ["a": Scenario.usage("a")],
            history: ["a": RestartEvidence(lastSeenNotRunning: seen, lastStopByJob: stop)]
        )
        #expect(decisions[0].kind == .keep)
        #expect(decisions[0].reason.contains("automatic restart after 7 days"))
    }

    @Test func graphStartedBySomeoneEarlyGetsTheGrace() throws {
        let stop = Scenario.now.advanced(by: -20 * 3600)
        let seen = Scenario.now.advanced(by: -10 * 3600)
        let graphs = [Scenario.graph("a"), Scenario.graph("x", env: "qa"), Scenario.graph("y", env: "qa")]
        let decisions = try Scenario.engine().decide(
            graphs: graphs,
            usage: ["a": Scenario.usage("a")],
            history: ["a": RestartEvidence(lastSeenNotRunning: seen, lastStopByJob: stop)]
        )
        #expect(decisions[0].kind == .keep)
        #expect(decisions[0].reason.contains("started 10-20h after the job stopped it"))
    }

    @Test func stopsAgainOnceAWholeWindowOfRunningEvidenceExists() throws {
        let stop = Scenario.now.advanced(by: -9 * 86_400)
        let seen = Scenario.now.advanced(by: -25 * 3600)  // last seen stopped before the 24h window
        let running = Scenario.now.advanced(by: -24 * 3600)  // and seen running a whole window ago
        let graphs = [Scenario.graph("a"), Scenario.graph("x", env: "qa"), Scenario.graph("y", env: "qa")]
        let decisions = try Scenario.engine().decide(
            graphs: graphs,
            usage: ["a": Scenario.usage("a")],
            history: ["a": RestartEvidence(lastSeenNotRunning: seen, lastStopByJob: stop, firstSeenRunning: running)]
        )
        #expect(decisions[0].kind == .stop)
        // Without a run that saw it running, this run is the first: the whole window starts now.
        let first = try Scenario.engine().decide(
            graphs: graphs,
            usage: ["a": Scenario.usage("a")],
            history: ["a": RestartEvidence(lastSeenNotRunning: seen, lastStopByJob: stop)]
        )
        #expect(first[0].kind == .keep)
    }

    @Test func reviewedPlanStopsOnlyApprovedGraphsThatAreStillIdle() throws {
        let graphs = [
            Scenario.graph("approved"), Scenario.graph("unreviewed"), Scenario.graph("busy-now"),
            Scenario.graph("x", env: "qa"), Scenario.graph("y", env: "qa"), Scenario.graph("z", env: "qa"),
        ]
        let usage = [
            "approved": Scenario.usage("approved"), "unreviewed": Scenario.usage("unreviewed"),
            "busy-now": Scenario.usage("busy-now", requests: 40),
        ]
        let decisions = try Scenario.engine().decide(
            graphs: graphs,
            usage: usage,
            approvedStops: ["approved", "busy-now"]
        )
        #expect(decisions[0].kind == .stop)
        #expect(decisions[1].kind == .keep)
        #expect(decisions[1].reason.hasPrefix("not in the reviewed plan"))
        #expect(decisions[2].kind == .keep)
        #expect(decisions[2].reason.hasPrefix("changed since the review: "))
    }

    @Test func addingRequestsNeverTurnsKeepIntoStop() throws {
        let engine = try Scenario.engine()
        let filler = [Scenario.graph("x", env: "qa"), Scenario.graph("y", env: "qa")]
        for base in [0.0, 1, 3, 50] {
            for extra in [0.0, 1, 7, 1000] {
                let before = engine.decide(
                    graphs: [Scenario.graph("g")] + filler,
                    usage: ["g": Scenario.usage("g", requests: base)]
                )[0]
                let after = engine.decide(
                    graphs: [Scenario.graph("g")] + filler,
                    usage: ["g": Scenario.usage("g", requests: base + extra)]
                )[0]
                if before.kind == .keep { #expect(after.kind == .keep) }
            }
        }
    }
}
