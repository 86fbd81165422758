import Foundation
import Testing

@testable import IdleStopStorage

struct SavingsSummaryTests {
    static func saving(
        _ graphID: String,
        _ day: String,
        _ currency: String?,
        name: String? = nil,
        stops: Int = 1,
        hours: Int64 = 1,
        amount: Decimal = 1
    ) -> RealizedSaving {
        RealizedSaving(
            graphID: graphID,
            graphName: name ?? "name-\(graphID)",
            day: day,
            currency: currency,
            stops: stops,
            stoppedSeconds: hours * 3600,
            amount: amount
        )
    }

    @Test func groupsPerDayGraphAndCurrencyInTheReportsOrders() {
        let summary = SavingsSummary(savings: [
            Self.saving("g-b", "2026-11-21", "USD", amount: Decimal(string: "2.25")!),
            Self.saving("g-a", "2026-11-21", nil, amount: 0),
            Self.saving("g-a", "2026-11-20", "USD", name: "old", amount: 3),
            Self.saving("g-a", "2026-11-21", "EUR", name: "new", stops: 0, hours: 24, amount: 30),
            Self.saving(
                "g-a",
                "2026-11-22",
                "USD",
                name: "newest",
                stops: 2,
                hours: 2,
                amount: Decimal(string: "0.5")!
            ),
        ])
        #expect(
            summary.byDay.map { "\($0.day!) \($0.currency ?? "-") \($0.graphs) \($0.amount)" } == [
                "2026-11-20 USD 1 3", "2026-11-21 EUR 1 30", "2026-11-21 USD 1 2.25", "2026-11-21 - 1 0",
                "2026-11-22 USD 1 0.5",
            ]
        )
        // The latest name seen wins per graph and currency.
        #expect(
            summary.byGraph.map { "\($0.graphID!) \($0.graphName!) \($0.currency ?? "-") \($0.stops)" } == [
                "g-a new EUR 0", "g-a newest USD 3", "g-a name-g-a - 1", "g-b name-g-b USD 1",
            ]
        )
        #expect(
            summary.totals.map { "\($0.currency ?? "-") \($0.graphs) \($0.stoppedSeconds) \($0.amount)" } == [
                "EUR 1 86400 30", "USD 2 14400 5.75", "- 1 3600 0",
            ]
        )
        #expect(summary.currencies == ["EUR", "USD"])
    }

    @Test func countsAGraphOnceWhereACellRepeatsAndKeepsAmountsThatAreNotWholeCents() {
        let summary = SavingsSummary(savings: [
            Self.saving("g-a", "2026-11-21", "USD", amount: Decimal(string: "0.125")!),
            Self.saving("g-b", "2026-11-21", "USD", amount: 1),
            Self.saving("g-a", "2026-11-21", "USD", amount: Decimal(string: "0.125")!),
        ])
        #expect(summary.byDay.map(\.graphs) == [2])
        #expect(summary.byDay.map(\.stops) == [3])
        #expect(summary.totals.map(\.amount) == [Decimal(string: "1.25")!])
        #expect(summary.byGraph.map(\.graphs) == [1, 1])
    }

    @Test func aReportRegroupsWhenItsSavingsChange() {
        var report = SavingsReport(
            since: utc("2026-11-01T00:00:00Z"),
            until: utc("2026-12-01T00:00:00Z"),
            savings: [Self.saving("g-a", "2026-11-21", "USD")],
            runs: []
        )
        report.savings.append(Self.saving("g-b", "2026-11-21", "EUR"))
        #expect(report.currencies == ["EUR", "USD"])
        #expect(report.totals().map(\.graphs) == [1, 1])
    }
}
