import Foundation

/// A run's reference clock, and what its evaluation instant (`--now`) means against it.
///
/// The reference is the GES endpoint's clock (the `Date` header of its first answer, the listing) when the run
/// lists the inventory, else the host clock. Tests and rehearsals move ges-sim's clock and pass a matching `--now`
/// while the host clock is elsewhere: measured against the endpoint, they act on the present.
public struct RunClock: Sendable, Equatable {
    /// Where the reference instant came from; stored with the run (`runs.clock_source`).
    public enum Source: String, Sendable, Equatable {
        /// The inventory was listed from GES and its first answer carried a valid `Date`.
        case endpoint
        /// The inventory was listed from GES, but no answer carried a valid `Date`: the host clock.
        case host
        /// The inventory was read from a file: the host clock, and statuses seen at an unknown time.
        case inventoryFile = "inventory-file"
    }

    /// The reference instant at the start of the run.
    public var reference: Date
    public var source: Source
    /// The host clock when the reference was read (equal to `reference` unless the source is the endpoint).
    public var host: Date
    /// The instant the run evaluates at: `--now`, else the host clock at start.
    public var evaluatedAt: Instant
    /// Whether `--now` chose `evaluatedAt`.
    public var isNowGiven: Bool

    /// How far `--now` may be from the reference clock in a live run, and in a run that counts as evidence.
    public static let tolerance: TimeInterval = 300
    /// Clock difference past which GES refuses AK/SK signatures (docs/ges-api.md §12).
    public static let signatureLimit: TimeInterval = 900

    public init(reference: Date, source: Source, host: Date, evaluatedAt: Instant, isNowGiven: Bool) {
        self.reference = reference
        self.source = source
        self.host = host
        self.evaluatedAt = evaluatedAt
        self.isNowGiven = isNowGiven
    }

    /// A run evaluated at an instant other than the present: its rows are no evidence for the restart rule.
    ///
    /// Only `--now` makes a replay; without it the run evaluates at the host clock, its present, even when the
    /// host clock is off (that is `skewWarning`'s business).
    public var isReplay: Bool { isNowGiven && abs(evaluatedAt.date.timeIntervalSince(reference)) > Self.tolerance }

    /// Why a live run (`run` without `--dry-run`, `apply`) must send nothing, or nil.
    public var liveRefusal: String? {
        guard isReplay else { return nil }
        let offset = evaluatedAt.date.timeIntervalSince(reference)
        return "--now \(evaluatedAt) is \(Self.describe(abs(offset))) \(offset < 0 ? "before" : "after") "
            + "\(referenceName) \(Self.format(reference)); a live run acts on the present (at most "
            + "\(Self.describe(Self.tolerance)) away): drop --now, or evaluate another instant with --dry-run"
    }

    /// A warning when the endpoint's clock and the host clock differ by more than the tolerance, or nil.
    public var skewWarning: String? {
        let skew = reference.timeIntervalSince(host)
        guard source == .endpoint, abs(skew) > Self.tolerance else { return nil }
        let past = abs(skew) > Self.signatureLimit ? " (already past it)" : ""
        return "clock skew: the GES endpoint's clock \(Self.format(reference)) (Date header) is "
            + "\(Self.describe(abs(skew))) \(skew < 0 ? "behind" : "ahead of") the host clock \(Self.format(host)); "
            + "GES refuses AK/SK signatures past \(Self.describe(Self.signatureLimit))\(past), and without --now the "
            + "run evaluates at the host clock: set the host's time (NTP)"
    }

    /// How a message names the reference clock.
    var referenceName: String {
        switch source {
        case .endpoint: "the GES endpoint's clock (Date header of its first answer)"
        case .host: "the host clock (GES sent no Date header)"
        case .inventoryFile: "the host clock (the inventory came from a file)"
        }
    }

    /// `2026-11-27T02:00:00Z`.
    static func format(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: .gmt))
    }

    /// `3d 7h 17m`, `6m 5s`, `0s`: whole seconds, largest units first, zero parts left out.
    static func describe(_ seconds: TimeInterval) -> String {
        var rest = Int64(seconds.rounded(.down))
        var parts: [String] = []
        for (unit, size) in [("d", Int64(86_400)), ("h", 3600), ("m", 60), ("s", 1)] where rest >= size {
            parts.append("\(rest / size)\(unit)")
            rest %= size
        }
        return parts.isEmpty ? "0s" : parts.joined(separator: " ")
    }
}
