/// What the usage records say about one graph over one look-back window `[now − window, now)`.
public struct WindowUsage: Sendable, Equatable {
    public var window: TimeSpan
    /// Seconds of the window covered by at least one usage period (union, clipped to the window).
    public var coveredSeconds: Int64
    /// Requests of every period that overlaps the window (a period that straddles the window's
    /// start counts whole: over-counting activity can only keep a graph, never stop it).
    public var requests: Double
    /// Statistics of the other metric columns over the same periods, by column name.
    public var metrics: [String: MetricStats]

    public init(window: TimeSpan, coveredSeconds: Int64 = 0, requests: Double = 0, metrics: [String: MetricStats] = [:])
    {
        self.window = window
        self.coveredSeconds = coveredSeconds
        self.requests = requests
        self.metrics = metrics
    }

    /// Covered share of the window, 0...1.
    public var coverage: Double { window.seconds > 0 ? Double(coveredSeconds) / Double(window.seconds) : 0 }
}

/// Sum, maximum and count of one metric's values inside a window, and how much of the window they cover.
///
/// `avg` is sum ÷ count. A metric filter judges coverage by `coveredSeconds`, not by the window's coverage:
/// rows whose cell for this metric is blank are gaps in it (a busy hour without `cpu_util` is unknown, not idle).
public struct MetricStats: Sendable, Equatable {
    public var sum: Double
    public var max: Double
    public var count: Int
    /// Seconds of the window covered by periods that have a value for this metric (union, clipped to the window).
    public var coveredSeconds: Int64

    public init(sum: Double = 0, max: Double = -.infinity, count: Int = 0, coveredSeconds: Int64 = 0) {
        self.sum = sum
        self.max = max
        self.count = count
        self.coveredSeconds = coveredSeconds
    }

    public mutating func add(_ value: Double) {
        sum += value
        if value > max { max = value }
        count += 1
    }

    public var average: Double? { count > 0 ? sum / Double(count) : nil }
}

/// Everything the usage records say about one graph, for every window the policies ask about.
public struct GraphUsage: Sendable, Equatable {
    public var graphID: String
    public var windows: [TimeSpan: WindowUsage]
    /// End (Unix seconds) of the latest period that had at least one request, over all rows read.
    public var lastActivity: Int64?
    /// End (Unix seconds, clipped to `now`) of the latest period of any record, with requests or not: how fresh
    /// the usage feed is for this graph.
    public var lastRecordEnd: Int64?

    public init(
        graphID: String,
        windows: [TimeSpan: WindowUsage] = [:],
        lastActivity: Int64? = nil,
        lastRecordEnd: Int64? = nil
    ) {
        self.graphID = graphID
        self.windows = windows
        self.lastActivity = lastActivity
        self.lastRecordEnd = lastRecordEnd
    }

    /// The usage over `window`, or an empty (zero-coverage) one when no record touched it.
    public func usage(over window: TimeSpan) -> WindowUsage { windows[window] ?? WindowUsage(window: window) }
}

/// What a policy set needs from the usage records, fixed before reading so that records can be
/// aggregated while they stream past and then forgotten.
public struct UsageQuery: Sendable, Equatable {
    /// The evaluation instant; windows end here.
    public var now: Instant
    public var windows: Set<TimeSpan>
    /// Metric columns other than `requests` that some policy reads.
    public var metrics: Set<String>
    /// Graphs to aggregate (the inventory); rows for other graphs are only counted. nil: all.
    public var graphIDs: Set<String>?

    public init(now: Instant, windows: Set<TimeSpan>, metrics: Set<String> = [], graphIDs: Set<String>? = nil) {
        self.now = now
        self.windows = windows
        self.metrics = metrics
        self.graphIDs = graphIDs
    }
}
