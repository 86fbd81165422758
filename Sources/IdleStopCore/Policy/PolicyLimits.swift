import Foundation

/// The trip-wire of docs/SPEC.md §4: more stops than this in one run and none is sent.
///
/// Unset values fall back to safe defaults, 25 stops and half of the running graphs; merging files keeps
/// the smallest value any file sets, so that adding a file can only make the job more careful.
public struct PolicyLimits: Sendable, Equatable {
    public static let defaultMaxStopsPerRun = 25
    public static let defaultMaxStopShare: Decimal = 0.5

    /// `max_stops_per_run` as written, nil when no file sets it.
    public var configuredMaxStopsPerRun: Int?
    /// `max_stop_share` as written (0…1), nil when no file sets it.
    public var configuredMaxStopShare: Decimal?

    public init(maxStopsPerRun: Int? = nil, maxStopShare: Decimal? = nil) {
        self.configuredMaxStopsPerRun = maxStopsPerRun
        self.configuredMaxStopShare = maxStopShare
    }

    /// The most graphs one run may stop.
    public var maxStopsPerRun: Int { configuredMaxStopsPerRun ?? Self.defaultMaxStopsPerRun }
    /// The largest share of the running graphs one run may stop.
    public var maxStopShare: Decimal { configuredMaxStopShare ?? Self.defaultMaxStopShare }

    /// The smaller of each value that either side sets.
    func strictest(with other: PolicyLimits) -> PolicyLimits {
        func smaller<T: Comparable>(_ a: T?, _ b: T?) -> T? {
            switch (a, b) {
            case let (a?, b?): return min(a, b)
            default: return a ?? b
            }
        }
        return PolicyLimits(
            maxStopsPerRun: smaller(configuredMaxStopsPerRun, other.configuredMaxStopsPerRun),
            maxStopShare: smaller(configuredMaxStopShare, other.configuredMaxStopShare))
    }
}
