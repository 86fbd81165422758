import Testing

@testable import IdleStopCore

/// The counts and verdict of a `start` run (docs/SPEC.md §8).
struct StartSummaryTests {
    static func decision(_ result: StartResult?) -> StartDecision {
        StartDecision(graphID: "g", graph: nil, stop: nil, result: result, reason: "")
    }

    @Test func countsEveryResultOnceAndDryRunsAsStarted() {
        let results: [StartResult?] = [.requested, .confirmed, .dryRun, .alreadyRunning, .refused, .refused, .failed]
        let summary = StartSummary(decisions: results.map(Self.decision))
        #expect(summary.graphs == 7)
        #expect(summary.started == 3)
        #expect(summary.alreadyRunning == 1)
        #expect(summary.refused == 2)
        #expect(summary.failed == 1)
        #expect(summary.unknown == 0)
    }

    @Test func authenticationWinsThenFailedOrUnknownStartsThenDone() {
        let failed = StartSummary(decisions: [Self.decision(.failed)])
        let unknown = StartSummary(decisions: [Self.decision(.unknown)])
        let fine = StartSummary(decisions: [Self.decision(.requested), Self.decision(.refused)])
        #expect(failed.verdict(authenticationFailed: true) == .authenticationFailed)
        #expect(failed.verdict(authenticationFailed: false) == .someStopsFailed)
        #expect(unknown.verdict(authenticationFailed: false) == .someStopsFailed)
        #expect(fine.verdict(authenticationFailed: false) == .done)
    }
}
