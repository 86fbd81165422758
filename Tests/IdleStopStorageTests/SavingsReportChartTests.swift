import Foundation
import Testing

@testable import IdleStopStorage

struct SavingsReportChartTests {
    @Test(arguments: [
        ("12.5", ["0", "5", "10", "15"]),
        ("2028.5", ["0", "1000", "2000", "3000"]),
        ("20", ["0", "5", "10", "15", "20"]),
        ("0.01", ["0", "0.01"]),
        ("0", ["0", "1"]),
    ])
    func ticksAreRoundStepsReachingTheMaximum(maximum: String, expected: [String]) {
        let ticks = SavingsReportChart.ticks(maximum: Decimal(string: maximum)!)
        #expect(ticks.map(ReportFormat.decimal) == expected)
    }

    @Test(arguments: [(12.25, "12.3"), (40, "40"), (0.04, "0"), (-0.5, "-0.5"), (-12.5, "-12.5"), (719.99, "720")])
    func coordinatesUseADotAndOneDecimal(value: Double, expected: String) {
        #expect(SavingsReportChart.coordinate(value) == expected)
    }

    @Test func barsAreProportionalWithTheirValuesPrintedAndEmptyDaysHaveNone() {
        let chart = SavingsReportChart(
            bars: [
                .init(day: "2026-11-01", amount: 10, stops: 1), .init(day: "2026-11-02", amount: 0, stops: 0),
                .init(day: "2026-11-03", amount: 5, stops: 2),
            ],
            currency: "USD"
        )
        let svg = chart.svg()
        // Ticks 0, 5, 10 (step 5 for a maximum of 10): 10 fills the plot (500), 5 half of it (250).
        #expect(svg.contains("width=\"500\""))
        #expect(svg.contains("width=\"250\""))
        #expect(svg.components(separatedBy: "class=\"bar\"").count - 1 == 2)
        #expect(svg.contains("<title>2026-11-03: 5.00 USD (2 stop(s) made)</title>"))
        #expect(svg.contains(">10.00</text>"))
        #expect(svg.contains(">5.00</text>"))
        #expect(svg.components(separatedBy: "class=\"value\"").count - 1 == 2)
        #expect(svg.contains(">2026-11-02</text>"))
        #expect(svg.contains(">USD saved per day</text>"))
        #expect(svg.hasPrefix("<svg"))
        #expect(svg.hasSuffix("</svg>"))
    }

    @Test(arguments: [30, 90])
    func everyDayAndValueIsPrintedWithoutOverlap(days: Int) throws {
        let bars = (0..<days).map { index in
            SavingsReportChart.Bar(day: "day-\(index)", amount: Decimal(index + 1) * 1000, stops: 1)
        }
        let svg = SavingsReportChart(bars: bars, currency: "USD").svg()
        let dayLines = svg.components(separatedBy: "<text class=\"day\"").dropFirst()
        #expect(dayLines.count == days)
        #expect(svg.components(separatedBy: "class=\"value\"").count - 1 == days)
        // Labels are 12px high; consecutive rows are at least 16 units apart.
        let ys = try dayLines.map { line in
            let start = try #require(line.range(of: "y=\""))
            return try #require(Double(line[start.upperBound...].prefix { $0 != "\"" }))
        }
        #expect(zip(ys, ys.dropFirst()).allSatisfy { $1 - $0 >= 16 })
        // The longest value stays inside the chart's 720 units.
        let last = try #require(svg.components(separatedBy: "<text class=\"value\" x=\"").last)
        let x = try #require(Double(last.prefix { $0 != "\"" }))
        #expect(x + Double("\(days * 1000).00".count) * 8 <= SavingsReportChart.width)
    }
}
