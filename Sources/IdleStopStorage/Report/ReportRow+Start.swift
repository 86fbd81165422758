import IdleStopCore

extension ReportRow {
    /// The decision column of every row of a `start` report.
    public static let startDecision = "start"

    /// The report row of one graph of a `start` run: the docs/SPEC.md §8 columns that apply, decision `start`.
    ///
    /// `status` is what GES listed before the start; price and currency are those the stop was recorded with; the
    /// usage and savings columns stay empty.
    public init(run: RunInfo, start: StartDecision) {
        self.init(cells: [])
        self[.runID] = run.id
        self[.evaluatedAt] = run.evaluatedAt.description
        self[.mode] = run.mode.rawValue
        self[.graphID] = start.graphID
        self[.graphName] = start.graph?.name ?? start.stop?.graphName ?? ""
        self[.productType] = start.graph?.productType ?? ""
        self[.size] = start.graph.map { GraphSize.name(forIndex: $0.sizeIndex) } ?? ""
        self[.status] = start.graph?.status.rawValue ?? ""
        self[.decision] = Self.startDecision
        self[.result] = start.result?.rawValue ?? ""
        self[.reason] = start.reason
        self[.hourlyPrice] = start.stop?.hourlyPrice ?? ""
        self[.currency] = start.stop?.currency ?? ""
        self[.jobID] = start.jobID ?? ""
        self[.errorCode] = start.errorCode ?? ""
        self[.errorMessage] = start.errorMessage ?? ""
    }
}
