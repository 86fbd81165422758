import Foundation
import IdleStopTestSupport
import Logging
import Testing

@testable import IdleStopCore

/// 2026-11-27T02:00:00Z, a Friday.
private let now = Instant(unixSeconds: 1_795_744_800)

/// A one-policy set parsed from `match` items written as YAML flow mappings.
func parsedPolicy(_ items: String..., action: String = "stop") throws -> Policy {
    let match = items.map { "      - \($0)" }.joined(separator: "\n")
    let yaml = "version: 1\npolicies:\n  - name: p\n    match:\n\(match)\n    action: \(action)\n"
    return try #require(try PolicySet.parse(yaml: yaml, file: "test.yml").policies.first)
}

private func usage(
    _ window: TimeSpan,
    covered: Int64,
    requests: Double = 0,
    metrics: [String: MetricStats] = [:]
) -> GraphUsage {
    GraphUsage(
        graphID: "g",
        windows: [window: WindowUsage(window: window, coveredSeconds: covered, requests: requests, metrics: metrics)]
    )
}

private let graph = Graph(id: "g", name: "dev-a", status: .running, sizeIndex: "1", tags: ["env": "dev"])

@Test func noRequestsWithFullCoverageIsIdle() throws {
    let result = try parsedPolicy("idle: { window: 24h }").evaluate(
        graph: graph,
        usage: usage(.hours(24), covered: 86_400),
        now: now
    )
    #expect(result.matched)
    #expect(result.failure == nil)
    #expect(result.summary == "0 requests in the last 24h, usage covers 100% of the window")
    #expect(result.idleChecks.count == 1)
    #expect(result.idleChecks[0].held)
    #expect(result.idleChecks[0].coverage == 1)
}

@Test func moreRequestsThanAllowedIsNotIdle() throws {
    let result = try parsedPolicy("idle: { window: 24h }")
        .evaluate(graph: graph, usage: usage(.hours(24), covered: 86_400, requests: 12), now: now)
    #expect(!result.matched)
    #expect(result.failure == "12 requests in the last 24h, more than the 0 allowed")
    #expect(result.idleChecks[0].failedForCoverage == false)
}

@Test func requestsUpToTheThresholdAreIdle() throws {
    let result = try parsedPolicy("idle: { window: 7d, max_requests: 20 }")
        .evaluate(graph: graph, usage: usage(.days(7), covered: 604_800, requests: 20), now: now)
    #expect(result.matched)
    #expect(result.summary == "20 requests in the last 7d, usage covers 100% of the window")
}

@Test func tooLittleCoverageIsNeverIdleAndSaysSo() throws {
    let result = try parsedPolicy("idle: { window: 24h }").evaluate(
        graph: graph,
        usage: usage(.hours(24), covered: 43_200),
        now: now
    )
    #expect(!result.matched)
    #expect(result.failure == "insufficient usage data: 50% of 24h covered, 90% required")
    #expect(result.idleChecks[0].failedForCoverage)
    #expect(result.idleChecks[0].held == false)
}

@Test func noUsageAtAllIsInsufficientData() throws {
    let result = try parsedPolicy("idle: { window: 24h }").evaluate(
        graph: graph,
        usage: GraphUsage(graphID: "g"),
        now: now
    )
    #expect(!result.matched)
    #expect(result.failure == "insufficient usage data: 0% of 24h covered, 90% required")
}

@Test(arguments: [
    // Just under 90%: 77_759 s is 89.998…%, reported as 89% and not enough.
    (Int64(77_759), false, "insufficient usage data: 89% of 24h covered, 90% required"),
    // Exactly 90% is enough (compared exactly, not in binary floating point).
    (Int64(77_760), true, "0 requests in the last 24h, usage covers 90% of the window"),
    // 99.99% is still reported as 99%, never rounded up to 100%.
    (Int64(86_391), true, "0 requests in the last 24h, usage covers 99% of the window"),
])
func coveragePercentagesRoundDown(covered: Int64, matched: Bool, sentence: String) throws {
    let result = try parsedPolicy("idle: { window: 24h }").evaluate(
        graph: graph,
        usage: usage(.hours(24), covered: covered),
        now: now
    )
    #expect(result.matched == matched)
    #expect(result.summary == sentence)
}

@Test func tooManyRequestsWinOverTooLittleCoverage() throws {
    let result = try parsedPolicy("idle: { window: 24h }")
        .evaluate(graph: graph, usage: usage(.hours(24), covered: 3600, requests: 1), now: now)
    #expect(result.failure == "1 request in the last 24h, more than the 0 allowed")
    #expect(result.idleChecks[0].failedForCoverage == false)
}

@Test func metricStatisticWithinItsLimitIsIdle() throws {
    var stats = MetricStats(coveredSeconds: 21_200)
    for value in [0.5, 1.5, 1.0] { stats.add(value) }
    let result = try parsedPolicy("idle: { window: 6h, metric: cpu_util, stat: max, at_most: 2 }")
        .evaluate(graph: graph, usage: usage(.hours(6), covered: 21_600, metrics: ["cpu_util": stats]), now: now)
    #expect(result.matched)
    #expect(result.summary == "cpu_util max 1.5 over the last 6h (at most 2), cpu_util values cover 98% of the window")
    #expect(result.idleChecks[0].value == 1.5)
    #expect(result.idleChecks[0].metric == "cpu_util")
}

