import PropertyBased
import Testing

@testable import IdleStopCore

/// 2026-11-27T02:00:00Z.
private let now: Int64 = 1_795_744_800
private let hour: Int64 = 3600
private let day = TimeSpan.hours(24)

private func record(
    _ graph: String,
    _ start: Int64,
    _ seconds: Int64 = 3600,
    requests: Double = 0,
    metrics: [String: Double] = [:]
) -> UsageRecord {
    UsageRecord(graphID: graph, periodStart: start, periodSeconds: seconds, requests: requests, metrics: metrics)
}

private func summarize(_ records: [UsageRecord], query: UsageQuery) -> UsageSummary {
    var aggregator = UsageAggregator(query: query)
    for record in records { aggregator.add(record) }
    return aggregator.summary()
}

struct UsageAggregatorTests {
    @Test func aPeriodEndingAtTheWindowStartDoesNotCount() throws {
        let summary = summarize(
            [record("g", now - 25 * hour, requests: 5)],
            query: UsageQuery(now: Instant(unixSeconds: now), windows: [day])
        )
        let usage = try #require(summary.graphs["g"]).usage(over: day)
        #expect(usage.requests == 0)
        #expect(usage.coveredSeconds == 0)
        #expect(summary.graphs["g"]?.lastActivity == now - 24 * hour)
    }

    @Test func aPeriodStartingAtTheWindowStartCountsWhole() throws {
        let summary = summarize(
            [record("g", now - 24 * hour, requests: 2)],
            query: UsageQuery(now: Instant(unixSeconds: now), windows: [day])
        )
        let usage = try #require(summary.graphs["g"]).usage(over: day)
        #expect(usage.requests == 2)
        #expect(usage.coveredSeconds == hour)
    }

    @Test func aPeriodStraddlingTheWindowStartCountsItsRequestsWholeAndItsTimeClipped() throws {
        let summary = summarize(
            [record("g", now - 24 * hour - 1800, requests: 7)],
            query: UsageQuery(now: Instant(unixSeconds: now), windows: [day])
        )
        let usage = try #require(summary.graphs["g"]).usage(over: day)
        #expect(usage.requests == 7)
        #expect(usage.coveredSeconds == 1800)
    }

    @Test func aPeriodStartingAtNowIsFuture() {
        let summary = summarize(
            [record("g", now, requests: 9), record("g", now + 86_400, requests: 1)],
            query: UsageQuery(now: Instant(unixSeconds: now), windows: [day])
        )
        #expect(summary.futureRows == 2)
        #expect(summary.graphs["g"] == nil)
        #expect(summary.rowsRead == 2)
    }

    @Test func aPeriodRunningPastNowIsClippedAndItsActivityEndsAtNow() throws {
        let summary = summarize(
            [record("g", now - 1800, requests: 1)],
            query: UsageQuery(now: Instant(unixSeconds: now), windows: [.hours(1)])
        )
        let graph = try #require(summary.graphs["g"])
        #expect(graph.usage(over: .hours(1)).coveredSeconds == 1800)
        #expect(graph.lastActivity == now)
    }

    @Test func overlapsAndDuplicatesCountTimeOnceAndRequestsEachTime() throws {
        let records = [
            record("g", now - 2 * hour, requests: 1), record("g", now - 2 * hour, requests: 1),
            record("g", now - 2 * hour + 1800, requests: 3),
        ]
        let summary = summarize(records, query: UsageQuery(now: Instant(unixSeconds: now), windows: [day]))
        let usage = try #require(summary.graphs["g"]).usage(over: day)
        #expect(usage.requests == 5)
        #expect(usage.coveredSeconds == hour + 1800)
    }

    @Test func gapsLowerCoverage() throws {
        let records = (0..<24).filter { $0 % 3 != 0 }.map { record("g", now - Int64($0 + 1) * hour) }
        let summary = summarize(records, query: UsageQuery(now: Instant(unixSeconds: now), windows: [day, .hours(3)]))
        let graph = try #require(summary.graphs["g"])
        #expect(graph.usage(over: day).coveredSeconds == 16 * hour)
        #expect(graph.usage(over: .hours(3)).coveredSeconds == 2 * hour)
        #expect(graph.usage(over: day).coverage == 16.0 / 24.0)
        #expect(graph.lastActivity == nil)
    }

