import Foundation

/// An owner's `ges-idle-stop-postpone` tag: a date or an instant before which the job never stops the graph.
///
/// Owners set it in the GES console, without access to the job. A date keeps the graph through the whole of that
/// day (UTC): "postpone until 2026-12-24" must not stop it on the morning of the 24th. An instant needs an offset,
/// like every time the job reads. A value that cannot be read keeps the graph: the owner meant to postpone.
public enum Postponement: Sendable, Equatable {
    /// No tag: the policies decide.
    case none
    /// The tag holds: the graph is kept, for this reason.
    case keeps(reason: String)
    /// The tag's time (`until`) has passed: the policies decide, and the reason carries this note.
    case expired(until: Instant, note: String)

    /// The tag's key.
    public static let tagKey = "ges-idle-stop-postpone"

    /// What the tag on `graph` means at `now`.
    public static func of(_ graph: Graph, now: Instant) -> Postponement {
        guard let raw = graph.tags[tagKey] else { return .none }
        let value = raw.trimmingCharacters(in: .whitespaces)
        let tag = "tag \(tagKey)=\(UserText.quoted(raw))"
        guard let until = endOfPostponement(value) else {
            return .keeps(
                reason:
                    "postponed: \(tag) is neither a date (2026-12-24) nor a time with an offset (2026-12-24T18:00:00Z), so the owner's wish is kept"
            )
        }
        guard now < until else { return .expired(until: until, note: "\(tag) ended at \(until), ignored") }
        return .keeps(reason: "postponed by \(tag) until \(until)")
    }

    /// The first instant the tag no longer holds: the day after a date, or the instant itself.
    static func endOfPostponement(_ value: String) -> Instant? {
        if let date = CivilDate(parsingISODate: value), date.isValid {
            return Instant(unixSeconds: (date.daysSinceEpoch + 1) * 86_400)
        }
        guard value.count >= 19, let seconds = TimestampParser.parse(value) else { return nil }
        return Instant(unixSeconds: seconds)
    }
}
