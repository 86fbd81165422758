import Testing

@testable import IdleStopCore

/// Which graphs `ges-idle-stop start` brings back (docs/SPEC.md §1): only what the job stopped and is still stopped.
struct StartPlannerTests {
    static let stoppedAt = Instant(unixSeconds: 1_795_744_800)  // 2026-11-27T02:00:00Z

    static func graph(_ id: String, _ status: GraphStatus) -> Graph {
        Graph(id: id, name: "name-\(id)", status: status, sizeIndex: "1")
    }

    static func stop(_ id: String, ranAgainAt: Instant? = nil) -> JobStop {
        JobStop(
            graphID: id,
            graphName: "name-\(id)",
            runID: "0000000000a1",
            stoppedAt: stoppedAt,
            result: .requested,
            ranAgainAt: ranAgainAt
        )
    }

    @Test func aGraphTheJobStoppedAndGESListsStoppedIsStarted() throws {
        let decisions = StartPlanner.plan(
            graphIDs: ["g1"],
            stops: ["g1": Self.stop("g1")],
            graphs: [Self.graph("g1", .stopped)],
            isDryRun: false
        )
        let decision = try #require(decisions.first)
        #expect(decision.result == nil)
        #expect(
            decision.reason == "the job stopped it at 2026-11-27T02:00:00Z in run 0000000000a1 (result requested) "
                + "and GES lists it stopped (900)"
        )
        let dry = StartPlanner.plan(
            graphIDs: ["g1"],
            stops: ["g1": Self.stop("g1")],
            graphs: [Self.graph("g1", .stopped)],
            isDryRun: true
        )
        #expect(dry.first?.result == .dryRun)
    }

    @Test func aGraphTheJobNeverStoppedIsRefusedWhateverItsStatus() {
        for status in [GraphStatus.stopped, .running] {
            let decisions = StartPlanner.plan(
                graphIDs: ["g1"],
                stops: [:],
                graphs: [Self.graph("g1", status)],
                isDryRun: false
            )
            #expect(decisions.first?.result == .refused)
            #expect(decisions.first?.reason.hasPrefix("the history has no stop of this graph by the job") == true)
        }
    }

    @Test func runningOrStartingIsAlreadyRunningAndNothingIsSent() {
        let decisions = StartPlanner.plan(
            graphIDs: ["g1", "g2"],
            stops: ["g1": Self.stop("g1"), "g2": Self.stop("g2")],
            graphs: [Self.graph("g1", .running), Self.graph("g2", .starting)],
            isDryRun: false
        )
        #expect(decisions.map(\.result) == [.alreadyRunning, .alreadyRunning])
        #expect(decisions[1].reason.hasPrefix("GES lists it starting (920): nothing to start"))
    }

    @Test func aGraphThatRanAgainSinceTheStopIsRefusedEvenIfStoppedNow() {
        let decisions = StartPlanner.plan(
            graphIDs: ["g1"],
            stops: ["g1": Self.stop("g1", ranAgainAt: Self.stoppedAt.advanced(by: 86_400))],
            graphs: [Self.graph("g1", .stopped)],
            isDryRun: false
        )
        #expect(decisions.first?.result == .refused)
        #expect(decisions.first?.reason.contains("ran again after the job stopped it") == true)
        #expect(decisions.first?.reason.contains("by 2026-11-28T02:00:00Z") == true)
    }

    @Test func aGraphGESDoesNotListOrThatIsStillStoppingIsRefusedWithTheReason() {
        let decisions = StartPlanner.plan(
            graphIDs: ["gone", "g2", "gone"],
            stops: ["gone": Self.stop("gone"), "g2": Self.stop("g2")],
            graphs: [Self.graph("g2", .stopping)],
            isDryRun: false
        )
        #expect(decisions.map(\.graphID) == ["gone", "g2"])
        #expect(decisions.map(\.result) == [.refused, .refused])
        #expect(decisions[0].reason.hasPrefix("GES does not list this graph"))
        #expect(decisions[1].reason.hasPrefix("its status is stopping (901), not stopped (900)"))
    }
}
