extension ExitStatus {
    /// What the status means, in a few words for `--help` (docs/SPEC.md §8 and the README say more).
    var meaning: String {
        switch self {
        case .done: "done (also: nothing to do)"
        case .badInput:
            "bad input or config, no credentials, a refused token file, a history that cannot be opened or "
                + "written; nothing sent"
        case .someStopsFailed: "done, but some stops failed (see error_code in the report)"
        case .authenticationFailed: "the cloud refused the credentials; nothing more sent"
        case .tripWireHeld: "the trip-wire held every stop"
        case .cloudUnreadable: "GES or Cloud Eye could not be read (or the deadline passed); nothing sent"
        case .usageFeedTooThin:
            "done, but too few graphs had usable usage data (a dead feed); stops that could be decided were sent"
        case .internalError: "internal error: the job crashed (one line); the history stays truthful"
        case .locked: "another run holds the lock (next to the database)"
        }
    }

    /// The "Exit status" paragraph of a command's help, listing `statuses` one per line (`meanings` replaces the
    /// words of some, for a command whose statuses mean something more precise).
    static func helpParagraph(_ statuses: [ExitStatus], meanings: [ExitStatus: String] = [:]) -> String {
        "Exit status:\n"
            + statuses.map { "  \($0.rawValue)\($0.rawValue < 10 ? "  " : " ") \(meanings[$0] ?? $0.meaning)" }
            .joined(separator: "\n")
    }
}
