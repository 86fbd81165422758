import Foundation

/// `idle`: over `[now − window, now)` the measure stays within its threshold and usage covers enough of the window.
public struct IdleFilter: Sendable, Equatable {
    public static let defaultMinCoverage: Decimal = 0.9

    public var window: TimeSpan
    public var measure: IdleMeasure
    /// Share of the window (0…1) the usage periods must cover; less is "insufficient usage data", never idle.
    public var minCoverage: Decimal

    public init(
        window: TimeSpan,
        measure: IdleMeasure = .requests(atMost: 0),
        minCoverage: Decimal = Self.defaultMinCoverage
    ) {
        self.window = window
        self.measure = measure
        self.minCoverage = minCoverage
    }
}

/// What an idle filter measures: the request count, or a statistic of another metric column.
public enum IdleMeasure: Sendable, Equatable {
    /// `max_requests`: the most requests the window may hold.
    case requests(atMost: Double)
    /// `metric`, `stat`, `at_most`.
    case metric(String, MetricStatistic, atMost: Double)
}

/// The statistic of a metric column an idle filter compares.
public enum MetricStatistic: String, Sendable, Equatable, CaseIterable {
    case sum, max, avg
}
