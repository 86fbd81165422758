import Foundation
import GESKit

/// The simulator's clock: real time plus an offset that rehearsals advance through `/_sim/clock`.
struct SimulatedClock: Sendable, Equatable {
    var offset: TimeInterval = 0

    func now(real: Date = Date()) -> Date {
        real.addingTimeInterval(offset)
    }

    /// ISO 8601 with fractional seconds and `Z`, for admin answers and token expiry.
    static func iso(_ date: Date) -> String {
        Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(date)
    }

    /// `yyyy-MM-dd'T'HH:mm:ss` in UTC, the job-status time format.
    static func jobTime(_ date: Date) -> String {
        String(iso(date).prefix(19))
    }

    /// IMF-fixdate, the `Date` header of every answer.
    static func httpDate(_ date: Date) -> String {
        HTTPDate.format(date)
    }

    /// Parses ISO 8601 with or without fractional seconds.
    static func parse(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: .iso8601) { return date }
        return try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
