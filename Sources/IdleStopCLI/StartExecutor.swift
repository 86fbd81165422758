import Foundation
import GESKit
import IdleStopCore
import IdleStopStorage
import Logging

/// Sends the start requests of a `start` run one at a time, intent recorded before and outcome after, then with
/// `--wait` polls their jobs together.
///
/// Starts are few (the night's stops) and a person is waiting, so they go one by one; their jobs take minutes, so
/// they are polled at once. The deadline is `run`'s: no request starts after it, a request in flight when it passes
/// is `unknown` (it may have reached GES), and a graph not tried is `failed`, "not sent". After a 401 nothing more
/// is sent.
struct StartExecutor {
    var client: GESClient
    var store: HistoryStore
    var runID: String
    var wait: Bool
    var deadline: RunDeadline
    var logger: Logger

    /// Why a start in flight at the deadline has no known outcome.
    static let cancelledAtDeadline =
        "the run's deadline passed while the start request was in flight; it may or may not have reached GES"

    /// Starts every decision that has no result yet, in place; returns whether authentication failed.
    func startAll(_ decisions: inout [StartDecision]) async -> Bool {
        var authenticationFailed = false
        for index in decisions.indices where decisions[index].result == nil {
            guard !authenticationFailed, !deadline.hasPassed else {
                decisions[index].result = .failed
                decisions[index].errorMessage =
                    authenticationFailed
                    ? StopExecutor.notSentAfterAuthenticationFailure : StopExecutor.notSentAfterDeadline
                record(decisions[index])
                continue
            }
            authenticationFailed = await start(&decisions[index])
            record(decisions[index])
        }
        if wait { await waitForJobs(&decisions) }
        return authenticationFailed
    }

    /// Sends one start, its intent committed first; returns whether GES refused the credentials.
    private func start(_ decision: inout StartDecision) async -> Bool {
        let graphID = decision.graphID
        do {
            try store.recordStartIntent(runID: runID, graphID: graphID, at: Date())
        } catch {
            decision.result = .failed
            decision.errorMessage = "not sent: the intent could not be recorded (\(error))"
            return false
        }
        let client = self.client
        let outcome = try? await deadline.run("starting graph \(graphID)") { () async throws(CommandError) in
            await client.requestStart(ofGraph: graphID)
        }
        guard let outcome else {
            decision.result = .unknown
            decision.errorMessage = Self.cancelledAtDeadline
            return false
        }
        switch outcome {
        case .requested(let jobID):
            decision.result = .requested
            decision.jobID = jobID
        case .alreadyRunning(let code, let message):
            decision.result = .alreadyRunning
            decision.errorCode = code
            decision.errorMessage = message
        case .startedByUnansweredAttempt(let code, let message):
            decision.result = .requested
            decision.errorMessage =
                "the first attempt got no answer; GES said not stopped on the retry (\(code): \(message)): the "
                + "command's own start, no job ID"
        case .failed(let httpStatus, let code, let message):
            decision.result = .failed
            decision.errorCode = code ?? httpStatus.map { "HTTP \($0)" }
            decision.errorMessage = message
        case .authenticationFailed(let message):
            decision.result = .failed
            decision.errorCode = "HTTP 401"
            decision.errorMessage = message
            return true
        }
        return false
    }

    /// With `--wait`: polls every requested start's job until it ends or the deadline passes, and records the result.
    private func waitForJobs(_ decisions: inout [StartDecision]) async {
        let client = self.client
        let limit = Duration.seconds(max(0, deadline.instant.timeIntervalSinceNow))
        let jobs = decisions.indices.compactMap { index -> (Int, String, String)? in
            guard decisions[index].result == .requested, let job = decisions[index].jobID else { return nil }
            return (index, decisions[index].graphID, job)
        }
        let finished = await withTaskGroup(of: (Int, JobStatus?).self) { group in
            for (index, graphID, job) in jobs {
                group.addTask { (index, try? await client.waitForJob(graphID: graphID, jobID: job, timeout: limit)) }
            }
            var statuses: [Int: JobStatus?] = [:]
            for await (index, status) in group { statuses[index] = status }
            return statuses
        }
        for (index, status) in finished.sorted(by: { $0.key < $1.key }) {
            switch status?.state {
            case .success: decisions[index].result = .confirmed
            case .failed:
                decisions[index].result = .failed
                decisions[index].errorMessage = status?.failReason ?? "the start job failed"
            default:
                decisions[index].errorMessage = "the start job's status could not be read before the wait ended"
            }
            record(decisions[index])
        }
    }

    private func record(_ decision: StartDecision) {
        do {
            try store.recordStartOutcome(runID: runID, graphID: decision.graphID, decision: decision, at: Date())
        } catch {
            logger.error("could not record the start outcome for graph \(decision.graphID): \(error)")
        }
    }
}
