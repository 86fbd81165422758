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
    /// The job itself crashed (a bug): one error line, no register dump; the history stays truthful.
    case internalError = 70
    /// Another run holds the lock.
    case locked = 75
}
