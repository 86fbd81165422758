/// Parses `period_start` values from raw UTF-8 bytes, without Foundation formatters.
///
/// Accepts ISO 8601 with an offset (`2026-11-27T02:00:00Z`, `+08:00`, `+0800`, `+08`, `-05:00`; `T`, `t` or
/// a space between date and time; fractional seconds, which are truncated) or non-negative integer Unix
/// seconds. A time without an offset is rejected: its instant depends on a time zone nobody wrote down.
public enum TimestampParser {
    /// Why a text is not a timestamp, for error messages.
    enum Failure: Error, Equatable {
        /// A well-formed local date and time with no offset.
        case missingOffset
        case invalid
    }

    /// The Unix seconds of `text`, or nil.
    public static func parse(_ text: String) -> Int64? {
        var text = text
        return text.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }

    /// The Unix seconds of the bytes, or nil.
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        if case .success(let seconds) = parseDetailed(bytes) { return seconds }
        return nil
    }

    /// The Unix seconds of the bytes, or why they are not a timestamp.
    static func parseDetailed(_ bytes: UnsafeRawBufferPointer) -> Result<Int64, Failure> {
        guard bytes.count > 0 else { return .failure(.invalid) }
        if let seconds = unixSeconds(bytes) { return .success(seconds) }
        guard bytes.count >= 19, let local = localSeconds(bytes), let zoneStart = fractionEnd(bytes, from: 19) else {
            return .failure(.invalid)
        }
        guard zoneStart < bytes.count else { return .failure(.missingOffset) }
        guard let offset = offsetSeconds(bytes, from: zoneStart) else { return .failure(.invalid) }
        return .success(local - offset)
    }

    /// `YYYY-MM-DD?hh:mm:ss` in the first 19 bytes (`?` is `T`, `t` or a space) as seconds since the epoch, read
    /// as if it were UTC; nil when a field is missing or out of range.
    @inline(__always)
    private static func localSeconds(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        let separator = bytes[10]
        guard bytes[4] == 0x2D, bytes[7] == 0x2D, separator == 0x54 || separator == 0x74 || separator == 0x20,
            bytes[13] == 0x3A, bytes[16] == 0x3A,
            let year = number(bytes, 0, 4), let month = number(bytes, 5, 2), let day = number(bytes, 8, 2),
            let hour = number(bytes, 11, 2), let minute = number(bytes, 14, 2), let second = number(bytes, 17, 2),
            case let date = CivilDate(year: year, month: month, day: day), date.isValid,
            hour < 24, minute < 60, second < 60
        else { return nil }
        return date.daysSinceEpoch * 86_400 + hour * 3600 + minute * 60 + second
    }

    /// Where the zone starts: `index`, or after a fraction of a second (`.` or `,` and at least one digit, which
    /// are skipped: fractions are truncated); nil for a separator without digits.
    @inline(__always)
    private static func fractionEnd(_ bytes: UnsafeRawBufferPointer, from index: Int) -> Int? {
        guard index < bytes.count, bytes[index] == 0x2E || bytes[index] == 0x2C else { return index }
        var end = index + 1
        while end < bytes.count, digit(bytes, end) != nil { end += 1 }
        return end > index + 1 ? end : nil
    }

    /// The zone from `index` to the end (`Z`, `z`, `±hh`, `±hhmm`, `±hh:mm`) as seconds east of UTC, or nil.
    @inline(__always)
    private static func offsetSeconds(_ bytes: UnsafeRawBufferPointer, from index: Int) -> Int64? {
        let sign = bytes[index]
        if sign == 0x5A || sign == 0x7A { return index + 1 == bytes.count ? 0 : nil }
        guard sign == 0x2B || sign == 0x2D else { return nil }
        let start = index + 1
        let rest = bytes.count - start
        guard rest == 2 || rest == 4 || rest == 5, let hours = number(bytes, start, 2), hours < 24 else { return nil }
        var minutes: Int64 = 0
        if rest == 4 || rest == 5 {
            let minutesAt = rest == 5 ? start + 3 : start + 2
            guard rest == 4 || bytes[start + 2] == 0x3A, let m = number(bytes, minutesAt, 2), m < 60 else { return nil }
            minutes = m
        }
        return (hours * 3600 + minutes * 60) * (sign == 0x2D ? -1 : 1)
    }

    /// The ASCII digit at `index` as a number, or nil.
    @inline(__always)
    private static func digit(_ bytes: UnsafeRawBufferPointer, _ index: Int) -> Int64? {
        let byte = bytes[index]
        return byte >= 0x30 && byte <= 0x39 ? Int64(byte &- 0x30) : nil
    }

    /// `length` ASCII digits from `start` as a number, or nil when one is not a digit.
    @inline(__always)
    private static func number(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ length: Int) -> Int64? {
        var value: Int64 = 0
        for index in start..<(start + length) {
            guard let d = digit(bytes, index) else { return nil }
            value = value * 10 + d
        }
        return value
    }

    /// 1 to 18 ASCII digits as Unix seconds (18 digits cannot overflow `Int64`).
    private static func unixSeconds(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        guard bytes.count <= 18 else { return nil }
        var value: Int64 = 0
        for byte in bytes {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int64(byte &- 0x30)
        }
        return value
    }
}
