import Foundation

/// How numbers read in reasons: integers without a fraction, coverage as a rounded-down percentage.
enum NumberText {
    /// `12`, `1.5`.
    static func format(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    /// `0.9` → `90`, `0.955` → `95.5`.
    static func percent(_ share: Decimal) -> String { "\(share * 100)" }

    /// Whole percent of `covered` over `total`, rounded down: never more coverage than there is.
    static func percentFloor(covered: Int64, of total: Int64) -> Int64 {
        guard total > 0 else { return 0 }
        let clipped = min(max(covered, 0), total)
        return clipped.multipliedReportingOverflow(by: 100).overflow
            ? Int64((Double(clipped) / Double(total) * 100).rounded(.down)) : clipped * 100 / total
    }

    /// A span as people write windows: hours up to 48h (`24h`, `36h`), whole days beyond (`3d`, `7d`), else minutes.
    static func span(_ span: TimeSpan) -> String {
        let seconds = span.seconds
        if seconds >= 72 * 3600, seconds % 86_400 == 0 { return "\(seconds / 86_400)d" }
        if seconds % 3600 == 0 { return "\(seconds / 3600)h" }
        if seconds % 60 == 0 { return "\(seconds / 60)m" }
        return "\(seconds)s"
    }

    /// A positive age in the largest whole unit that fits at least twice, rounded down: `2d`, `47h`, `90m`.
    static func age(seconds: Int64) -> String {
        if seconds >= 2 * 86_400 { return "\(seconds / 86_400)d" }
        if seconds >= 2 * 3600 { return "\(seconds / 3600)h" }
        if seconds >= 120 { return "\(seconds / 60)m" }
        return "\(max(seconds, 0))s"
    }
}
