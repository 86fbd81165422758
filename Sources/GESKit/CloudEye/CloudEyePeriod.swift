import IdleStopCore

/// The aggregation period of a Cloud Eye query, in seconds (docs/ges-api.md §6.1: `1`, `60`, `300`, `1200`,
/// `3600`, `14400`, `86400`); it also fixes how long a range one call may ask for.
public enum CloudEyePeriod: Int64, Sendable, Equatable, Hashable, CaseIterable, Comparable, CustomStringConvertible {
    /// Raw data. GES reports once a minute, so each raw datapoint stands for 60 seconds.
    case raw = 1
    case oneMinute = 60
    case fiveMinutes = 300
    case twentyMinutes = 1200
    case oneHour = 3600
    case fourHours = 14400
    case oneDay = 86400

    /// The query's `period` field: a decimal string, as the API expects.
    public var queryValue: String { String(rawValue) }

    /// Seconds one datapoint stands for: the period, except raw data, which GES reports every minute.
    public var datapointSeconds: Int64 { self == .raw ? 60 : rawValue }

    /// The longest `to − from` (seconds) one query may ask for before Cloud Eye silently moves `from`.
    ///
    /// The documented limit of period 1 (4 h) also applies to 60, for which no limit is documented.
    public var maxRangeSeconds: Int64 {
        switch self {
        case .raw, .oneMinute: 4 * 3600
        case .fiveMinutes: 24 * 3600
        case .twentyMinutes: 3 * 86400
        case .oneHour: 10 * 86400
        case .fourHours: 30 * 86400
        case .oneDay: 180 * 86400
        }
    }

    /// The period for a set of policy windows: fine enough to measure coverage, coarse enough to be cheap.
    ///
    /// The coarsest period that divides every window, is at most 1/24 of the shortest window (so at least
    /// 24 datapoints fit in it, and one missing datapoint costs at most 1/24 of the coverage), and is at
    /// most 3600 s. Hourly points keep a fleet's queries cheap and match hourly usage exports exactly; the
    /// price is that Cloud Eye's 5–10 minute lag can leave the current hour without a datapoint, which the
    /// default `min_coverage` of 0.9 absorbs (a policy asking for 1.0 over 24h would need finer data).
    /// Examples: 24h → 3600, 6h → 300, 1h → 60, 7d → 3600, {6h, 7d} → 300. Falls back to raw data when
    /// nothing coarser fits; no windows at all → 3600.
    public static func choose(forWindows windows: Set<TimeSpan>) -> CloudEyePeriod {
        guard let shortest = windows.min()?.seconds else { return .oneHour }
        let cap: Int64 = 3600
        let fitting = allCases.filter { period in
            period.rawValue <= cap && period.rawValue * 24 <= shortest
                && windows.allSatisfy { $0.seconds % period.rawValue == 0 }
        }
        return fitting.max() ?? .raw
    }

    public var description: String { "\(rawValue)s" }

    public static func < (lhs: CloudEyePeriod, rhs: CloudEyePeriod) -> Bool { lhs.rawValue < rhs.rawValue }
}
