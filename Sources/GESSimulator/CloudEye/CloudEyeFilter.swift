import Foundation

/// The statistic a Cloud Eye query asks for (`filter`), computed over the values that fall in one datapoint.
enum CloudEyeFilter: String, Sendable, CaseIterable {
    case average
    case max
    case min
    case sum
    case variance

    /// The statistic of `values` (never empty): integers for sum, max and min (exact), numbers otherwise.
    ///
    /// The variance is the population variance (divided by the count), computed in two passes.
    func value(of values: [Int64]) -> JSONValue {
        switch self {
        case .sum:
            var total: Int64 = 0
            for value in values {
                let (added, overflow) = total.addingReportingOverflow(value)
                total = overflow ? Int64.max : added
            }
            return .integer(total)
        case .max:
            return .integer(values.max() ?? 0)
        case .min:
            return .integer(values.min() ?? 0)
        case .average:
            return .number(Self.mean(values))
        case .variance:
            let mean = Self.mean(values)
            let squares = values.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) }
            return .number(squares / Double(values.count))
        }
    }

    private static func mean(_ values: [Int64]) -> Double {
        values.reduce(0.0) { $0 + Double($1) } / Double(values.count)
    }
}
