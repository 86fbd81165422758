/// The report's columns, in the contract order of docs/SPEC.md §8.
///
/// Scripts read the report by these names; new columns may only ever be appended.
public enum ReportColumn: String, CaseIterable, Sendable, Hashable {
    case runID = "run_id"
    case evaluatedAt = "evaluated_at"
    case mode
    case graphID = "graph_id"
    case graphName = "graph_name"
    case productType = "product_type"
    case size
    case status
    case policy
    case decision
    case result
    case reason
    case requestsInWindow = "requests_in_window"
    case windowHours = "window_hours"
    case coverage
    case lastActivity = "last_activity"
    case idleHours = "idle_hours"
    case hourlyPrice = "hourly_price"
    case currency
    case projectedSavings = "projected_savings"
    case jobID = "job_id"
    case errorCode = "error_code"
    case errorMessage = "error_msg"

    /// The header row: every column name in contract order.
    public static let header: [String] = allCases.map(\.rawValue)

    /// The column's position in a row.
    public var index: Int { Self.allCases.firstIndex(of: self)! }
}
