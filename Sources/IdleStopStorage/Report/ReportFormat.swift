import Foundation
import IdleStopCore

/// How the report spells times and numbers: ISO 8601 UTC, exact decimals, never binary floating point text.
public enum ReportFormat {
    /// `2026-11-27T02:00:00Z`: whole seconds (truncated), UTC, as `Instant` spells every instant.
    public static func timestamp(_ date: Date) -> String { Instant(date).description }

    /// `2026-11-27`: the UTC day of an instant.
    public static func day(_ date: Date) -> String {
        String(timestamp(date).prefix(10))
    }

    /// Parses the report's timestamp spelling back (`…Z`, or any ISO 8601 offset); nil otherwise.
    public static func date(from text: String) -> Date? {
        try? Date(text, strategy: Date.ISO8601FormatStyle(timeZone: .gmt))
    }

    /// An exact decimal without exponent or trailing zeros: `1.25`, `30`, `0.5`.
    public static func decimal(_ value: Decimal) -> String {
        var text = value.description
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    /// `value` rounded to `scale` decimals with `mode`, written with exactly `scale` decimals (`30.00`).
    public static func fixed(_ value: Decimal, scale: Int, mode: NSDecimalNumber.RoundingMode = .plain) -> String {
        let rounded = round(value, scale: scale, mode: mode)
        var text = decimal(rounded)
        guard scale > 0 else { return text }
        let decimals = text.firstIndex(of: ".").map { text.distance(from: $0, to: text.endIndex) - 1 }
        if let decimals {
            text += String(repeating: "0", count: scale - decimals)
        } else {
            text += "." + String(repeating: "0", count: scale)
        }
        return text
    }

    /// `value` rounded to `scale` decimals with `mode`.
    public static func round(_ value: Decimal, scale: Int, mode: NSDecimalNumber.RoundingMode) -> Decimal {
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, scale, mode)
        return result
    }

    /// The exact decimal a `Double` prints as (its shortest round-trip spelling), or nil for NaN/infinity.
    public static func decimal(exactly value: Double) -> Decimal? {
        guard value.isFinite else { return nil }
        return Decimal(string: "\(value)", locale: Locale(identifier: "en_US_POSIX"))
    }

    /// A count: an integer when integral (`12`), else the exact decimal (`0.5`).
    public static func count(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 9.0e15 { return String(Int64(value)) }
        return decimal(exactly: value).map(decimal) ?? "\(value)"
    }

    /// Hours of a span: `24`, `0.5`, at most 4 decimals.
    public static func hours(_ span: TimeSpan) -> String {
        decimal(hours(seconds: span.seconds))
    }

    /// Hours in `seconds`, exact to four decimals (`24`, `0.5`): the one rounding every hour column uses.
    public static func hours(seconds: Int64) -> Decimal {
        round(Decimal(seconds) / 3600, scale: 4, mode: .plain)
    }

    /// A share 0...1 with at most 4 decimals, rounded down (`0.9999`, `1`, `0.5`): never more than there is.
    public static func fraction(_ value: Double) -> String {
        guard let exact = decimal(exactly: value) else { return "\(value)" }
        return decimal(round(exact, scale: 4, mode: .down))
    }

    /// Hours from `from` to `to` with one decimal, rounded down, never negative (`26.5`, `0.0`).
    ///
    /// A tenth of an hour is 360 s, so whole tenths are an integer division and the spelling is exact.
    public static func elapsedHours(from: Instant, to: Instant) -> String {
        let tenths = max(0, to.seconds(since: from)) / 360
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// Money with two decimals (`30.00`), rounded half up.
    public static func money(_ value: Decimal) -> String {
        fixed(value, scale: 2, mode: .plain)
    }
}
