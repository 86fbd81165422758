import Foundation
import GESKit
import IdleStopCore
import IdleStopStorage
import Logging

/// Sends the stop requests of a run, a bounded number at a time, recording intent before and outcome after.
///
/// After a 401 nothing more is sent: graphs not yet tried are `failed` with the reason. After the run's
/// deadline no new request starts. Each graph gets at most one stop request per run.
struct StopExecutor {
    var client: GESClient
    var store: HistoryStore
    var runID: String
    var concurrency: Int
    var wait: Bool
    var deadline: Date
    var logger: Logger

    /// Stops every `stop` decision in place; returns whether authentication failed.
    func stopAll(_ decisions: inout [Decision]) async -> Bool {
        let pending = decisions.indices.filter { decisions[$0].kind == .stop && decisions[$0].result == nil }
        var authenticationFailed = false
        var next = 0
        await withTaskGroup(of: (Int, StopOutcome, JobStatus?).self) { group in
            var inFlight = 0
            func startNext() -> Bool {
                guard next < pending.count, !authenticationFailed, Date() < deadline else { return false }
                let index = pending[next]
                next += 1
                let graphID = decisions[index].graph.id
                do {
                    try store.recordIntent(runID: runID, graphID: graphID, at: Date())
                } catch {
                    decisions[index].result = .failed
                    decisions[index].errorMessage = "not sent: the intent could not be recorded (\(error))"
                    return true
                }
                decisions[index].result = .unknown
                let client = self.client
                let wait = self.wait
                group.addTask {
                    let outcome = await client.stopGraph(id: graphID)
                    guard wait, case .requested(let jobID) = outcome else { return (index, outcome, nil) }
                    let status = try? await client.waitForJob(graphID: graphID, jobID: jobID)
                    return (index, outcome, status)
                }
                inFlight += 1
                return true
            }
            while inFlight < concurrency, startNext() {}
            while let (index, outcome, job) = await group.next() {
                inFlight -= 1
                if case .authenticationFailed = outcome { authenticationFailed = true }
                apply(outcome, job: job, to: &decisions[index])
                record(decisions[index])
                while inFlight < concurrency, startNext() {}
            }
        }
        for index in pending where decisions[index].result == nil {
            decisions[index].result = .failed
            decisions[index].errorMessage =
                authenticationFailed
                ? "not sent: authentication failed earlier in this run"
                : "not sent: the run's deadline passed"
            record(decisions[index])
        }
        return authenticationFailed
    }

    private func apply(_ outcome: StopOutcome, job: JobStatus?, to decision: inout Decision) {
        switch outcome {
        case .requested(let jobID):
            decision.result = .requested
            decision.jobID = jobID
            if let job {
                switch job.state {
                case .success: decision.result = .confirmed
                case .failed:
                    decision.result = .failed
                    decision.errorMessage = job.failReason ?? "the stop job failed"
                default: break
                }
            } else if wait {
                decision.errorMessage = "the stop job's status could not be read before the wait ended"
            }
        case .alreadyStopped(let code, let message):
            decision.result = .alreadyStopped
            decision.errorCode = code
            decision.errorMessage = message
        case .failed(let httpStatus, let code, let message):
            decision.result = .failed
            decision.errorCode = code ?? httpStatus.map { "HTTP \($0)" }
            decision.errorMessage = message
        case .authenticationFailed(let message):
            decision.result = .failed
            decision.errorCode = "HTTP 401"
            decision.errorMessage = message
        }
    }

    private func record(_ decision: Decision) {
        do {
            try store.recordOutcome(
                runID: runID, graphID: decision.graph.id, result: decision.result ?? .failed, jobID: decision.jobID,
                errorCode: decision.errorCode, errorMessage: decision.errorMessage, at: Date())
        } catch {
            logger.error("could not record the outcome for graph \(decision.graph.id): \(error)")
        }
    }
}
