/// A state change the job asks GES for: the path's last segment, and the error codes that say it is already done.
enum GraphAction: String, Sendable {
    case stop, start

    /// Codes with which GES refuses the action because the graph is already there (docs/ges-api.md §1, §3.1).
    var doneCodes: Set<String> {
        switch self {
        case .stop: StopOutcome.alreadyStoppedCodes
        case .start: StartOutcome.notStoppedCodes
        }
    }
}