    @Test func eachWindowGetsItsOwnTotals() throws {
        let records = [
            record("g", now - hour, requests: 1), record("g", now - 10 * hour, requests: 10),
            record("g", now - 30 * hour, requests: 100),
        ]
        let windows: Set<TimeSpan> = [.hours(1), day, .days(7)]
        let graph = try #require(
            summarize(records, query: UsageQuery(now: Instant(unixSeconds: now), windows: windows)).graphs["g"]
        )
        #expect(graph.windows.count == 3)
        #expect(graph.usage(over: .hours(1)).requests == 1)
        #expect(graph.usage(over: day).requests == 11)
        #expect(graph.usage(over: .days(7)).requests == 111)
        #expect(graph.usage(over: .days(7)).coveredSeconds == 3 * hour)
        #expect(graph.lastActivity == now)
    }

    @Test func unknownGraphsAreCountedButNotKept() {
        let query = UsageQuery(now: Instant(unixSeconds: now), windows: [day], graphIDs: ["known", "quiet"])
        let summary = summarize(
            [
                record("known", now - hour, requests: 1), record("stranger", now - hour),
                record("stranger", now - 2 * hour),
            ],
            query: query
        )
        #expect(summary.rowsForUnknownGraphs == 2)
        #expect(Set(summary.graphs.keys) == ["known", "quiet"])
        #expect(summary.graphs["quiet"]?.usage(over: day) == WindowUsage(window: day))
        #expect(summary.graphs["quiet"]?.windows.count == 1)
        #expect(summary.rowsRead == 3)
    }

    @Test func metricsKeepSumMaxCountAndTheirOwnCoverageOnlyForQueriedColumns() throws {
        let records = [
            record("g", now - hour, metrics: ["cpu_util": 10, "mem": 99]),
            record("g", now - 2 * hour, metrics: ["cpu_util": 30]),
            record("g", now - 3 * hour, metrics: [:]),
            record("g", now - 30 * hour, metrics: ["cpu_util": 50]),
        ]
        let query = UsageQuery(
            now: Instant(unixSeconds: now),
            windows: [day, .days(2)],
            metrics: ["cpu_util", "disk"]
        )
        let graph = try #require(summarize(records, query: query).graphs["g"])
        let cpu = try #require(graph.usage(over: day).metrics["cpu_util"])
        #expect(cpu.sum == 40 && cpu.max == 30 && cpu.count == 2 && cpu.average == 20)
        // The hour without a cpu_util value covers the window, not the metric.
        #expect(graph.usage(over: day).coveredSeconds == 3 * hour)
        #expect(cpu.coveredSeconds == 2 * hour)
        #expect(graph.usage(over: .days(2)).metrics["cpu_util"]?.max == 50)
        #expect(graph.usage(over: day).metrics["mem"] == nil)
        #expect(graph.usage(over: day).metrics["disk"] == nil)
    }

    @Test func lastActivityIgnoresPeriodsWithoutRequests() throws {
        let records = [record("g", now - 5 * hour, requests: 2), record("g", now - hour, requests: 0)]
        let graph = try #require(
            summarize(records, query: UsageQuery(now: Instant(unixSeconds: now), windows: [day])).graphs["g"]
        )
        #expect(graph.lastActivity == now - 4 * hour)
    }

    @Test func mergingSplitInputEqualsReadingItWhole() async {
        let recordGen = zip(
            Gen.element(of: ["a", "b", "c"]).map { $0 ?? "a" },
            Gen.int64(in: -40...4),
            Gen.int64(in: 1...7),
            Gen.int(in: 0...3),
            Gen.int(in: 0...9)
        ).map { graph, start, length, requests, cpu in
            // Some rows have no cpu value: the metric's own coverage must merge like the window's.
            let metrics = cpu < 7 ? ["cpu": Double(cpu)] : [:]
            return record(graph, now + start * 1800, length * 900, requests: Double(requests), metrics: metrics)
        }
        await propertyCheck(input: recordGen.array(of: 0...40), Gen.int(in: 0...40)) { records, cut in
            let query = UsageQuery(
                now: Instant(unixSeconds: now),
                windows: [.hours(1), .hours(6), day],
                metrics: ["cpu"]
            )
            var first = UsageAggregator(query: query)
            var second = UsageAggregator(query: query)
            for (index, record) in records.enumerated() {
                if index < cut { first.add(record) } else { second.add(record) }
            }
            first.merge(second)
            let whole = summarize(records, query: query)
            #expect(first.summary() == whole)
            #expect(summarize(records.reversed(), query: query) == whole)
        }
    }

    @Test func coverageNeverExceedsTheWindow() async {
        let recordGen = zip(Gen.int64(in: -100...10), Gen.int64(in: 1...50)).map { start, length in
            record("g", now + start * 600, length * 300)
        }
        await propertyCheck(input: recordGen.array(of: 0...30)) { records in
            let summary = summarize(
                records,
                query: UsageQuery(now: Instant(unixSeconds: now), windows: [.hours(1), .hours(5)])
            )
            for window: TimeSpan in [.hours(1), .hours(5)] {
                let covered = summary.graphs["g"]?.usage(over: window).coveredSeconds ?? 0
                #expect(covered >= 0 && covered <= window.seconds)
            }
        }
    }
}
