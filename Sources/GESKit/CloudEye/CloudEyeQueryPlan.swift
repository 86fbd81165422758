import Foundation

/// Splits a request-count query into batch queries that Cloud Eye answers in full.
///
/// Cloud Eye silently moves `from` forward when one call asks for more than the period's range limit or
/// for more than 3000 datapoints (metrics × range ÷ period), and takes at most 500 metrics per call
/// (docs/ges-api.md §6.1). The plan splits by graph and by time so that no call crosses a limit, using as few
/// calls as possible.
public enum CloudEyeQueryPlan {
    /// Metrics one batch call may hold.
    public static let maxMetricsPerCall = 500
    /// Datapoints (metrics × range ÷ period) one call may cover before Cloud Eye shortens the range.
    public static let maxDatapointsPerCall: Int64 = 3000

    /// The queries covering every graph over `[from, to)`, widened outwards to whole datapoints.
    ///
    /// The range is aligned to `period.datapointSeconds` (floor of `from`, ceiling of `to`) so that no
    /// datapoint is cut by a chunk boundary; chunks are consecutive and disjoint. Repeated graph IDs are
    /// asked once. No graphs or an empty range give no queries.
    public static func plan(graphIDs: [String], from: Date, to: Date, period: CloudEyePeriod) -> [CloudEyeQuery] {
        var seen: Set<String> = []
        let graphs = graphIDs.filter { seen.insert($0).inserted }
        let range = alignedRange(from: from, to: to, period: period)
        guard !graphs.isEmpty, range.to > range.from else { return [] }

        let unit = period.datapointSeconds
        let cost = unit / period.rawValue  // counted datapoints per unit and metric
        let totalUnits = (range.to - range.from) / unit
        let graphCount = Int64(graphs.count)
        let longest = min(period.maxRangeSeconds / unit, maxDatapointsPerCall / cost, totalUnits)

        var best: (calls: Int64, units: Int64, metrics: Int64) = (.max, 1, 1)
        for units in 1...max(1, longest) {
            let metrics = min(Int64(maxMetricsPerCall), maxDatapointsPerCall / (cost * units), graphCount)
            let calls = ceilDiv(graphCount, metrics) * ceilDiv(totalUnits, units)
            if calls <= best.calls { best = (calls, units, metrics) }
        }

        let batches = balancedBatches(graphs, count: Int(ceilDiv(graphCount, best.metrics)))
        var queries: [CloudEyeQuery] = []
        var start = range.from
        while start < range.to {
            let end = min(start + best.units * unit, range.to)
            for batch in batches {
                queries.append(CloudEyeQuery(graphIDs: batch, from: start * 1000, to: end * 1000, period: period))
            }
            start = end
        }
        return queries
    }

    /// `[from, to)` in Unix seconds, widened to multiples of `period.datapointSeconds`.
    public static func alignedRange(from: Date, to: Date, period: CloudEyePeriod) -> (from: Int64, to: Int64) {
        let unit = Double(period.datapointSeconds)
        let start = Int64((from.timeIntervalSince1970 / unit).rounded(.down)) * period.datapointSeconds
        let end = Int64((to.timeIntervalSince1970 / unit).rounded(.up)) * period.datapointSeconds
        return (start, end)
    }

    /// `items` in `count` consecutive batches whose sizes differ by at most one.
    private static func balancedBatches(_ items: [String], count: Int) -> [[String]] {
        let base = items.count / count
        let extra = items.count % count
        var batches: [[String]] = []
        var index = 0
        for batch in 0..<count {
            let size = base + (batch < extra ? 1 : 0)
            batches.append(Array(items[index..<index + size]))
            index += size
        }
        return batches
    }

    private static func ceilDiv(_ a: Int64, _ b: Int64) -> Int64 { (a + b - 1) / b }
}
