import Foundation
import GESKit
import IdleStopCore
import IdleStopStorage
import Logging

/// Sends the stop requests of a run, a bounded number at a time, recording intent before and outcome after.
///
/// After a 401 nothing more is sent: graphs not yet tried are `failed` with the reason. The run's deadline is
/// a hard bound: no request starts after it, and requests still in flight when it passes are cancelled (the
/// transfer is aborted) and recorded as `unknown`, since GES may have received them; the next run reconciles
/// them by the graph's status. Each graph gets at most one stop request per run (the client may repeat the
/// same request after a 429, a 5xx or no answer, per docs/SPEC.md §7).
struct StopExecutor {
    var client: GESClient
    var store: HistoryStore
    var runID: String
    var concurrency: Int
    var wait: Bool
    var deadline: Date
    var logger: Logger

    /// What the executor's task group hands back: a finished stop, or news from the deadline timer.
    private enum Event: Sendable {
        /// A stop (and, with `--wait`, its job poll) ended; `wasCancelled` when the deadline cut it short.
        case finished(index: Int, outcome: StopOutcome, job: JobStatus?, wasCancelled: Bool)
        case deadlinePassed
        /// The timer was cancelled because every stop had ended before the deadline.
        case timerCancelled
    }

    /// Why a graph's stop was never sent.
    static let notSentAfterDeadline = "not sent: the run's deadline passed"
    static let notSentAfterAuthenticationFailure = "not sent: authentication failed earlier in this run"
    /// The note on a stop whose first attempt got no answer and whose retry GES answered "already stopped".
    static func stoppedByUnansweredAttempt(code: String, message: String) -> String {
        let answer = message.isEmpty ? code : "\(code): \(message)"
        return "the first attempt got no answer (timed out or cut off); GES said already stopped on the retry "
            + "(\(answer)): the job's own stop, no job ID"
    }
    /// Why a stop in flight at the deadline has no known outcome.
    static let cancelledAtDeadline =
        "the run's deadline passed while the stop request was in flight; it was cancelled and may or may not have "
        + "reached GES (the next run checks the graph's status)"

    /// How far the stop phase got: the next pending stop to start, the stops in flight, and why none may start.
    private struct Progress {
        var next = 0
        var inFlight = 0
        var authenticationFailed = false
        var deadlinePassed = false
    }

    /// Stops every `stop` decision in place; returns whether authentication failed.
    func stopAll(_ decisions: inout [Decision]) async -> Bool {
        let pending = decisions.indices.filter { decisions[$0].kind == .stop && decisions[$0].result == nil }
        let started = ContinuousClock.now
        defer {
            logger.info(
                "stop phase: \(pending.count) stop(s) at concurrency \(concurrency) in \(ContinuousClock.now - started)"
            )
        }
        var progress = Progress()
        await withTaskGroup(of: Event.self) { group in
            let untilDeadline = deadline.timeIntervalSinceNow
            group.addTask {
                do {
                    if untilDeadline > 0 { try await Task.sleep(for: .seconds(untilDeadline)) }
                    return .deadlinePassed
                } catch {
                    return .timerCancelled
                }
            }
            fill(&group, &progress, pending: pending, decisions: &decisions)
            while let event = await group.next() {
                switch event {
                case .deadlinePassed:
                    progress.deadlinePassed = true
                    if progress.inFlight > 0 {
                        logger.warning(
                            "the run's deadline passed: cancelling \(progress.inFlight) stop request(s) in flight"
                        )
                    }
                    group.cancelAll()
                case .timerCancelled:
                    break
                case .finished(let index, let outcome, let job, let wasCancelled):
                    progress.inFlight -= 1
                    if case .authenticationFailed = outcome { progress.authenticationFailed = true }
                    apply(outcome, job: job, wasCancelled: wasCancelled, to: &decisions[index])
                    // The next request goes out first (its intent committed), then this outcome is committed:
                    // each commit waits for the disk (fsync), and the outcome need not hold up a request.
                    fill(&group, &progress, pending: pending, decisions: &decisions)
                    record(decisions[index])
                }
            }
        }
        for index in pending where decisions[index].result == nil {
            decisions[index].result = .failed
            decisions[index].errorMessage =
                progress.authenticationFailed ? Self.notSentAfterAuthenticationFailure : Self.notSentAfterDeadline
            record(decisions[index])
        }
        return progress.authenticationFailed
    }

    /// Starts stops until `concurrency` are in flight or none may start; with nothing in flight, ends the timer so
    /// that the group can end.
    private func fill(
        _ group: inout TaskGroup<Event>,
        _ progress: inout Progress,
        pending: [Int],
        decisions: inout [Decision]
    ) {
        while progress.inFlight < concurrency, start(&group, &progress, pending: pending, decisions: &decisions) {}
        if progress.inFlight == 0 { group.cancelAll() }
    }

    /// Starts the next pending stop, its intent committed first; false when none may start any more.
    ///
    /// A stop whose intent cannot be recorded is not sent: it is `failed` with the reason, and the next one is tried.
    private func start(
        _ group: inout TaskGroup<Event>,
        _ progress: inout Progress,
        pending: [Int],
        decisions: inout [Decision]
    ) -> Bool {
        guard progress.next < pending.count, !progress.authenticationFailed, !progress.deadlinePassed,
            Date() < deadline
        else { return false }
        let index = pending[progress.next]
        progress.next += 1
        let graphID = decisions[index].graph.id
        do {
            try store.recordIntent(runID: runID, graphID: graphID, at: Date())
        } catch {
            decisions[index].result = .failed
            decisions[index].errorMessage = "not sent: the intent could not be recorded (\(error))"
            record(decisions[index])
            return true
        }
        decisions[index].result = .unknown
        let client = self.client
        let wait = self.wait
        group.addTask {
            let outcome = await client.stopGraph(id: graphID)
            guard wait, case .requested(let jobID) = outcome, !Task.isCancelled else {
                return .finished(index: index, outcome: outcome, job: nil, wasCancelled: Task.isCancelled)
            }
            let status = try? await client.waitForJob(graphID: graphID, jobID: jobID)
            return .finished(index: index, outcome: outcome, job: status, wasCancelled: Task.isCancelled)
        }
        progress.inFlight += 1
        return true
    }

    private func apply(_ outcome: StopOutcome, job: JobStatus?, wasCancelled: Bool, to decision: inout Decision) {
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
                decision.errorMessage =
                    wasCancelled
                    ? "the run's deadline passed before the stop job finished"
                    : "the stop job's status could not be read before the wait ended"
            }
        case .alreadyStopped(let code, let message):
            decision.result = .alreadyStopped
            decision.errorCode = code
            decision.errorMessage = message
        case .stoppedByUnansweredAttempt(let code, let message):
            // The job's own stop: the attempt that timed out stopped the graph, so there is no job to poll.
            decision.result = .requested
            decision.errorCode = nil
            decision.errorMessage = Self.stoppedByUnansweredAttempt(code: code, message: message)
        case .failed(nil, _, _) where wasCancelled:
            // No answer, and the deadline cut the request (or its retries) short: it may have reached GES.
            decision.result = .unknown
            decision.errorCode = nil
            decision.errorMessage = Self.cancelledAtDeadline
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
                runID: runID,
                graphID: decision.graph.id,
                result: decision.result ?? .failed,
                jobID: decision.jobID,
                errorCode: decision.errorCode,
                errorMessage: decision.errorMessage,
                at: Date()
            )
        } catch {
            logger.error("could not record the outcome for graph \(decision.graph.id): \(error)")
        }
    }
}
