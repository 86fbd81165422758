/// Everything the usage records said, ready for the decisions: usage per graph and what was skipped.
public struct UsageSummary: Sendable, Equatable {
    /// Usage per graph ID: every graph of the query's `graphIDs` (every graph seen when it was nil).
    public var graphs: [String: GraphUsage]
    /// Data rows read (header and blank lines excluded), bad rows included.
    public var rowsRead: Int
    /// Rows of graphs outside the query's `graphIDs`: counted, otherwise ignored.
    public var rowsForUnknownGraphs: Int
    /// Rows whose period starts at or after `now`: counted, otherwise ignored.
    public var futureRows: Int
    /// The malformed rows that were tolerated (at most `maxBadRows`).
    public var badRows: [UsageError]
    /// Graph IDs named by tolerated bad rows: never stopped in this run.
    public var taintedGraphIDs: Set<String>
    /// The files read, in order (`-` for standard input).
    public var sources: [String]

    public init(
        graphs: [String: GraphUsage] = [:],
        rowsRead: Int = 0,
        rowsForUnknownGraphs: Int = 0,
        futureRows: Int = 0,
        badRows: [UsageError] = [],
        taintedGraphIDs: Set<String> = [],
        sources: [String] = []
    ) {
        self.graphs = graphs
        self.rowsRead = rowsRead
        self.rowsForUnknownGraphs = rowsForUnknownGraphs
        self.futureRows = futureRows
        self.badRows = badRows
        self.taintedGraphIDs = taintedGraphIDs
        self.sources = sources
    }
}
