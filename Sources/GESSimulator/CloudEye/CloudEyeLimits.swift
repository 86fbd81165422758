/// Cloud Eye's documented limits on one metric-data query, stated once for the simulator (docs/ges-api.md §6.1).
///
/// The simulator's own reading of the documentation, not the client's: a simulator that took its limits from the
/// client could not catch the client getting them wrong.
enum CloudEyeLimits {
    /// `metrics` holds 1 to 500 entries.
    static let maxMetricsPerCall = 500
    /// Beyond `metrics × (to − from) ÷ period > 3000`, the service moves `from` forward.
    static let maxDatapointsPerCall: Int64 = 3000
    /// Dimensions per metric, 1 to 4, as the simulator has always taken Cloud Eye to allow (not in docs/ges-api.md).
    static let maxDimensions = 4

    /// A query's `period` in seconds, one of the documented values.
    enum Period: Int64, Sendable, CaseIterable {
        case raw = 1
        case oneMinute = 60
        case fiveMinutes = 300
        case twentyMinutes = 1200
        case oneHour = 3600
        case fourHours = 14400
        case oneDay = 86400

        /// Seconds one datapoint stands for: raw data is GES's once-a-minute report (docs/ges-api.md §6).
        var datapointSeconds: Int64 { self == .raw ? 60 : rawValue }

        /// The longest `to − from` in seconds before the service moves `from` forward.
        ///
        /// The documentation gives none for 60; the simulator assumes the raw period's 4 h.
        var maxRangeSeconds: Int64 {
            switch self {
            case .raw, .oneMinute: 4 * 3600
            case .fiveMinutes: 86_400
            case .twentyMinutes: 3 * 86_400
            case .oneHour: 10 * 86_400
            case .fourHours: 30 * 86_400
            case .oneDay: 180 * 86_400
            }
        }

        /// The `from` (Unix ms) the service really answers for: Cloud Eye shortens long ranges without an error.
        ///
        /// When `to − from` exceeds the range limit, or `metricCount × (to − from) ÷ period` exceeds the datapoint
        /// budget, `from` moves forward until neither holds.
        func effectiveFrom(from: Int64, to: Int64, metricCount: Int) -> Int64 {
            var start = Swift.max(from, to - maxRangeSeconds * 1000)
            let metrics = Int64(Swift.max(1, metricCount))
            let budget = CloudEyeLimits.maxDatapointsPerCall * rawValue * 1000
            if metrics * (to - start) > budget { start = to - budget / metrics }
            return start
        }
    }
}
