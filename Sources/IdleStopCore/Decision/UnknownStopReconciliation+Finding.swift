extension UnknownStopReconciliation {
    /// What a run concludes about one earlier stop of unknown outcome from the graphs GES listed now.
    public enum Finding: Sendable, Equatable {
        /// The graph's status tells: record the reconciliation for it.
        case settled(UnknownStopReconciliation, graph: Graph)
        /// The graph is no longer listed: the stop stays unknown.
        case graphNotListed
        /// The graph's status (the associated value) cannot tell: the stop stays unknown until a run can.
        case statusCannotTell(GraphStatus)
    }

    /// The finding for each of `graphIDs` (stops of unknown outcome, in order) among `graphs`, seen at `seenAt`.
    ///
    /// `graphs` must be GES's own listing: a graph list read from a file says nothing about the graph now.
    public static func findings(graphIDs: [String], graphs: [Graph], seenAt: Instant) -> [Finding] {
        let byID = Dictionary(graphs.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return graphIDs.map { graphID in
            guard let graph = byID[graphID] else { return .graphNotListed }
            guard let settled = UnknownStopReconciliation(status: graph.status, seenAt: seenAt) else {
                return .statusCannotTell(graph.status)
            }
            return .settled(settled, graph: graph)
        }
    }
}
