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
        guard let date = HTTPDate.parse(text) else { return nil }
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
        let serverNow = response.headers["Date"].flatMap(HTTPDate.parse)
        return RetryAfter(value, now: serverNow ?? receivedAt)
    }
}
