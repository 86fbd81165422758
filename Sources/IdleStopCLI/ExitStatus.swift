/// The exit statuses of docs/SPEC.md §8, decided here and nowhere else.
public enum ExitStatus: Int32, Sendable, CaseIterable {
    /// Done, also when there was nothing to do.
    case done = 0
    /// Bad input or config; nothing was sent.
    case badInput = 1
    /// Done, but some stops failed.
    case someStopsFailed = 2
    /// Authentication failed; no further requests were sent.
    case authenticationFailed = 3
    /// The trip-wire held every stop.
    case tripWireHeld = 4
    /// GES (or Cloud Eye) could not be read; nothing was sent.
    case cloudUnreadable = 5
    /// Done, but too few of the evaluated graphs had usable usage (`limits.min_data_share`): the feed looks dead.
    case usageFeedTooThin = 6
    /// The job itself crashed (a bug): one error line, no register dump; the history stays truthful.
    case internalError = 70
    /// Another run holds the lock.
    case locked = 75

    /// The order in which a finished run's conditions win, most urgent first: 3 > 2 > 6 > 4 > 0.
    ///
    /// Broken credentials (3) block every later run, so they come first; failed or unknown stops (2) name graphs
    /// whose state the operator must check now; a dead usage feed (6) silently keeps the whole fleet running
    /// night after night; the trip-wire (4) sent nothing and says so in every held row. Each condition also has
    /// its own error line on standard error, so a lower one is never hidden.
    static let finishedRunPrecedence: [ExitStatus] = [
        .authenticationFailed, .someStopsFailed, .usageFeedTooThin, .tripWireHeld,
    ]

    /// The status of a finished run that met each of `conditions`: the most urgent one, or `done`.
    static func mostUrgent(of conditions: Set<ExitStatus>) -> ExitStatus {
        finishedRunPrecedence.first(where: conditions.contains) ?? .done
    }
}
