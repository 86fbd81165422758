import Foundation
import IdleStopTestSupport
import Testing

@testable import IdleStopCore

private func fixture(_ name: String) throws -> String {
    try Fixtures(.module).path("pricing/\(name).yml")
}

private func decimal(_ text: String) -> Decimal { Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))! }

@Test func pricesAreReadExactlyFromTheirText() throws {
    let table = try PriceTable.load(path: try fixture("examples"))
    #expect(table.currency == "USD")
    #expect(table.entries.map(\.hourly) == [decimal("1.25"), decimal("1.10"), 12, decimal("0.1")])
    #expect(table.entries.map(\.sizeIndex) == ["1", "1", "4", "2"])
    #expect(table.entries[0].productType == "InMemory")
    #expect(table.entries[3].currency == "CNY")
}

@Test func theMostSpecificEntryWins() throws {
    let table = try PriceTable.load(path: try fixture("examples"))
    let inMemory = Graph(id: "a", name: "a", status: .running, productType: "InMemory", sizeIndex: "1")
    let other = Graph(id: "b", name: "b", status: .running, productType: "Persistence", sizeIndex: "1")
    #expect(table.hourlyCost(for: inMemory)?.price == decimal("1.25"))
    #expect(table.hourlyCost(for: other)?.price == decimal("1.10"))
    let yuan = try #require(table.hourlyCost(for: Graph(id: "c", name: "c", status: .running, sizeIndex: "2")))
    #expect(yuan.price == decimal("0.1"))
    #expect(yuan.currency == "CNY")
}

@Test func hourlyCostIsPricePerReplicaTimesReplication() throws {
    let table = try PriceTable.load(path: try fixture("examples"))
    let graph = Graph(id: "a", name: "a", status: .running, sizeIndex: "1", replication: 2)
    let cost = try #require(table.hourlyCost(for: graph))
    #expect(cost.price == decimal("2.50"))
    #expect(cost.currency == "USD")
    let savings = PriceTable.projectedSavings(hourly: cost.price, horizon: .hours(24))
    #expect(savings == decimal("60.00"))
    #expect(savings == 60)
    let billion = Graph(id: "b", name: "b", status: .running, sizeIndex: "4", replication: 2)
    #expect(table.hourlyCost(for: billion)?.price == 24)
}

@Test func decimalsStayExactWhereBinaryFloatingPointWouldNot() {
    // 0.1 × 3 h is 0.3 exactly, not 0.30000000000000004.
    #expect(PriceTable.projectedSavings(hourly: decimal("0.1"), horizon: .hours(3)) == decimal("0.3"))
    #expect(
        PriceTable.projectedSavings(hourly: decimal("1.25"), horizon: TimeSpan(parsing: "90m")!) == decimal("1.875")
    )
}

@Test func anUnknownPriceIsNilNeverZero() throws {
    let table = try PriceTable.load(path: try fixture("examples"))
    #expect(table.hourlyCost(for: Graph(id: "a", name: "a", status: .running, sizeIndex: "6")) == nil)
    #expect(table.hourlyCost(for: Graph(id: "a", name: "a", status: .running, sizeIndex: "1", replication: 0)) == nil)
}

@Test(arguments: [
    (TimeSpan.hours(24), Decimal(30)), (.days(7), 210), (.days(8), 210), (.days(30), 210), (.hours(1), 1.25),
])
func projectedSavingsAreCappedAt168Hours(horizon: TimeSpan, expected: Decimal) {
    #expect(PriceTable.projectedSavings(hourly: decimal("1.25"), horizon: horizon) == expected)
}

@Test func everyBadPriceIsReportedWithItsPosition() throws {
    let path = try fixture("errors")
    #expect(throws: ConfigFileErrors.self) { try PriceTable.load(path: path) }
    do {
        _ = try PriceTable.load(path: path)
    } catch {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path + "/"
        #expect(
            error.errors.map { $0.description.replacingOccurrences(of: folder, with: "") } == [
                "errors.yml:2:11: currency \"usd\" is not a three-letter code like USD",
                "errors.yml:4:30: hourly price \"-1.25\" is not a positive decimal like 1.25",
                "errors.yml:5:30: hourly price \"1e3\" is not a positive decimal like 1.25",
                "errors.yml:6:34: hourly price \".nan\" is not a positive decimal like 1.25",
                "errors.yml:7:13: unknown size \"huge\" (expected a name or index: ten-thousand (0), million (1), ten-million (2), hundred-million (3), billion (4), ten-billion (5), hundred-billion (6), billion-enhanced (401))",
                "errors.yml:8:50: hourly price \"1.5x\" is not a positive decimal like 1.25",
                "errors.yml:9:38: hourly price must be more than 0 (leave a size out when its price is unknown)",
                "errors.yml:11:5: duplicate price for size ten-billion, product_type any (first at line 10)",
            ]
        )
    }
}

@Test func theShippedPricingFileHoldsThePublicExamples() throws {
    let table = try PriceTable.load(path: Repository.url("policies/pricing.yml").path)
    #expect(table.currency == "USD")
    #expect(
        table.hourlyCost(for: Graph(id: "a", name: "a", status: .running, sizeIndex: "1"))?.price == decimal("1.25")
    )
    #expect(
        table.hourlyCost(for: Graph(id: "a", name: "a", status: .running, sizeIndex: "4", replication: 2))?.price == 24
    )
    #expect(table.hourlyCost(for: Graph(id: "a", name: "a", status: .running, sizeIndex: "2")) == nil)
}
