import Foundation
import IdleStopCore
import IdleStopStorage

extension RunPipeline {
    /// Settles stops an earlier run sent without recording the answer (it crashed), by the graph's status now.
    ///
    /// `UnknownStopReconciliation.findings` decides: stopped, or running again, is a sent stop (`requested`) with
    /// a note; a status that cannot tell, or a graph gone from the inventory, stays unknown, with a log line.
    func reconcileUnknownOutcomes(store: HistoryStore, graphs: [Graph], now: Instant) {
        let unknown: [UnknownOutcome]
        do { unknown = try store.unknownOutcomes() } catch {
            logger.error("could not read earlier stops with unknown outcome: \(error)")
            return
        }
        let findings = UnknownStopReconciliation.findings(graphIDs: unknown.map(\.graphID), graphs: graphs, seenAt: now)
        for (outcome, finding) in zip(unknown, findings) {
            switch finding {
            case .graphNotListed:
                logger.warning(
                    "stop of graph \(outcome.graphID) in run \(outcome.runID) has an unknown outcome and the graph is no longer listed"
                )
            case .statusCannotTell(let status):
                logger.warning(
                    "stop of graph \(outcome.graphID) in run \(outcome.runID) stays unknown: its status is \(status)"
                )
            case .settled(let settled, let graph):
                record(settled, of: graph, stoppedIn: outcome.runID, store: store)
            }
        }
    }

    /// Records a reconciled stop's result and note in the run that sent it.
    private func record(
        _ settled: UnknownStopReconciliation,
        of graph: Graph,
        stoppedIn runID: String,
        store: HistoryStore
    ) {
        do {
            try store.recordOutcome(
                runID: runID,
                graphID: graph.id,
                result: settled.result,
                jobID: nil,
                errorCode: nil,
                errorMessage: settled.note,
                at: Date()
            )
            logger.warning("reconciled the stop of \(graph.name) (\(graph.id)) from run \(runID): \(settled.note)")
        } catch {
            logger.error("could not reconcile the stop of graph \(graph.id): \(error)")
        }
    }

    /// What earlier runs, and this run's Cloud Eye datapoints, say about each graph for the restart rule.
    func restartEvidence(
        store: HistoryStore,
        graphs: [Graph],
        windows: Set<TimeSpan>,
        fetched: FetchedUsage,
        now: Instant
    ) throws(CommandError) -> [String: RestartEvidence] {
        let since = RestartEvidence.historyStart(windows: windows, now: now)
        let history: [String: GraphHistory]
        do { history = try store.graphHistory(graphIDs: Set(graphs.map(\.id)), since: since, now: now) } catch {
            throw .history(error)
        }
        return RestartEvidence.observing(fetched.records, in: history.mapValues(\.restartEvidence), now: now)
    }

    /// The notices that still stand for the listed graphs, when a policy has a notice period (`NoticePeriod`).
    func standingNotices(
        store: HistoryStore,
        graphs: [Graph],
        policies: PolicySet,
        now: Instant
    ) throws(CommandError) -> [String: StandingNotice] {
        guard policies.policies.contains(where: { $0.notice != nil }) else { return [:] }
        do { return try store.standingNotices(graphIDs: Set(graphs.map(\.id)), now: now) } catch {
            throw .history(error)
        }
    }
}
