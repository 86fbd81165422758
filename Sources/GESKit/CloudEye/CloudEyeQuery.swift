/// One batch query for Cloud Eye: some graphs, one time range, one period; within the call limits.
public struct CloudEyeQuery: Sendable, Equatable, Hashable {
    /// Graph IDs, each one metric (`instance_id` dimension); at most 500.
    public var graphIDs: [String]
    /// Start of the range, Unix milliseconds, inclusive.
    public var from: Int64
    /// End of the range, Unix milliseconds, exclusive.
    public var to: Int64
    public var period: CloudEyePeriod

    public init(graphIDs: [String], from: Int64, to: Int64, period: CloudEyePeriod) {
        self.graphIDs = graphIDs
        self.from = from
        self.to = to
        self.period = period
    }

    /// `to − from` in seconds.
    public var rangeSeconds: Int64 { (to - from) / 1000 }

    /// The datapoint count Cloud Eye charges against its limit: metrics × (to − from) ÷ period.
    public var countedDatapoints: Int64 { Int64(graphIDs.count) * rangeSeconds / period.rawValue }

    /// Whether Cloud Eye answers this query in full (no silent shortening of the range).
    public var isWithinLimits: Bool {
        !graphIDs.isEmpty && graphIDs.count <= CloudEyeQueryPlan.maxMetricsPerCall && from < to
            && rangeSeconds <= period.maxRangeSeconds
            && Int64(graphIDs.count) * rangeSeconds <= CloudEyeQueryPlan.maxDatapointsPerCall * period.rawValue
    }
}
