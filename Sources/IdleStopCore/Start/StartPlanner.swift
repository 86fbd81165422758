/// Decides, for each graph `ges-idle-stop start` was asked to bring back, whether to start it (docs/SPEC.md §1).
///
/// A pure function of the history's stops and GES's listing: only a graph the job stopped, that has not run since,
/// and that GES lists as stopped (`900`) is started. Nothing here sends a request.
public enum StartPlanner {
    /// One decision per graph of `graphIDs`, in that order (duplicates once); `stops` holds the job's stop of each
    /// graph the history knows, `graphs` GES's listing now.
    public static func plan(
        graphIDs: [String],
        stops: [String: JobStop],
        graphs: [Graph],
        isDryRun: Bool
    ) -> [StartDecision] {
        let listed = Dictionary(graphs.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var seen: Set<String> = []
        return graphIDs.filter { seen.insert($0).inserted }.map { id in
            decide(graphID: id, stop: stops[id], graph: listed[id], isDryRun: isDryRun)
        }
    }

    /// The decision for one graph: refused, already running, or to start (`dry-run` in a dry run).
    static func decide(graphID: String, stop: JobStop?, graph: Graph?, isDryRun: Bool) -> StartDecision {
        var decision = StartDecision(graphID: graphID, graph: graph, stop: stop, result: .refused, reason: "")
        guard let stop else {
            decision.reason =
                "the history has no stop of this graph by the job: start brings back only graphs the job stopped"
            return decision
        }
        let stopped = "the job stopped it at \(stop.stoppedAt) in run \(stop.runID)"
        guard let graph else {
            decision.reason = "GES does not list this graph (deleted?); \(stopped)"
            return decision
        }
        let status = describe(graph.status)
        if graph.status == .running || graph.status == .starting {
            decision.result = .alreadyRunning
            decision.reason = "GES lists it \(status): nothing to start; \(stopped)"
        } else if let ranAgain = stop.ranAgainAt {
            decision.reason =
                "it ran again after \(stopped) (by \(ranAgain)), so the job did not stop it last; it is \(status) now"
        } else if graph.status != .stopped {
            decision.reason =
                "its status is \(status), not \(describe(.stopped)): GES starts only a stopped graph; \(stopped); "
                + "try again once it is stopped"
        } else {
            decision.result = isDryRun ? .dryRun : nil
            decision.reason = "\(stopped) (result \(stop.result.rawValue)) and GES lists it \(status)"
        }
        return decision
    }

    /// `stopped (900)`, or the bare code for one docs/ges-api.md §2.4 does not list.
    static func describe(_ status: GraphStatus) -> String {
        status.name.map { "\($0) (\(status.rawValue))" } ?? "status \(status.rawValue)"
    }
}
