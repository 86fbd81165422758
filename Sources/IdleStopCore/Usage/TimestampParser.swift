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
        let count = bytes.count
        guard count > 0 else { return .failure(.invalid) }
        if let seconds = unixSeconds(bytes) { return .success(seconds) }
        guard count >= 19 else { return .failure(.invalid) }

        @inline(__always) func digit(_ index: Int) -> Int64? {
            let byte = bytes[index]
            return byte >= 0x30 && byte <= 0x39 ? Int64(byte &- 0x30) : nil
        }
        @inline(__always) func number(_ from: Int, _ length: Int) -> Int64? {
            var value: Int64 = 0
            for index in from..<(from + length) {
                guard let d = digit(index) else { return nil }
                value = value * 10 + d
            }
            return value
        }
        let separator = bytes[10]
        guard bytes[4] == 0x2D, bytes[7] == 0x2D, separator == 0x54 || separator == 0x74 || separator == 0x20,
            bytes[13] == 0x3A, bytes[16] == 0x3A,
            let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
            let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
            case let date = CivilDate(year: year, month: month, day: day), date.isValid,
            hour < 24, minute < 60, second < 60
        else { return .failure(.invalid) }

        var index = 19
        if index < count, bytes[index] == 0x2E || bytes[index] == 0x2C {
            index += 1
            let digitsStart = index
            while index < count, digit(index) != nil { index += 1 }
            guard index > digitsStart else { return .failure(.invalid) }
        }
        guard index < count else { return .failure(.missingOffset) }

        var offset: Int64 = 0
        let sign = bytes[index]
        if sign == 0x5A || sign == 0x7A {
            index += 1
        } else if sign == 0x2B || sign == 0x2D {
            index += 1
            let rest = count - index
            guard rest == 2 || rest == 4 || rest == 5, let hours = number(index, 2), hours < 24 else {
                return .failure(.invalid)
            }
            var minutes: Int64 = 0
            if rest == 4 || rest == 5 {
                let minutesAt = rest == 5 ? index + 3 : index + 2
                guard rest == 4 || bytes[index + 2] == 0x3A, let m = number(minutesAt, 2), m < 60 else {
                    return .failure(.invalid)
                }
                minutes = m
            }
            offset = (hours * 3600 + minutes * 60) * (sign == 0x2D ? -1 : 1)
            index = count
        } else {
            return .failure(.invalid)
        }
        guard index == count else { return .failure(.invalid) }

        return .success(date.daysSinceEpoch * 86_400 + hour * 3600 + minute * 60 + second - offset)
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
