import Foundation

/// Parses the `created`/`updated` timestamps of graph objects, whose exact format GES does not document.
///
/// Accepts ISO 8601 with or without an offset (no offset means UTC), with `T` or a space, with or
/// without fractional seconds, and Unix seconds. Dates must exist (no February 30) and offsets lie
/// within ±23:59, so that a garbled time is an error rather than a shifted instant.
public enum LenientTimestamp {
    public static func parse(_ text: String) -> Instant? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let seconds = Int64(trimmed) { return Instant(unixSeconds: seconds) }
        let scalars = Array(trimmed.utf8)
        guard scalars.count >= 19 else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = scalars[index]
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard scalars[4] == 0x2D, scalars[7] == 0x2D, scalars[10] == 0x54 || scalars[10] == 0x20 || scalars[10] == 0x74,
            scalars[13] == 0x3A, scalars[16] == 0x3A,
            let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            case let date = CivilDate(year: Int64(year), month: Int64(month), day: Int64(day)), date.isValid,
            hour < 24, minute < 60, second < 61
        else { return nil }
        var index = 19
        if index < scalars.count, scalars[index] == 0x2E {
            index += 1
            while index < scalars.count, scalars[index] >= 0x30, scalars[index] <= 0x39 { index += 1 }
        }
        var offsetSeconds = 0
        if index < scalars.count {
            let sign = scalars[index]
            if sign == 0x5A || sign == 0x7A {
                index += 1
            } else if sign == 0x2B || sign == 0x2D {
                let rest = Array(scalars[(index + 1)...]).filter { $0 != 0x3A }
                guard rest.count == 4, rest.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
                let hours = Int(rest[0] - 0x30) * 10 + Int(rest[1] - 0x30)
                let minutes = Int(rest[2] - 0x30) * 10 + Int(rest[3] - 0x30)
                guard hours <= 23, minutes <= 59 else { return nil }
                offsetSeconds = (hours * 3600 + minutes * 60) * (sign == 0x2D ? -1 : 1)
                index = scalars.count
            } else {
                return nil
            }
        }
        guard index == scalars.count else { return nil }
        let epoch = date.daysSinceEpoch * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetSeconds)
        return Instant(unixSeconds: epoch)
    }
}
