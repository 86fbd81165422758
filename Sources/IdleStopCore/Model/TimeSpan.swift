/// A length of time written as the policies write it: `30m`, `24h`, `7d`, `2w` (also `45s`).
///
/// Whole seconds are enough for every window and horizon the job uses, and integers keep the
/// usage arithmetic exact.
public struct TimeSpan: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var seconds: Int64

    public init(seconds: Int64) { self.seconds = seconds }
    public static func hours(_ h: Int64) -> TimeSpan { TimeSpan(seconds: h * 3600) }
    public static func days(_ d: Int64) -> TimeSpan { TimeSpan(seconds: d * 86_400) }

    /// Parses `<positive integer><s|m|h|d|w>`; nil for anything else, including zero and negatives.
    public init?(parsing text: String) {
        guard let unit = text.last, text.count >= 2 else { return nil }
        let multiplier: Int64
        switch unit {
        case "s": multiplier = 1
        case "m": multiplier = 60
        case "h": multiplier = 3600
        case "d": multiplier = 86_400
        case "w": multiplier = 604_800
        default: return nil
        }
        let digits = text.dropLast()
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int64(digits), value > 0,
            value <= Int64.max / multiplier / 1000
        else { return nil }
        seconds = value * multiplier
    }

    public var hours: Double { Double(seconds) / 3600 }

    /// The shortest exact spelling: `90m`, `24h`, `7d`, `2w`.
    public var description: String {
        for (unit, size) in [("w", Int64(604_800)), ("d", 86_400), ("h", 3600), ("m", 60)]
        where seconds % size == 0 && seconds >= size {
            return "\(seconds / size)\(unit)"
        }
        return "\(seconds)s"
    }

    public static func < (lhs: TimeSpan, rhs: TimeSpan) -> Bool { lhs.seconds < rhs.seconds }
}
