import Foundation

/// The trip-wire of docs/SPEC.md §4 (more stops than this in one run and none is sent), and the usage-feed alarm.
///
/// Unset values fall back to safe defaults, 25 stops and half of the running graphs, and half of the evaluated
/// graphs with usable usage; merging files keeps the most careful value any file sets (the smallest stop
/// limits, the largest `min_data_share`), so that adding a file can only make the job more careful.
public struct PolicyLimits: Sendable, Equatable {
    public static let defaultMaxStopsPerRun = 25
    public static let defaultMaxStopShare: Decimal = 0.5
    public static let defaultMinDataShare: Decimal = 0.5

    /// `max_stops_per_run` as written, nil when no file sets it.
    public var configuredMaxStopsPerRun: Int?
    /// `max_stop_share` as written (0…1), nil when no file sets it.
    public var configuredMaxStopShare: Decimal?
    /// `min_data_share` as written (0…1), nil when no file sets it.
    public var configuredMinDataShare: Decimal?

    public init(maxStopsPerRun: Int? = nil, maxStopShare: Decimal? = nil, minDataShare: Decimal? = nil) {
        self.configuredMaxStopsPerRun = maxStopsPerRun
        self.configuredMaxStopShare = maxStopShare
        self.configuredMinDataShare = minDataShare
    }

    /// The most graphs one run may stop.
    public var maxStopsPerRun: Int { configuredMaxStopsPerRun ?? Self.defaultMaxStopsPerRun }
    /// The largest share of the running graphs one run may stop.
    public var maxStopShare: Decimal { configuredMaxStopShare ?? Self.defaultMaxStopShare }
    /// The smallest share of the evaluated running graphs that must have usable usage, else the run exits 6.
    public var minDataShare: Decimal { configuredMinDataShare ?? Self.defaultMinDataShare }

    /// The more careful of each value that either side sets: smaller stop limits, a larger `min_data_share`.
    func strictest(with other: PolicyLimits) -> PolicyLimits {
        func pick<T: Comparable>(_ a: T?, _ b: T?, _ careful: (T, T) -> T) -> T? {
            switch (a, b) {
            case (let a?, let b?): return careful(a, b)
            default: return a ?? b
            }
        }
        return PolicyLimits(
            maxStopsPerRun: pick(configuredMaxStopsPerRun, other.configuredMaxStopsPerRun, min),
            maxStopShare: pick(configuredMaxStopShare, other.configuredMaxStopShare, min),
            minDataShare: pick(configuredMinDataShare, other.configuredMinDataShare, max)
        )
    }
}
