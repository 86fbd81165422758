/// What `ges-idle-stop start` did with one graph it was asked to bring back (docs/SPEC.md §8, `start` report).
public enum StartResult: String, Sendable, Codable, CaseIterable {
    /// GES accepted the start and runs it as a job (its ID is recorded).
    case requested
    /// With `--wait`: the start job succeeded.
    case confirmed
    /// A dry run: it would have been started.
    case dryRun = "dry-run"
    /// GES lists it running or starting (or answered that it is not stopped): nothing to do.
    case alreadyRunning = "already-running"
    /// Not started, by rule: the history does not say the job stopped it, it ran again since, GES does not list it,
    /// or its status is not `stopped`. The reason says which.
    case refused
    /// GES refused the start, the start job failed, or the request was not sent (deadline, authentication).
    case failed
    /// The request was sent but no answer was recorded (deadline or crash); counted as a start.
    case unknown

    /// Results that mean a start was sent and may have taken effect: they end the stop's realized savings and count
    /// for the restart rule as a start by a person.
    public static let startsSent: [StartResult] = [.requested, .confirmed, .unknown]
}
