import Foundation
import IdleStopCore
import Testing

/// A run's counts and money, as the summary line, the `runs` table and the exit status read them.
@Suite struct RunSummaryTests {
    static func decision(
        _ id: String,
        _ kind: DecisionKind,
        result: StopResult? = nil,
        savings: String? = nil
    )
        -> Decision
    {
        Decision(
            graph: Graph(id: id, name: id, status: .running, sizeIndex: "1"),
            kind: kind,
            reason: "test",
            currency: savings == nil ? nil : "USD",
            projectedSavings: savings.flatMap { Decimal(string: $0) },
            result: result
        )
    }

    @Test func stopsAreCountedByResultAndOnlyStopsCarryMoney() {
        let summary = RunSummary(decisions: [
            Self.decision("a", .stop, result: .requested, savings: "30.00"),
            Self.decision("b", .stop, result: .dryRun, savings: "12.50"),
            Self.decision("c", .stop, result: .failed, savings: "99"),
            Self.decision("d", .stop, result: .held, savings: "99"),
            Self.decision("e", .flag, savings: "40"),
            Self.decision("f", .keep),
            Self.decision("g", .skip),
        ])
        #expect(summary.graphsSeen == 7)
        #expect(summary.stopped == 2 && summary.failed == 1 && summary.held == 1)
        #expect(summary.flagged == 1 && summary.kept == 1 && summary.skipped == 1)
        #expect(summary.projectedSavings == ["USD": Decimal(string: "42.50")!], "a flag's projection is not a saving")
        #expect(summary.unpriced == 0)
    }

    @Test func noticedGraphsAreCountedApartAndSaveNothing() {
        let summary = RunSummary(decisions: [
            Self.decision("a", .stop, result: .noticed, savings: "30.00"),
            Self.decision("b", .stop, result: .noticed),
            Self.decision("c", .stop, savings: "12.50"),
        ])
        #expect((summary.noticed, summary.stopped, summary.unpriced) == (2, 1, 0))
        #expect(summary.projectedSavings == ["USD": Decimal(string: "12.50")!])
    }

    @Test func stopsWithoutAPriceAreCountedSoATotalNeverHidesThem() {
        let summary = RunSummary(decisions: [
            Self.decision("a", .stop, result: .requested, savings: "30.00"),
            Self.decision("b", .stop, result: .confirmed),
            Self.decision("c", .stop, result: .dryRun),
            Self.decision("d", .stop, result: .failed),
        ])
        #expect(summary.stopped == 3)
        #expect(summary.unpriced == 2, "the failed stop saves nothing, priced or not")
        #expect(summary.projectedSavings == ["USD": 30])
    }
}
