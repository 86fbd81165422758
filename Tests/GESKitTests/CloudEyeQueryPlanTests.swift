import Foundation
import IdleStopCore
import Testing

@testable import GESKit

struct CloudEyeQueryPlanTests {
    static let start = Date(timeIntervalSince1970: 1_763_942_400)  // 2025-11-24T00:00:00Z, a whole day

    static func graphs(_ count: Int) -> [String] { (0..<count).map { "graph-\($0)" } }

    /// Checks that `queries` cover each graph over exactly the aligned range, once, within every limit.
    static func expectExactCover(
        _ queries: [CloudEyeQuery],
        graphs: [String],
        range: (from: Int64, to: Int64),
        period: CloudEyePeriod
    ) {
        var byGraph: [String: [CloudEyeQuery]] = [:]
        for query in queries {
            #expect(query.isWithinLimits, "\(query.graphIDs.count) metrics, \(query.rangeSeconds) s at \(period)")
            #expect(query.graphIDs.count <= 500)
            #expect(query.countedDatapoints <= 3000)
            #expect(query.rangeSeconds <= period.maxRangeSeconds)
            #expect(query.period == period)
            #expect(query.from % (period.datapointSeconds * 1000) == 0)
            #expect(query.to % (period.datapointSeconds * 1000) == 0)
            #expect(Set(query.graphIDs).count == query.graphIDs.count)
            for graph in query.graphIDs { byGraph[graph, default: []].append(query) }
        }
        #expect(Set(byGraph.keys) == Set(graphs))
        for (graph, covering) in byGraph {
            let sorted = covering.sorted { $0.from < $1.from }
            #expect(sorted.first?.from == range.from * 1000, "\(graph)")
            #expect(sorted.last?.to == range.to * 1000, "\(graph)")
            for (previous, next) in zip(sorted, sorted.dropFirst()) {
                #expect(previous.to == next.from, "\(graph): gap or overlap at \(previous.to)")
            }
        }
    }

    @Test(arguments: CloudEyePeriod.allCases)
    func oneGraphIsSplitAtThePeriodsRangeLimit(_ period: CloudEyePeriod) {
        let to = Self.start.addingTimeInterval(TimeInterval(2 * period.maxRangeSeconds + period.datapointSeconds))
        let queries = CloudEyeQueryPlan.plan(graphIDs: ["g"], from: Self.start, to: to, period: period)
        Self.expectExactCover(
            queries,
            graphs: ["g"],
            range: CloudEyeQueryPlan.alignedRange(from: Self.start, to: to, period: period),
            period: period
        )
        // Two full ranges and one datapoint more need three calls; raw data is bound by the
        // 3000-datapoint rule first (3000 s per call for one metric).
        let expected = period == .raw ? (2 * 14400 + 60 + 2999) / 3000 : 3
        #expect(queries.count == expected)
    }

    @Test(arguments: CloudEyePeriod.allCases)
    func aRangeAtTheLimitIsOneCall(_ period: CloudEyePeriod) {
        guard period != .raw else { return }
        let to = Self.start.addingTimeInterval(TimeInterval(period.maxRangeSeconds))
        let queries = CloudEyeQueryPlan.plan(graphIDs: ["g"], from: Self.start, to: to, period: period)
        #expect(queries.count == 1)
        #expect(queries.first?.rangeSeconds == period.maxRangeSeconds)
    }

