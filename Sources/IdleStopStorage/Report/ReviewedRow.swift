import IdleStopCore

/// One row of a reviewed dry-run report, as `apply` needs it.
public struct ReviewedRow: Sendable, Equatable {
    public var runID: String
    public var mode: RunInfo.Mode
    public var graphID: String
    public var graphName: String
    public var decision: DecisionKind
    public var result: StopResult?
    public var policy: String?
    public var reason: String
    /// The line the row starts on, for messages.
    public var line: Int
    /// Every cell by column name, the extra columns an operator added included.
    public var cells: [String: String]

    public init(
        runID: String,
        mode: RunInfo.Mode,
        graphID: String,
        graphName: String,
        decision: DecisionKind,
        result: StopResult?,
        policy: String?,
        reason: String,
        line: Int,
        cells: [String: String]
    ) {
        self.runID = runID
        self.mode = mode
        self.graphID = graphID
        self.graphName = graphName
        self.decision = decision
        self.result = result
        self.policy = policy
        self.reason = reason
        self.line = line
        self.cells = cells
    }

    /// Whether `apply` may stop this graph: the reviewed plan said `decision=stop` with result `dry-run`, or `held`
    /// (the trip-wire held it in the dry run; `apply --expect-stops N` is how an operator releases it).
    public var isApprovedStop: Bool { decision == .stop && (result == .dryRun || result == .held) }
}