@Test(arguments: [
    (MetricStatistic.sum, 6.0, "cpu_util sum 6 over the last 6h, more than the 2 allowed"),
    (MetricStatistic.max, 3.0, "cpu_util max 3 over the last 6h, more than the 2 allowed"),
    (MetricStatistic.avg, 2.0, "cpu_util avg 2 over the last 6h (at most 2), cpu_util values cover 100% of the window"),
])
func eachStatisticIsComparedWithAtMost(stat: MetricStatistic, value: Double, sentence: String) throws {
    var stats = MetricStats(coveredSeconds: 21_600)
    for value in [1.0, 2.0, 3.0] { stats.add(value) }
    let result = try parsedPolicy("idle: { window: 6h, metric: cpu_util, stat: \(stat), at_most: 2 }")
        .evaluate(graph: graph, usage: usage(.hours(6), covered: 21_600, metrics: ["cpu_util": stats]), now: now)
    #expect(result.idleChecks[0].value == value)
    #expect(result.summary == sentence)
    #expect(result.matched == (value <= 2))
}

@Test(arguments: MetricStatistic.allCases)
func aMetricWithNoValuesIsNotIdle(stat: MetricStatistic) throws {
    // Rows cover the whole window, but none has a cpu_util value: no time counts for the metric.
    let result = try parsedPolicy("idle: { window: 6h, metric: cpu_util, stat: \(stat), at_most: 2 }")
        .evaluate(graph: graph, usage: usage(.hours(6), covered: 21_600), now: now)
    #expect(!result.matched)
    #expect(result.failure == "insufficient usage data: 0% of 6h covered by cpu_util values, 90% required")
    #expect(result.idleChecks[0].failedForCoverage)
    // Without a coverage requirement, the statistic itself is unknown.
    let lenient = try parsedPolicy("idle: { window: 6h, metric: cpu_util, stat: \(stat), at_most: 2, min_coverage: 0 }")
        .evaluate(graph: graph, usage: usage(.hours(6), covered: 21_600), now: now)
    #expect(!lenient.matched)
    #expect(lenient.failure == "no cpu_util values in the last 6h: its \(stat) is unknown")
    #expect(lenient.idleChecks[0].failedForCoverage == false)
}

@Test func aMetricFilterCountsOnlyTheTimeThatHasTheMetric() throws {
    // cpu_util is blank in the twelve busy hours: those hours are gaps for the metric, not 0% CPU.
    let path = try Fixtures(.module).path("usage/metric-gaps.csv")
    let query = UsageQuery(now: now, windows: [.hours(24)], metrics: ["cpu_util"])
    let logger = Logger.discarding("policy-test")
    let usage = try #require(try UsageReader(query: query, logger: logger).read(sources: [path]).graphs["g1"])
    #expect(usage.usage(over: .hours(24)).coverage == 1)
    let result = try parsedPolicy("idle: { window: 24h, metric: cpu_util, stat: max, at_most: 2 }")
        .evaluate(graph: graph, usage: usage, now: now)
    #expect(!result.matched)
    #expect(result.failure == "insufficient usage data: 50% of 24h covered by cpu_util values, 90% required")
    #expect(result.idleChecks[0].coverage == 0.5)
    #expect(result.idleChecks[0].failedForCoverage)
}

@Test func aFailingFilterIsTheReasonEvenWhenCoverageIsAlsoShort() throws {
    let prod = Graph(id: "g", name: "p", status: .running, sizeIndex: "1", tags: ["env": "prod"])
    let result = try parsedPolicy("idle: { window: 24h }", "tag: { key: env, in: [dev, test] }")
        .evaluate(graph: prod, usage: usage(.hours(24), covered: 0), now: now)
    #expect(!result.matched)
    #expect(result.failure == "tag env is \"prod\", not one of dev, test")
    #expect(result.idleChecks.count == 1)
    #expect(result.idleChecks[0].failedForCoverage)
}

@Test func aMatchSummaryPutsTheIdleSentenceFirst() throws {
    let old = Graph(
        id: "g",
        name: "dev-a",
        status: .running,
        sizeIndex: "1",
        created: now.advanced(by: -5 * 86_400),
        tags: ["env": "dev"]
    )
    let result = try parsedPolicy("tag: { key: env, in: [dev, test] }", "age: { min: 3d }", "idle: { window: 24h }")
        .evaluate(graph: old, usage: usage(.hours(24), covered: 86_400), now: now)
    #expect(result.matched)
    #expect(
        result.summary
            == "0 requests in the last 24h, usage covers 100% of the window; tag env is \"dev\"; created 5d ago (at least 3d)"
    )
}

@Test func nonIntegralRequestsPrintWithTheirFraction() throws {
    let result = try parsedPolicy("idle: { window: 24h, max_requests: 2 }")
        .evaluate(graph: graph, usage: usage(.hours(24), covered: 86_400, requests: 2.5), now: now)
    #expect(result.failure == "2.5 requests in the last 24h, more than the 2 allowed")
}

@Test func moreRequestsOrLessCoverageNeverTurnKeepIntoMatch() throws {
    let idle = try parsedPolicy("idle: { window: 24h, max_requests: 10, min_coverage: 0.8 }")
    for covered in stride(from: Int64(0), through: 86_400, by: 3600) {
        for requests in 0...20 {
            let base = idle.evaluate(
                graph: graph,
                usage: usage(.hours(24), covered: covered, requests: Double(requests)),
                now: now
            )
            let busier = idle.evaluate(
                graph: graph,
                usage: usage(.hours(24), covered: covered, requests: Double(requests + 1)),
                now: now
            )
            let thinner = idle.evaluate(
                graph: graph,
                usage: usage(.hours(24), covered: max(covered - 3600, 0), requests: Double(requests)),
                now: now
            )
            #expect(!busier.matched || base.matched)
            #expect(!thinner.matched || base.matched)
            #expect(base.matched == (requests <= 10 && covered >= 69_120))
        }
    }
}
