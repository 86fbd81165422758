import Foundation
import Testing

@testable import IdleStopStorage

struct SavingsLedgerTests {
    /// 2026-11-20T00:00:00Z.
    static let day20: Int64 = 1_795_132_800

    /// A ledger of the UTC days of November 2026 from the 20th on.
    static func ledger() -> SavingsLedger {
        SavingsLedger(calendar: .utc, from: day20, through: day20 + 30 * 86_400)
    }

    /// Books a stop of `graph` from `hours` after the 20th's midnight to `to` hours after it.
    static func book(
        _ ledger: inout SavingsLedger,
        _ graph: String,
        _ name: String,
        _ price: String?,
        _ currency: String?,
        hours: Int64,
        to end: Int64,
        countsStop: Bool = true
    ) throws {
        let price = try price.map { try #require(SavingsLedger.Price($0)) }
        ledger.book(
            graphID: graph,
            name: name,
            price: price,
            currency: currency,
            from: Self.day20 + hours * 3600,
            to: Self.day20 + end * 3600,
            countsStop: countsStop
        )
    }

    @Test func booksEachDayOfAStopInCellsOrderedByDayGraphAndCurrency() throws {
        var ledger = Self.ledger()
        // g-b from the 20th 22:00 to the 22nd 04:00; g-a 10h on the 21st, priced in EUR, then unpriced.
        try Self.book(&ledger, "g-b", "beta", "1.25", "USD", hours: 22, to: 52)
        try Self.book(&ledger, "g-a", "alpha", "1.25", "EUR", hours: 26, to: 36)
        try Self.book(&ledger, "g-a", "alpha 2", nil, "EUR", hours: 40, to: 41)
        let (savings, summary) = ledger.finish()
        #expect(
            savings.map { "\($0.day) \($0.graphID) \($0.graphName) \($0.currency ?? "-") \($0.stops) \($0.amount)" }
                == [
                    "2026-11-20 g-b beta USD 1 2.5", "2026-11-21 g-a alpha 2 - 1 0", "2026-11-21 g-a alpha EUR 1 12.5",
                    "2026-11-21 g-b beta USD 0 30", "2026-11-22 g-b beta USD 0 5",
                ]
        )
        #expect(summary == SavingsSummary(savings: savings))
    }

    @Test func sumsAScaledAndADecimalPriceInOneCellExactlyAndRoundsOnce() throws {
        var ledger = Self.ledger()
        // 0.005 an hour for 1h twice: 0.01 exactly, where rounding each stop would give 0.01 + 0.01.
        try Self.book(&ledger, "g-a", "a", "0.005", "USD", hours: 0, to: 1)
        try Self.book(&ledger, "g-a", "a", "5e-3", "USD", hours: 2, to: 3)
        let (savings, summary) = ledger.finish()
        #expect(savings.map(\.amount) == [Decimal(string: "0.01")!])
        #expect(savings.map(\.stops) == [2])
        #expect(summary.totals.map(\.amount) == [Decimal(string: "0.01")!])
    }

    @Test func anEmptyStopMadeInThePeriodCountsOnItsDay() throws {
        var ledger = Self.ledger()
        try Self.book(&ledger, "g-a", "a", nil, nil, hours: 120, to: 120)
        try Self.book(&ledger, "g-b", "b", nil, nil, hours: 0, to: 0, countsStop: false)
        let (savings, _) = ledger.finish()
        #expect(savings.map { "\($0.day) \($0.graphID) \($0.stops) \($0.stoppedSeconds)" } == ["2026-11-25 g-a 1 0"])
    }
}
