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

    @Test func barsAreProportionalAndEmptyDaysHaveNone() {
        let chart = SavingsReportChart(
            bars: [
                .init(day: "2026-11-01", amount: 10, stops: 1), .init(day: "2026-11-02", amount: 0, stops: 0),
                .init(day: "2026-11-03", amount: 5, stops: 2),
            ],
            currency: "USD"
        )
        let svg = chart.svg()
        // Ticks 0, 5, 10 (step 5 for a maximum of 10): 10 fills the plot (220), 5 half of it (110).
        #expect(svg.contains("height=\"220\""))
        #expect(svg.contains("height=\"110\""))
        #expect(svg.components(separatedBy: "class=\"bar\"").count - 1 == 2)
        #expect(svg.contains("<title>2026-11-03: 5.00 USD (2 stop(s))</title>"))
        #expect(svg.contains(">11-02</text>"))
        #expect(svg.hasPrefix("<svg"))
        #expect(svg.hasSuffix("</svg>"))
    }

    @Test func labelsAtMostAboutTwelveDays() {
        let bars = (1...30).map { SavingsReportChart.Bar(day: String(format: "2026-11-%02d", $0), amount: 1, stops: 1) }
        let svg = SavingsReportChart(bars: bars, currency: "USD").svg()
        #expect(svg.components(separatedBy: "class=\"x\"").count - 1 == 10)
    }
}