    @Test func metricsTimesRangeOver3000IsSplit() {
        // 11 graphs × 288 five-minute datapoints = 3168 > 3000: one call would be shortened.
        let graphs = Self.graphs(11)
        let to = Self.start.addingTimeInterval(86400)
        let queries = CloudEyeQueryPlan.plan(graphIDs: graphs, from: Self.start, to: to, period: .fiveMinutes)
        #expect(queries.count == 2)
        Self.expectExactCover(
            queries,
            graphs: graphs,
            range: (1_763_942_400, 1_764_028_800),
            period: .fiveMinutes
        )
        // 10 graphs × 288 = 2880 fit in one call.
        #expect(
            CloudEyeQueryPlan.plan(graphIDs: Self.graphs(10), from: Self.start, to: to, period: .fiveMinutes).count
                == 1
        )
    }

    @Test func batchesHoldAtMost500Metrics() {
        let to = Self.start.addingTimeInterval(3600)
        let plan = { (count: Int) in
            CloudEyeQueryPlan.plan(graphIDs: Self.graphs(count), from: Self.start, to: to, period: .oneHour)
        }
        #expect(plan(500).count == 1)
        #expect(plan(501).count == 2)
        #expect(plan(501).map(\.graphIDs.count).sorted() == [250, 251])
        #expect(plan(1000).count == 2)
        #expect(plan(1001).count == 3)
    }

    struct CoverCase: Sendable, CustomTestStringConvertible {
        var graphs: Int
        var hours: Double
        var period: CloudEyePeriod
        var testDescription: String { "\(graphs) graphs, \(hours) h at \(period)" }
    }

    static let coverCases: [CoverCase] = [
        .init(graphs: 1, hours: 0.1, period: .raw),
        .init(graphs: 3, hours: 5, period: .raw),
        .init(graphs: 60, hours: 1, period: .raw),
        .init(graphs: 7, hours: 9, period: .oneMinute),
        .init(graphs: 501, hours: 2, period: .oneMinute),
        .init(graphs: 13, hours: 168, period: .fiveMinutes),
        .init(graphs: 1200, hours: 24, period: .fiveMinutes),
        .init(graphs: 37, hours: 336, period: .twentyMinutes),
        .init(graphs: 999, hours: 168, period: .oneHour),
        .init(graphs: 2, hours: 24 * 45, period: .fourHours),
        .init(graphs: 45, hours: 24 * 400, period: .oneDay),
    ]

    @Test(arguments: coverCases)
    func everyGraphIsCoveredOnceWithinEveryLimit(_ row: CoverCase) {
        let graphs = Self.graphs(row.graphs)
        let from = Self.start.addingTimeInterval(37)  // not aligned: widened to whole datapoints
        let to = from.addingTimeInterval(row.hours * 3600)
        let queries = CloudEyeQueryPlan.plan(graphIDs: graphs, from: from, to: to, period: row.period)
        let range = CloudEyeQueryPlan.alignedRange(from: from, to: to, period: row.period)
        #expect(range.from <= 1_763_942_437 && range.to >= Int64(to.timeIntervalSince1970))
        Self.expectExactCover(queries, graphs: graphs, range: range, period: row.period)
        // Not wasteful: within twice the lower bound set by the datapoint and metric limits.
        let counted = Int64(row.graphs) * (range.to - range.from) / row.period.rawValue
        let lowerBound = max((counted + 2999) / 3000, Int64((row.graphs + 499) / 500))
        #expect(Int64(queries.count) <= 2 * lowerBound + 1)
    }

    /// The fewest calls the documented limits allow for `graphs` over `points` datapoints each (issue 15 item 4).
    ///
    /// A call answers at most 3000 counted datapoints (metrics × range ÷ period), so at least ⌈graphs × points ÷
    /// 3000⌉ calls; it also holds at most 500 metrics and, at 3600 s, at most 10 days, so at least ⌈graphs ÷ 500⌉ ×
    /// ⌈range ÷ 10 days⌉ calls. For 10,000 graphs with 24h and 7d windows the run asks once, over the longest
    /// window (the 24h window lies inside it), at the period `CloudEyePeriod.choose` picks for them, 3600 s: 168
    /// hourly points when `now` is on the hour, 169 when it is not (the range widens to whole hours). Bounds:
    /// ⌈1,680,000 ÷ 3000⌉ = 560 (reached: 20 batches of 500 graphs × 28 six-hour chunks, 500 × 6 = 3000) and
    /// ⌈1,690,000 ÷ 3000⌉ = 564; the 500-metric and 10-day rules give only 20 × 1.
    static func minimumCalls(graphs: Int64, points: Int64, period: CloudEyePeriod) -> Int64 {
        let byDatapoints = (graphs * points + 2999) / 3000
        let rangeSeconds = points * period.datapointSeconds
        let byMetricsAndRange =
            (graphs + 499) / 500 * ((rangeSeconds + period.maxRangeSeconds - 1) / period.maxRangeSeconds)
        return max(byDatapoints, byMetricsAndRange)
    }

    @Test(arguments: [0, 37 * 60 + 13])
    func tenThousandGraphsOverADayAndAWeekTakeWithinFivePercentOfTheFewestCalls(_ pastTheHour: Int) {
        let period = CloudEyePeriod.choose(forWindows: [.hours(24), .days(7)])
        #expect(period == .oneHour)
        let now = Self.start.addingTimeInterval(TimeInterval(pastTheHour))
        let from = now.addingTimeInterval(-7 * 86400)
        let graphs = Self.graphs(10_000)
        let queries = CloudEyeQueryPlan.plan(graphIDs: graphs, from: from, to: now, period: period)
        let range = CloudEyeQueryPlan.alignedRange(from: from, to: now, period: period)
        Self.expectExactCover(queries, graphs: graphs, range: range, period: period)
        let points = (range.to - range.from) / period.datapointSeconds
        #expect(points == (pastTheHour == 0 ? 168 : 169))
        let minimum = Self.minimumCalls(graphs: 10_000, points: points, period: period)
        #expect(minimum == (pastTheHour == 0 ? 560 : 564))
        #expect(Double(queries.count) <= Double(minimum) * 1.05, "\(queries.count) calls, at least \(minimum)")
    }

    @Test func rangeIsWidenedToWholeDatapoints() {
        let from = Date(timeIntervalSince1970: 1_764_036_450)  // 10:07:30
        let to = Date(timeIntervalSince1970: 1_764_039_720)  // 11:02:00
        #expect(
            CloudEyeQueryPlan.alignedRange(from: from, to: to, period: .fiveMinutes) == (1_764_036_300, 1_764_039_900)
        )
        #expect(CloudEyeQueryPlan.alignedRange(from: from, to: to, period: .raw) == (1_764_036_420, 1_764_039_720))
        let queries = CloudEyeQueryPlan.plan(graphIDs: ["g"], from: from, to: to, period: .fiveMinutes)
        #expect(
            queries == [
                CloudEyeQuery(graphIDs: ["g"], from: 1_764_036_300_000, to: 1_764_039_900_000, period: .fiveMinutes)
            ]
        )
    }

    @Test func repeatedGraphsAreAskedOnceAndEmptyInputsAskNothing() {
        let to = Self.start.addingTimeInterval(3600)
        let queries = CloudEyeQueryPlan.plan(graphIDs: ["a", "b", "a"], from: Self.start, to: to, period: .oneHour)
        #expect(queries.map(\.graphIDs) == [["a", "b"]])
        #expect(CloudEyeQueryPlan.plan(graphIDs: [], from: Self.start, to: to, period: .oneHour).isEmpty)
        #expect(CloudEyeQueryPlan.plan(graphIDs: ["a"], from: to, to: Self.start, period: .oneHour).isEmpty)
    }
}
