import Foundation

/// The state of a GES job (`GET …/jobs/{job_id}/status`).
public struct JobStatus: Sendable, Equatable {
    public enum State: Sendable, Equatable {
        case pending, running, success, failed
        case other(String)

        init(_ text: String) {
            switch text.lowercased() {
            case "pending": self = .pending
            case "running": self = .running
            case "success": self = .success
            case "failed": self = .failed
            default: self = .other(text)
            }
        }

        /// Whether the job will not change any more.
        public var isFinished: Bool { self == .success || self == .failed }
    }

    public var jobID: String
    public var state: State
    public var jobType: String?
    public var failReason: String?

    public init(jobID: String, state: State, jobType: String? = nil, failReason: String? = nil) {
        self.jobID = jobID
        self.state = state
        self.jobType = jobType
        self.failReason = failReason
    }

    /// Decodes a job-status answer; a missing `job_id` falls back to `requestedID`.
    static func decode(_ data: Data, requestedID: String) -> JobStatus? {
        struct Payload: Decodable {
            var jobID: String?
            var status: String
            var jobType: String?
            var failReason: String?
            enum CodingKeys: String, CodingKey {
                case jobID = "job_id"
                case status
                case jobType = "job_type"
                case failReason = "fail_reason"
            }
        }
        guard let payload = try? JSONDecoder().decode(Payload.self, from: data) else { return nil }
        let reason = payload.failReason.flatMap { $0.isEmpty ? nil : GESErrorBody.shorten($0) }
        return JobStatus(
            jobID: payload.jobID ?? requestedID,
            state: State(payload.status),
            jobType: payload.jobType,
            failReason: reason
        )
    }
}
