import Foundation
import Logging

extension GESClient {
    /// The status of a job (`GET …/graphs/{graph_id}/jobs/{job_id}/status`).
    public func jobStatus(graphID: String, jobID: String) async throws(GESError) -> JobStatus {
        let path =
            "/v2/\(encodedProjectID)/graphs/\(try PathSegment.graphID(graphID))/jobs/\(try PathSegment.jobID(jobID))/status"
        let answer = try await send(method: "GET", path: path)
        guard case .response(let response) = answer, response.status == 200 else {
            throw error(for: answer, what: "reading job \(jobID) failed")
        }
        guard let status = JobStatus.decode(response.body, requestedID: jobID) else {
            throw GESError(
                kind: .malformedResponse,
                message: "job \(jobID): the status answer is not understood",
                httpStatus: 200
            )
        }
        return status
    }

    /// Polls a job until it succeeds or fails, or `timeout` passes (then `jobWaitTimedOut`).
    ///
    /// The first polls come quickly (`firstInterval`, doubling) since short jobs are common, then settle at
    /// `interval` so a long job costs GES one request per `interval`.
    public func waitForJob(
        graphID: String,
        jobID: String,
        interval: Duration = .seconds(5),
        firstInterval: Duration = .milliseconds(500),
        timeout: Duration = .seconds(600)
    ) async throws(GESError) -> JobStatus {
        let start = clock.now()
        var pause = min(firstInterval, interval)
        while true {
            let status = try await jobStatus(graphID: graphID, jobID: jobID)
            if status.state.isFinished { return status }
            guard clock.now() - start + pause <= timeout else {
                throw GESError(
                    kind: .jobWaitTimedOut,
                    message: "job \(jobID) of graph \(graphID) did not finish within \(timeout)"
                )
            }
            do {
                try await clock.sleep(pause)
            } catch {
                throw GESError(kind: .jobWaitTimedOut, message: "waiting for job \(jobID) was cancelled")
            }
            pause = min(pause * 2, interval)
        }
    }
}
