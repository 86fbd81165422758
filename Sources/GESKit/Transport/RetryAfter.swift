import Foundation

/// A server's `Retry-After` hint: how long to wait before asking again (RFC 9110 §10.2.3).
///
/// The value is either delta-seconds (`3`) or an HTTP-date (`Wed, 21 Oct 2026 07:28:00 GMT`, or the obsolete
/// RFC 850 and asctime forms). A date that is not in the future, a negative or fractional number, an empty
/// value and garbage are no hint at all (nil), so a broken header can never make the client wait.
/// https://www.rfc-editor.org/rfc/rfc9110#field.retry-after
public struct RetryAfter: Sendable, Equatable {
    /// How long to wait from the moment the answer arrived.
    public var delay: Duration

    /// Delta-seconds beyond this (about 68 years) are read as this: the hint only has to be "too long".
    static let longestDelay = Duration.seconds(Int64(Int32.max))

    public init(delay: Duration) {
        self.delay = delay
    }

    /// Parses a header value; `now` is the time the answer was sent, for the HTTP-date form.
    public init?(_ value: String, now: Date) {
        let text = value.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return nil }
        if text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) {
            let seconds = Int64(text).map { Duration.seconds($0) } ?? Self.longestDelay
            delay = min(seconds, Self.longestDelay)
            return
        }
        guard let date = Self.httpDate(text) else { return nil }
        let seconds = date.timeIntervalSince(now)
        guard seconds > 0 else { return nil }
        let longest = Double(Self.longestDelay.components.seconds)
        delay = .milliseconds(Int64((min(seconds, longest) * 1000).rounded(.up)))
    }

    /// The hint of a 429 or 503 answer, read against the answer's own `Date` header when it has a valid one.
    ///
    /// Using the server's `Date` keeps the HTTP-date form right when the local clock is off; without one the
    /// local time `receivedAt` stands in. Other statuses give no hint: RFC 9110 ties `Retry-After` to 503 (and
    /// redirects), RFC 6585 to 429.
    public static func hint(in response: HTTPResponse, receivedAt: Date) -> RetryAfter? {
        guard response.status == 429 || response.status == 503, let value = response.headers["Retry-After"] else {
            return nil
        }
        let serverNow = response.headers["Date"].flatMap { httpDate($0.trimmingCharacters(in: .whitespaces)) }
        return RetryAfter(value, now: serverNow ?? receivedAt)
    }

    /// IMF-fixdate first, then the two obsolete forms HTTP recipients must still accept.
    ///
    /// Runs of spaces count as one, for asctime's padded day (`Sun Nov  6 08:49:37 1994`). A date must format
    /// back to the same text, because the platform's parser accepts partial input (a missing `GMT`).
    static func httpDate(_ text: String) -> Date? {
        let text = text.split(separator: " ").joined(separator: " ")
        let formats = ["EEE, dd MMM yyyy HH:mm:ss 'GMT'", "EEEE, dd-MMM-yy HH:mm:ss 'GMT'", "EEE MMM d HH:mm:ss yyyy"]
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.isLenient = false
        for format in formats {
            formatter.dateFormat = format
            if let date = formatter.date(from: text), formatter.string(from: date) == text { return date }
        }
        return nil
    }
}
