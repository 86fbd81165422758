import Foundation

/// An hourly price as an exact integer of 10⁻⁹ units, so that summing price × seconds costs integer work.
///
/// Read once per distinct price text of the history. Only plain decimals (`1.25`, `30`, `0.000000001`: at most 12
/// digits before the point and 9 after, no sign or exponent) are scaled; anything else keeps the `Decimal` path,
/// so the result never depends on which path a price took. With at most 10¹² × 10⁹ units a price and 10⁵ seconds
/// a piece, an `Int128` sum holds 10¹² pieces before it could overflow.
struct ScaledPrice: Sendable, Equatable {
    /// The price in units of 10⁻⁹ (`1.25` is 1,250,000,000).
    var units: Int128

    /// Units per whole currency unit.
    static let unitsPerWhole: Int128 = 1_000_000_000

    /// The scaled price of a plain decimal text, or nil for any other spelling.
    init?(_ text: String) {
        var units: Int128 = 0
        var integerDigits = 0
        var fractionDigits = 0
        var seenPoint = false
        for byte in text.utf8 {
            if byte == UInt8(ascii: ".") && !seenPoint {
                seenPoint = true
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            if seenPoint { fractionDigits += 1 } else { integerDigits += 1 }
            guard integerDigits <= 12, fractionDigits <= 9 else { return nil }
            units = units * 10 + Int128(byte - UInt8(ascii: "0"))
        }
        guard integerDigits > 0 else { return nil }
        for _ in fractionDigits..<9 { units *= 10 }
        self.units = units
    }

    /// Cents of `unitSeconds` (a sum of price units × seconds): ÷ 3600 ÷ 10⁷, rounded half up, exactly.
    ///
    /// The same as `ReportFormat.round(x / 3600, scale: 2, mode: .plain)` on the exact decimal for x ≥ 0.
    static func cents(unitSeconds: Int128) -> Int128 {
        let divisor: Int128 = 3600 * 10_000_000
        let (quotient, remainder) = unitSeconds.quotientAndRemainder(dividingBy: divisor)
        return remainder * 2 >= divisor ? quotient + 1 : quotient
    }

    /// The exact decimal of `cents` hundredths.
    static func decimal(cents: Int128) -> Decimal {
        let magnitude = cents.magnitude
        let sign: FloatingPointSign = cents < 0 ? .minus : .plus
        if let small = UInt64(exactly: magnitude) {
            return Decimal(sign: sign, exponent: -2, significand: Decimal(small))
        }
        let text = (cents < 0 ? "-" : "") + String(magnitude)
        return (Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) ?? 0) / 100
    }

    /// The exact decimal of `unitSeconds` price units × seconds, in currency × seconds.
    static func decimal(unitSeconds: Int128) -> Decimal {
        (Decimal(string: String(unitSeconds), locale: Locale(identifier: "en_US_POSIX")) ?? 0) / 1_000_000_000
    }
}
