import GESKit
import Testing

@testable import GESSimulator

@Suite("Cloud Eye's silent range shortening")
struct CloudEyeRangeLimitTests {
    static let to: Int64 = 1_795_132_800_000

    @Test(arguments: CloudEyePeriod.allCases)
    func aRangeWithinTheLimitsIsAnsweredWhole(period: CloudEyePeriod) {
        let range =
            min(period.maxRangeSeconds, CloudEyeQueryPlan.maxDatapointsPerCall * period.rawValue) * 1000
        #expect(
            CloudEyeRangeLimit.effectiveFrom(
                from: Self.to - range,
                to: Self.to,
                period: period,
                metricCount: 1
            )
                == Self.to - range
        )
    }

    @Test(arguments: CloudEyePeriod.allCases)
    func aLongerRangeLosesItsStartToThePeriodLimit(period: CloudEyePeriod) {
        let from = Self.to - period.maxRangeSeconds * 1000 - 1
        let answered = CloudEyeRangeLimit.effectiveFrom(
            from: from,
            to: Self.to,
            period: period,
            metricCount: 1
        )
        // Raw data hits the 3000-datapoint budget first (3000 s), every other period its range limit.
        let expected = period == .raw ? 3000 : period.maxRangeSeconds
        #expect(answered == Self.to - expected * 1000)
    }

    static let budgetCases: [(metrics: Int, period: CloudEyePeriod, expectedMilliseconds: Int64)] = [
        (2, .oneHour, 864_000_000), (100, .oneHour, 108_000_000), (500, .fiveMinutes, 1_800_000),
        (500, .oneDay, 518_400_000), (17, .twentyMinutes, 211_764_705), (500, .raw, 6000),
    ]

    @Test(arguments: budgetCases)
    func manyMetricsShareTheDatapointBudget(
        metrics: Int,
        period: CloudEyePeriod,
        expectedMilliseconds: Int64
    ) {
        let from = Self.to - period.maxRangeSeconds * 1000
        let answered = CloudEyeRangeLimit.effectiveFrom(
            from: from,
            to: Self.to,
            period: period,
            metricCount: metrics
        )
        #expect(answered == Self.to - expectedMilliseconds)
    }

    /// Agrees with GESKit's planner: what `CloudEyeQuery.isWithinLimits` accepts is never shortened, and the
    /// shortened range is one it accepts.
    @Test(arguments: CloudEyePeriod.allCases)
    func agreesWithTheClientsIdeaOfTheLimits(period: CloudEyePeriod) {
        for metrics in [1, 2, 3, 10, 99, 250, 500] {
            for hours in [1, 5, 24, 100, 24 * 12, 24 * 200] {
                let from = Self.to - Int64(hours) * 3_600_000
                let graphs = (0..<metrics).map { "g\($0)" }
                let query = CloudEyeQuery(graphIDs: graphs, from: from, to: Self.to, period: period)
                let answered = CloudEyeRangeLimit.effectiveFrom(
                    from: from,
                    to: Self.to,
                    period: period,
                    metricCount: metrics
                )
                if query.isWithinLimits { #expect(answered == from, "\(period) \(metrics) \(hours)h") }
                let shortened = CloudEyeQuery(graphIDs: graphs, from: answered, to: Self.to, period: period)
                #expect(shortened.isWithinLimits, "\(period) \(metrics) \(hours)h")
                #expect(answered >= from)
            }
        }
    }
}
