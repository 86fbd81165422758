/// What a start request achieved (`ges-idle-stop start`, docs/SPEC.md §7), the counterpart of `StopOutcome`.
public enum StartOutcome: Sendable, Equatable {
    /// 200 with a `job_id`: GES accepted the start and runs it as a job.
    case requested(jobID: String)
    /// 400 `GES.7037`: the graph is not stopped (running, or starting already).
    case alreadyRunning(code: String, message: String)
    /// A not-stopped answer to a retry after an attempt that got no answer: that attempt most likely started it.
    case startedByUnansweredAttempt(code: String, message: String)
    /// Any other refusal, or no answer after the retries (`httpStatus` nil).
    case failed(httpStatus: Int?, code: String?, message: String)
    /// 401, or the credentials could not be applied: the run must send nothing more.
    case authenticationFailed(message: String)

    /// Codes that mean the graph is not in the stopped state (docs/ges-api.md §3.1).
    public static let notStoppedCodes: Set<String> = ["GES.7037"]

    /// The start reading of an answer classified as a stop's (`.alreadyStopped` there means "already as asked").
    init(_ outcome: StopOutcome) {
        switch outcome {
        case .requested(let jobID): self = .requested(jobID: jobID)
        case .alreadyStopped(let code, let message): self = .alreadyRunning(code: code, message: message)
        case .stoppedByUnansweredAttempt(let code, let message):
            self = .startedByUnansweredAttempt(code: code, message: message)
        case .failed(let status, let code, let message):
            self = .failed(httpStatus: status, code: code, message: message)
        case .authenticationFailed(let message): self = .authenticationFailed(message: message)
        }
    }
}
