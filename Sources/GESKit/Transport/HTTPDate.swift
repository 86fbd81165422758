import Foundation
import IdleStopCore

/// HTTP-dates (RFC 9110 §5.6.7): the `Date` header a server stamps on every answer, and `Retry-After`'s date form.
///
/// Senders use IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`); recipients also accept the obsolete RFC 850 and
/// asctime forms. https://www.rfc-editor.org/rfc/rfc9110#section-5.6.7
public enum HTTPDate {
    /// Parses IMF-fixdate first, then the two obsolete forms; nil for anything else.
    ///
    /// Surrounding whitespace is ignored and runs of spaces count as one, for asctime's padded day
    /// (`Sun Nov  6 08:49:37 1994`). A date must format back to the same text, because the platform's parser
    /// accepts partial input (a missing `GMT`).
    public static func parse(_ text: String) -> Date? {
        let text = text.split(separator: " ").joined(separator: " ")
        let formatter = makeFormatter()
        for format in ["EEE, dd MMM yyyy HH:mm:ss 'GMT'", "EEEE, dd-MMM-yy HH:mm:ss 'GMT'", "EEE MMM d HH:mm:ss yyyy"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text), formatter.string(from: date) == text { return date }
        }
        return nil
    }

    /// `date` as IMF-fixdate, whole seconds rounded down: what a server sends as `Date`.
    ///
    /// Plain arithmetic on the proleptic Gregorian calendar (`CivilDate`), cheap enough for every answer a server
    /// sends.
    public static func format(_ date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let time = seconds - days * 86_400
        let civil = CivilDate(daysSinceEpoch: days)
        let weekday = Int((days % 7 + 11) % 7)  // 1970-01-01 was a Thursday
        let dayName = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][weekday]
        let monthName = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][
            Int(civil.month) - 1
        ]
        return "\(dayName), \(pad(civil.day, 2)) \(monthName) \(pad(civil.year, 4)) "
            + "\(pad(time / 3600, 2)):\(pad(time % 3600 / 60, 2)):\(pad(time % 60, 2)) GMT"
    }

    /// `value` with leading zeros to `width` digits.
    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    private static func makeFormatter() -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.isLenient = false
        return formatter
    }
}
