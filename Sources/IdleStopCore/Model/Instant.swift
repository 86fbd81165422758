import Foundation

/// An instant as whole Unix seconds: the core's one evaluation time (`--now`), and the time of usage and history.
///
/// Usage periods, `last_activity`, the report and the history all count whole seconds, so the core computes in
/// `Int64` and never converts through `Double`; `Date` appears only at the edges (the host clock, `Calendar` for
/// schedules) through `init(_:)` and `date`. A `Date` is truncated to its second, as the report always spelled it.
public struct Instant: Sendable, Hashable, Strideable, Codable, CustomStringConvertible {
    public var unixSeconds: Int64

    public init(unixSeconds: Int64) { self.unixSeconds = unixSeconds }

    /// The whole second `date` falls in (rounded down).
    public init(_ date: Date) { unixSeconds = Int64(date.timeIntervalSince1970.rounded(.down)) }

    /// The same instant as a `Date`, for Foundation at the edges.
    public var date: Date { Date(timeIntervalSince1970: TimeInterval(unixSeconds)) }

    /// Seconds from `earlier` to this instant (negative when `earlier` is later).
    public func seconds(since earlier: Instant) -> Int64 { unixSeconds - earlier.unixSeconds }

    /// The instant `seconds` later (earlier when negative).
    public func advanced(by seconds: Int64) -> Instant { Instant(unixSeconds: unixSeconds + seconds) }

    /// Seconds from this instant to `other`.
    public func distance(to other: Instant) -> Int64 { other.unixSeconds - unixSeconds }

    /// `2026-11-27T02:00:00Z`: the report's, the history's and every message's spelling of an instant.
    ///
    /// Years 1970 to 9999 by integer arithmetic (`CivilDate`), the rest through Foundation.
    public var description: String {
        guard (0..<253_402_300_800).contains(unixSeconds) else {
            return date.formatted(Date.ISO8601FormatStyle(timeZone: .gmt))
        }
        let days = unixSeconds / 86_400
        let secondOfDay = unixSeconds - days * 86_400
        let civil = CivilDate(daysSinceEpoch: days)
        return String(unsafeUninitializedCapacity: 20) { buffer in
            func put(_ value: Int64, digits: Int, at offset: Int) {
                var value = value
                for position in stride(from: offset + digits - 1, through: offset, by: -1) {
                    buffer[position] = UInt8(truncatingIfNeeded: 0x30 + value % 10)
                    value /= 10
                }
            }
            put(civil.year, digits: 4, at: 0)
            buffer[4] = UInt8(ascii: "-")
            put(civil.month, digits: 2, at: 5)
            buffer[7] = UInt8(ascii: "-")
            put(civil.day, digits: 2, at: 8)
            buffer[10] = UInt8(ascii: "T")
            put(secondOfDay / 3600, digits: 2, at: 11)
            buffer[13] = UInt8(ascii: ":")
            put(secondOfDay / 60 % 60, digits: 2, at: 14)
            buffer[16] = UInt8(ascii: ":")
            put(secondOfDay % 60, digits: 2, at: 17)
            buffer[19] = UInt8(ascii: "Z")
            return 20
        }
    }

    public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.unixSeconds < rhs.unixSeconds }

    public static func + (instant: Instant, span: TimeSpan) -> Instant {
        Instant(unixSeconds: instant.unixSeconds + span.seconds)
    }

    public static func - (instant: Instant, span: TimeSpan) -> Instant {
        Instant(unixSeconds: instant.unixSeconds - span.seconds)
    }
}
