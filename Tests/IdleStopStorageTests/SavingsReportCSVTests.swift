import Foundation
import IdleStopCore
import Testing

@testable import IdleStopStorage

struct SavingsReportCSVTests {
    static let period = "2026-11-01T00:00:00Z,2026-12-01T00:00:00Z"

    @Test func graphDayRowsBookEachDayItsHoursWithExactMoneyPerCurrency() throws {
        let csv = try SavingsHistory.twoCurrencies().november().csv(.graphDay)
        let lines = csv.split(separator: "\n").map { $0.dropFirst(Self.period.count + 1) }
        #expect(
            Array(lines.dropFirst().prefix(9)) == [
                "2026-11-20,g-a,alpha,USD,1,10,12.50", "2026-11-20,g-b,beta,USD,1,22,264.00",
                "2026-11-20,g-e,euro,EUR,1,22,55.00", "2026-11-21,g-a,alpha,USD,1,22,27.50",
                "2026-11-21,g-b,beta,USD,0,24,288.00", "2026-11-21,g-e,euro,EUR,0,24,60.00",
                "2026-11-22,g-a,alpha,USD,0,2,2.50", "2026-11-22,g-b,beta,USD,0,24,288.00",
                "2026-11-22,g-e,euro,EUR,0,2,5.00",
            ]
        )
        #expect(lines.last == "2026-11-27,g-b,beta,USD,0,2,24.00")
        #expect(lines.count == 1 + 9 + 5)
    }

    @Test func graphRowsSumThePeriodPerCurrency() throws {
        let csv = try SavingsHistory.twoCurrencies().november().csv(.graph)
        #expect(
            csv == """
                period_start,period_end,graph_id,graph_name,currency,stops,hours_stopped,realized_savings
                \(Self.period),g-a,alpha,USD,2,34,42.50
                \(Self.period),g-b,beta,USD,1,168,2016.00
                \(Self.period),g-e,euro,EUR,1,48,120.00

                """
        )
    }

    @Test func dayRowsSpreadTheStopsAndNeverAddCurrenciesTogether() throws {
        let csv = try SavingsHistory.twoCurrencies().november().csv(.day)
        #expect(
            csv == """
                period_start,period_end,day,currency,graphs,stops,hours_stopped,realized_savings
                \(Self.period),2026-11-20,EUR,1,1,22,55.00
                \(Self.period),2026-11-20,USD,2,2,32,276.50
                \(Self.period),2026-11-21,EUR,1,0,24,60.00
                \(Self.period),2026-11-21,USD,2,1,46,315.50
                \(Self.period),2026-11-22,EUR,1,0,2,5.00
                \(Self.period),2026-11-22,USD,2,0,26,290.50
                \(Self.period),2026-11-23,USD,1,0,24,288.00
                \(Self.period),2026-11-24,USD,1,0,24,288.00
                \(Self.period),2026-11-25,USD,1,0,24,288.00
                \(Self.period),2026-11-26,USD,1,0,24,288.00
                \(Self.period),2026-11-27,USD,1,0,2,24.00

                """
        )
    }

    @Test func theDayViewMovesWithTheZone() throws {
        let history = try SavingsHistory.twoCurrencies()
        let report = try SavingsReport.load(
            from: history.store,
            since: utc("2026-11-01T00:00:00Z"),
            until: utc("2026-12-01T00:00:00Z"),
            calendar: try #require(ReportCalendar(parsing: "+08:00"))
        )
        let rows = report.rows(for: .day).map { Array($0.dropFirst(2)) }
        // 02:00 UTC is 10:00 at +08:00: g-a's first 10h fit in the 20th, g-b and g-e have 14h on it.
        #expect(rows.first == ["2026-11-20", "EUR", "1", "1", "14", "35.00"])
        #expect(rows[1] == ["2026-11-20", "USD", "2", "2", "24", "180.50"])
        #expect(rows.last == ["2026-11-27", "USD", "1", "0", "10", "120.00"])
        let usd = rows.filter { $0[1] == "USD" }.compactMap { Decimal(string: $0[5]) }.reduce(Decimal(0), +)
        #expect(usd == Decimal(string: "2058.5"))
    }

    @Test func runRowsCarryModeCountsAndProjectedSavingsPerCurrency() throws {
        let report = try SavingsHistory.twoCurrencies().november()
        let lines = report.csv(.run).split(separator: "\n").map(String.init)
        #expect(lines.first == SavingsReport.header(for: .run).joined(separator: ","))
        // r-1 stopped three graphs (one failed); projected 1.25×24 + 12×24 = 318.00 USD, 2.5×24 = 60.00 EUR.
        #expect(
            Array(lines.dropFirst().prefix(3)) == [
                "r-1,run,live,2026-11-20T02:00:00Z,2026-11-20T02:00:00Z,finished,0,5,3,0,1,0,0,1,0,0,EUR,60.00,0,,,",
                "r-1,run,live,2026-11-20T02:00:00Z,2026-11-20T02:00:00Z,finished,0,5,3,0,1,0,0,1,0,0,USD,318.00,0,,,",
                "r-d,run,dry-run,2026-11-20T03:00:00Z,2026-11-20T03:00:00Z,finished,0,1,1,0,0,0,0,0,0,0,USD,1200.00,0,,,",
            ]
        )
        #expect(
            lines[4] == "r-2,run,live,2026-11-20T12:00:00Z,2026-11-20T12:00:00Z,finished,0,3,0,0,0,0,0,2,1,0,,,0,,,"
        )
        #expect(lines.count == 1 + 6)
    }

    @Test func anUnfinishedRunIsMarkedSo() throws {
        let history = try SavingsHistory()
        try history.store.beginRun(
            RunInfo(
                id: "r-x",
                evaluatedAt: instant("2026-11-20T02:00:00Z"),
                startedAt: utc("2026-11-20T02:00:00Z"),
                mode: .live
            )
        )
        let rows = try history.november().rows(for: .run)
        #expect(
            rows == [
                [
                    "r-x", "run", "live", "2026-11-20T02:00:00Z", "", "unfinished", "", "0", "0", "0", "0", "0",
                    "0", "0", "0", "0", "", "", "0", "", "", "",
                ]
            ]
        )
    }

    @Test func unpricedStopsCountHoursButLeaveMoneyEmpty() throws {
        let history = try SavingsHistory()
        try history.run(
            "r-1",
            at: "2026-11-02T00:00:00Z",
            stops: [.init(graphID: "g-u", name: "unpriced", price: nil, currency: nil)]
        )
        try history.run("r-2", at: "2026-11-02T10:00:00Z", running: ["g-u"])
        let rows = try history.november().rows(for: .graphDay)
        #expect(rows.map { Array($0.dropFirst(2)) } == [["2026-11-02", "g-u", "unpriced", "", "1", "10", ""]])
    }

    @Test func hostileNamesAreQuotedAndNeutralised() throws {
        let history = try SavingsHistory()
        try history.run(
            "r-1",
            at: "2026-11-02T00:00:00Z",
            stops: [.init(graphID: "g-1", name: "=HYPERLINK(\"x\"),y", price: 1, currency: "USD")]
        )
        let csv = try history.november().csv(.graph)
        #expect(csv.contains(",g-1,\"'=HYPERLINK(\"\"x\"\"),y\",USD,"))
    }

    @Test func anEmptyPeriodIsAHeaderOnly() throws {
        let history = try SavingsHistory()
        for view in SavingsReport.View.allCases {
            #expect(try history.november().csv(view) == SavingsReport.header(for: view).joined(separator: ",") + "\n")
        }
    }

    @Test func writesTheFileAtomicallyWithTheSameText() throws {
        let history = try SavingsHistory.twoCurrencies()
        let report = try history.november()
        let url = history.folder.appendingPathComponent("out/savings.csv")
        try report.writeCSV(.day, to: url)
        #expect(try String(contentsOf: url, encoding: .utf8) == report.csv(.day))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)
        #expect(leftovers == ["savings.csv"])
    }
}
