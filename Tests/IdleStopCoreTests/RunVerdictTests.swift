import Testing

@testable import IdleStopCore

/// A finished run's verdict: the most urgent condition it met (3 > 2 > 6 > 4 > 0 in docs/SPEC.md §8).
@Suite struct RunVerdictTests {
    static func decision(_ result: StopResult?, kind: DecisionKind = .stop) -> Decision {
        Decision(
            graph: Graph(id: "g", name: "g", status: .running, sizeIndex: "1"),
            kind: kind,
            reason: "",
            result: result
        )
    }

    @Test(
        arguments: [
            (Set<RunVerdict>(), RunVerdict.done),
            ([.tripWireHeld], .tripWireHeld),
            ([.usageFeedTooThin, .tripWireHeld], .usageFeedTooThin),
            ([.someStopsFailed, .usageFeedTooThin], .someStopsFailed),
            ([.authenticationFailed, .someStopsFailed, .usageFeedTooThin], .authenticationFailed),
        ] as [(Set<RunVerdict>, RunVerdict)]
    )
    func theMostUrgentConditionWins(conditions: Set<RunVerdict>, expected: RunVerdict) {
        #expect(RunVerdict.mostUrgent(of: conditions) == expected)
    }

    @Test func failedAndUnknownStopsAreSomeStopsFailed() {
        for result in [StopResult.failed, .unknown] {
            let verdict = RunVerdict(
                decisions: [Self.decision(.requested), Self.decision(result)],
                authenticationFailed: false,
                isUsageFeedTooThin: false,
                isExpectedStopsMismatch: false
            )
            #expect(verdict == .someStopsFailed)
        }
    }

    @Test func heldStopsOrAMismatchedExpectationAreTheTripWire() {
        let held = RunVerdict(
            decisions: [Self.decision(.held)],
            authenticationFailed: false,
            isUsageFeedTooThin: false,
            isExpectedStopsMismatch: false
        )
        #expect(held == .tripWireHeld)
        let mismatch = RunVerdict(
            decisions: [Self.decision(nil, kind: .keep)],
            authenticationFailed: false,
            isUsageFeedTooThin: false,
            isExpectedStopsMismatch: true
        )
        #expect(mismatch == .tripWireHeld)
    }

    @Test func everyConditionIsCountedAndTheMostUrgentIsTheVerdict() {
        let decisions = [Self.decision(.failed), Self.decision(.held)]
        let conditions = RunVerdict.conditions(
            decisions: decisions,
            authenticationFailed: true,
            isUsageFeedTooThin: true,
            isExpectedStopsMismatch: false
        )
        #expect(conditions == [.authenticationFailed, .someStopsFailed, .usageFeedTooThin, .tripWireHeld])
        let verdict = RunVerdict(
            decisions: decisions,
            authenticationFailed: true,
            isUsageFeedTooThin: true,
            isExpectedStopsMismatch: false
        )
        #expect(verdict == .authenticationFailed)
    }

    @Test func aRunWithOnlySentAndDryRunStopsIsDone() {
        let verdict = RunVerdict(
            decisions: [Self.decision(.requested), Self.decision(.dryRun), Self.decision(.alreadyStopped)],
            authenticationFailed: false,
            isUsageFeedTooThin: false,
            isExpectedStopsMismatch: false
        )
        #expect(verdict == .done)
    }
}
