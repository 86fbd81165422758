import GESKit

/// Cloud Eye's silent shortening of long ranges (docs/ges-api.md §6.1), with GESKit's limits.
///
/// When `to − from` exceeds the period's range limit, or metrics × (to − from) ÷ period exceeds
/// 3000 datapoints, the service moves `from` forward until neither holds, and answers without an error.
enum CloudEyeRangeLimit {
    /// The `from` (Unix ms) the service really answers for.
    static func effectiveFrom(
        from: Int64,
        to: Int64,
        period: CloudEyePeriod,
        metricCount: Int
    )
        -> Int64
    {
        var start = from
        let longest = period.maxRangeSeconds * 1000
        if to - start > longest { start = to - longest }
        let metrics = Int64(Swift.max(1, metricCount))
        let budget = CloudEyeQueryPlan.maxDatapointsPerCall * period.rawValue * 1000
        if metrics * (to - start) > budget { start = to - budget / metrics }
        return start
    }
}
