import Foundation
import Logging

extension GESClient {
    /// Asks GES to stop a graph (`POST …/graphs/{graph_id}/stop`, body `{}`) and classifies the answer.
    ///
    /// Never throws: every answer, including no answer, maps to a `StopOutcome` (docs/SPEC.md §7).
    public func stopGraph(id: String) async -> StopOutcome {
        await request(.stop, graphID: id)
    }

    /// Asks GES to start a stopped graph (`POST …/graphs/{graph_id}/start`, body `{}`) and classifies the answer.
    ///
    /// Never throws, like `stopGraph(id:)`: `GES.7037` (not stopped) is `alreadyRunning`, and after an attempt that
    /// got no answer it is the caller's own start (`startedByUnansweredAttempt`).
    public func requestStart(ofGraph id: String) async -> StartOutcome {
        StartOutcome(await request(.start, graphID: id))
    }

    /// Sends a stop or a start and classifies the answer in the terms of a stop (`StartOutcome` maps them).
    private func request(_ action: GraphAction, graphID id: String) async -> StopOutcome {
        let path: String
        do {
            path = "/v2/\(encodedProjectID)/graphs/\(try PathSegment.graphID(id))/\(action.rawValue)"
        } catch {
            return .failed(httpStatus: nil, code: nil, message: error.message)
        }
        let delivery: Delivery
        do {
            delivery = try await deliver(method: "POST", path: path, body: Data("{}".utf8))
        } catch {
            return error.kind == .authenticationFailed
                ? .authenticationFailed(message: error.message)
                : .failed(httpStatus: nil, code: nil, message: error.message)
        }
        var outcome = Self.outcome(of: action, for: delivery.answer)
        if delivery.unansweredAttempts > 0, case .alreadyStopped(let code, let message) = outcome {
            outcome = .stoppedByUnansweredAttempt(code: code, message: message)
        }
        outcome = redacted(outcome)
        logger.info("\(action.rawValue) graph", metadata: ["graph": "\(id)", "outcome": "\(outcome)"])
        return outcome
    }

    private func redacted(_ outcome: StopOutcome) -> StopOutcome {
        switch outcome {
        case .requested: return outcome
        case .alreadyStopped(let code, let message):
            return .alreadyStopped(code: code, message: authorizer.redact(message))
        case .stoppedByUnansweredAttempt(let code, let message):
            return .stoppedByUnansweredAttempt(code: code, message: authorizer.redact(message))
        case .failed(let status, let code, let message):
            return .failed(httpStatus: status, code: code, message: authorizer.redact(message))
        case .authenticationFailed(let message): return .authenticationFailed(message: authorizer.redact(message))
        }
    }

    /// The docs/SPEC.md §7 outcome of a stop (or start) answer; for a start, `.alreadyStopped` means "already as
    /// asked" (`GraphAction.doneCodes`).
    static func outcome(of action: GraphAction, for answer: Answer) -> StopOutcome {
        switch answer {
        case .noResponse(let error):
            return .failed(httpStatus: nil, code: nil, message: error.description)
        case .response(let response):
            let details = GESErrorBody.parse(response.body)
            switch response.status {
            case 200..<300:
                if let jobID = jobID(in: response.body) { return .requested(jobID: jobID) }
                return .failed(
                    httpStatus: response.status,
                    code: details.code,
                    message: "GES accepted the \(action.rawValue) without a job_id"
                )
            case 401:
                return .authenticationFailed(
                    message: details.message ?? "GES answered HTTP 401: the credentials were not accepted"
                )
            case 400:
                if let code = details.code, action.doneCodes.contains(code) {
                    return .alreadyStopped(code: code, message: details.message ?? "")
                }
                fallthrough
            default:
                return .failed(
                    httpStatus: response.status,
                    code: details.code,
                    message: details.message ?? "GES answered HTTP \(response.status)"
                )
            }
        }
    }

    /// Starts a stopped graph (`POST …/graphs/{graph_id}/start`) and returns the job ID.
    public func startGraph(id: String, backupID: String? = nil) async throws(GESError) -> String {
        let path = "/v2/\(encodedProjectID)/graphs/\(try PathSegment.graphID(id))/start"
        var body = Data("{}".utf8)
        if let backupID {
            body = Data(#"{"graph_backup_id":"\#(try PathSegment.jobID(backupID))"}"#.utf8)
        }
        let answer = try await send(method: "POST", path: path, body: body)
        guard case .response(let response) = answer, response.isSuccess, let jobID = Self.jobID(in: response.body)
        else {
            throw error(for: answer, what: "starting graph \(id) failed")
        }
        return jobID
    }

    /// `job_id` (or v1 `jobId`) from a JSON answer, if present and non-empty.
    static func jobID(in body: Data) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return nil }
        let value = (object["job_id"] as? String) ?? (object["jobId"] as? String)
        guard let value, !value.isEmpty else { return nil }
        return value
    }
}
