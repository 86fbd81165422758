/// A dry-run report read back for `apply`: its run and its rows, every one checked.
public struct ReviewedReport: Sendable, Equatable {
    /// The dry run the report came from; nil when the reviewer deleted every row.
    public var runID: String?
    public var rows: [ReviewedRow]

    public init(runID: String?, rows: [ReviewedRow]) {
        self.runID = runID
        self.rows = rows
    }

    /// The graphs `apply` may stop: rows that say `decision=stop` with result `dry-run` or `held`.
    public var approvedStops: Set<String> { Set(rows.filter(\.isApprovedStop).map(\.graphID)) }
}
