/// What a stop request achieved, per the docs/SPEC.md §7 outcome table.
public enum StopOutcome: Sendable, Equatable {
    /// 200 with a `job_id`: GES accepted the stop and runs it as a job.
    case requested(jobID: String)
    /// 400 `GES.7001`, `GES.7003` or `GES.7015`: the graph is not running, stopping, or stopped.
    case alreadyStopped(code: String, message: String)
    /// An already-stopped answer to a retry after an attempt that got no answer (a timeout or a broken
    /// connection): that attempt most likely stopped the graph, so this is the caller's own stop, without a job ID.
    case stoppedByUnansweredAttempt(code: String, message: String)
    /// Any other refusal, or no answer after the retries (`httpStatus` nil).
    case failed(httpStatus: Int?, code: String?, message: String)
    /// 401, or the credentials could not be applied: the run must send nothing more.
    case authenticationFailed(message: String)

    /// Codes that mean the graph is already not running.
    public static let alreadyStoppedCodes: Set<String> = ["GES.7001", "GES.7003", "GES.7015"]
}
