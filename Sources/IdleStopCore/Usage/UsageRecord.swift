/// One usage row: what a graph served during one measured period.
public struct UsageRecord: Sendable, Equatable {
    public var graphID: String
    /// Start of the period, Unix seconds.
    public var periodStart: Int64
    /// Length of the period in seconds; positive.
    public var periodSeconds: Int64
    public var requests: Double
    /// Values of the metric columns, by column name.
    public var metrics: [String: Double]

    public init(
        graphID: String,
        periodStart: Int64,
        periodSeconds: Int64,
        requests: Double,
        metrics: [String: Double] = [:]
    ) {
        self.graphID = graphID
        self.periodStart = periodStart
        self.periodSeconds = periodSeconds
        self.requests = requests
        self.metrics = metrics
    }
}
