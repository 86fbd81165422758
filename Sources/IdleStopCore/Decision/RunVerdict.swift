/// How a finished run went, by the conditions it met (docs/SPEC.md §8); the command layer maps it to an exit status.
///
/// The cases are in the order in which a run's conditions win, most urgent first (3 > 2 > 6 > 4 > 0): broken
/// credentials block every later run; failed or unknown stops name graphs whose state the operator must check now;
/// a dead usage feed silently keeps the whole fleet running night after night; the trip-wire sent nothing and says
/// so in every held row. Each condition also has its own error line, so a lower one is never hidden.
public enum RunVerdict: Sendable, Equatable, CaseIterable {
    /// The cloud refused the credentials during the stop phase; nothing more was sent.
    case authenticationFailed
    /// Some stops failed, or their outcome is unknown.
    case someStopsFailed
    /// Too few of the evaluated graphs had usable usage (`limits.min_data_share`).
    case usageFeedTooThin
    /// The trip-wire held every stop (its limits, or an `--expect-stops` count that did not match).
    case tripWireHeld
    /// Done, also when there was nothing to do.
    case done

    /// The most urgent of `conditions`, or `done` when there is none.
    public static func mostUrgent(of conditions: Set<RunVerdict>) -> RunVerdict {
        allCases.first(where: conditions.contains) ?? .done
    }

    /// The conditions a run met, from its final decisions and the facts the decisions do not show.
    ///
    /// `authenticationFailed`: a stop request was refused with 401; `isUsageFeedTooThin`: the feed's coverage
    /// is below the policies' minimum; `isExpectedStopsMismatch`: `apply --expect-stops N` did not match the
    /// re-check (which holds every stop, or had none to hold).
    public static func conditions(
        decisions: [Decision],
        authenticationFailed: Bool,
        isUsageFeedTooThin: Bool,
        isExpectedStopsMismatch: Bool
    ) -> Set<RunVerdict> {
        var conditions: Set<RunVerdict> = []
        if authenticationFailed { conditions.insert(.authenticationFailed) }
        if decisions.contains(where: { $0.result == .failed || $0.result == .unknown }) {
            conditions.insert(.someStopsFailed)
        }
        if isUsageFeedTooThin { conditions.insert(.usageFeedTooThin) }
        if isExpectedStopsMismatch || decisions.contains(where: { $0.result == .held }) {
            conditions.insert(.tripWireHeld)
        }
        return conditions
    }

    /// The verdict of a run: the most urgent of the conditions it met (see `conditions`).
    public init(
        decisions: [Decision],
        authenticationFailed: Bool,
        isUsageFeedTooThin: Bool,
        isExpectedStopsMismatch: Bool
    ) {
        self = Self.mostUrgent(
            of: Self.conditions(
                decisions: decisions,
                authenticationFailed: authenticationFailed,
                isUsageFeedTooThin: isUsageFeedTooThin,
                isExpectedStopsMismatch: isExpectedStopsMismatch
            )
        )
    }
}
