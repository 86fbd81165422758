import Foundation

/// One idle filter evaluated against one graph's usage, with the numbers for the report.
public struct IdleCheck: Sendable, Equatable {
    public var window: TimeSpan
    /// The metric column compared, nil for requests.
    public var metric: String?
    public var statistic: MetricStatistic?
    /// Requests in the window (whatever the filter measures).
    public var requests: Double
    /// The compared value: requests, or the metric's statistic; nil when the metric has no values in the window.
    public var value: Double?
    public var threshold: Double
    /// Covered share of the window, 0…1.
    public var coverage: Double
    public var minCoverage: Decimal
    public var held: Bool
    /// The value was within the threshold but too little of the window was covered: "insufficient usage data".
    public var failedForCoverage: Bool
    /// The usage periods cover at least `minCoverage` of the window, whatever the value.
    public var hasCoverage: Bool
    public var sentence: String

    public init(
        window: TimeSpan,
        metric: String? = nil,
        statistic: MetricStatistic? = nil,
        requests: Double,
        value: Double?,
        threshold: Double,
        coverage: Double,
        minCoverage: Decimal,
        held: Bool,
        failedForCoverage: Bool,
        hasCoverage: Bool = false,
        sentence: String
    ) {
        self.window = window
        self.metric = metric
        self.statistic = statistic
        self.requests = requests
        self.value = value
        self.threshold = threshold
        self.coverage = coverage
        self.minCoverage = minCoverage
        self.held = held
        self.failedForCoverage = failedForCoverage
        self.hasCoverage = hasCoverage
        self.sentence = sentence
    }
}
