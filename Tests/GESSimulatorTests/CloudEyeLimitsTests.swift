import GESKit
import Testing

@testable import GESSimulator

@Suite("Cloud Eye's documented limits and its silent range shortening")
struct CloudEyeLimitsTests {
    static let to: Int64 = 1_795_132_800_000

    /// The limits as docs/ges-api.md §6.1 lists them, written out here a second time on purpose.
    @Test func theLimitsAreTheDocumentedOnes() {
        #expect(CloudEyeLimits.maxMetricsPerCall == 500)
        #expect(CloudEyeLimits.maxDatapointsPerCall == 3000)
        let hours: [Int64: Int64] = [1: 4, 300: 24, 1200: 72, 3600: 240, 14400: 720, 86400: 4320]
        for (period, limit) in hours {
            #expect(CloudEyeLimits.Period(rawValue: period)?.maxRangeSeconds == limit * 3600, "\(period)")
        }
        #expect(CloudEyeLimits.Period.allCases.map(\.rawValue) == [1, 60, 300, 1200, 3600, 14400, 86400])
    }

    @Test(arguments: CloudEyeLimits.Period.allCases)
    func aRangeWithinTheLimitsIsAnsweredWhole(period: CloudEyeLimits.Period) {
        let range = min(period.maxRangeSeconds, CloudEyeLimits.maxDatapointsPerCall * period.rawValue) * 1000
        #expect(period.effectiveFrom(from: Self.to - range, to: Self.to, metricCount: 1) == Self.to - range)
    }

    @Test(arguments: CloudEyeLimits.Period.allCases)
    func aLongerRangeLosesItsStartToThePeriodLimit(period: CloudEyeLimits.Period) {
        let from = Self.to - period.maxRangeSeconds * 1000 - 1
        let answered = period.effectiveFrom(from: from, to: Self.to, metricCount: 1)
        // Raw data hits the 3000-datapoint budget first (3000 s), every other period its range limit.
        let expected = period == .raw ? 3000 : period.maxRangeSeconds
        #expect(answered == Self.to - expected * 1000)
    }

    static let budgetCases: [(metrics: Int, period: CloudEyeLimits.Period, expectedMilliseconds: Int64)] = [
        (2, .oneHour, 864_000_000), (100, .oneHour, 108_000_000), (500, .fiveMinutes, 1_800_000),
        (500, .oneDay, 518_400_000), (17, .twentyMinutes, 211_764_705), (500, .raw, 6000),
    ]

    @Test(arguments: budgetCases)
    func manyMetricsShareTheDatapointBudget(
        metrics: Int,
        period: CloudEyeLimits.Period,
        expectedMilliseconds: Int64
    ) {
        let from = Self.to - period.maxRangeSeconds * 1000
        let answered = period.effectiveFrom(from: from, to: Self.to, metricCount: metrics)
        #expect(answered == Self.to - expectedMilliseconds)
    }

    /// Agrees with GESKit's planner, read from the same documentation independently: what
    /// `CloudEyeQuery.isWithinLimits` accepts is never shortened, and the shortened range is one it accepts.
    @Test(arguments: CloudEyeLimits.Period.allCases)
    func agreesWithTheClientsIdeaOfTheLimits(period: CloudEyeLimits.Period) throws {
        let clientPeriod = try #require(CloudEyePeriod(rawValue: period.rawValue))
        for metrics in [1, 2, 3, 10, 99, 250, 500] {
            for hours in [1, 5, 24, 100, 24 * 12, 24 * 200] {
                let from = Self.to - Int64(hours) * 3_600_000
                let graphs = (0..<metrics).map { "g\($0)" }
                let query = CloudEyeQuery(graphIDs: graphs, from: from, to: Self.to, period: clientPeriod)
                let answered = period.effectiveFrom(from: from, to: Self.to, metricCount: metrics)
                if query.isWithinLimits { #expect(answered == from, "\(period) \(metrics) \(hours)h") }
                let shortened = CloudEyeQuery(graphIDs: graphs, from: answered, to: Self.to, period: clientPeriod)
                #expect(shortened.isWithinLimits, "\(period) \(metrics) \(hours)h")
                #expect(answered >= from)
            }
        }
    }
}
