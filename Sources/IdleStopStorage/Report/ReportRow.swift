import Foundation
import IdleStopCore

/// One report row: every cell as the CSV (and the `decisions` table) spells it, in `ReportColumn` order.
public struct ReportRow: Sendable, Equatable {
    /// One string per `ReportColumn`, in order; empty for "no value".
    public var cells: [String]

    /// A row from cells in `ReportColumn` order; missing trailing cells are empty.
    public init(cells: [String]) {
        var cells = Array(cells.prefix(ReportColumn.allCases.count))
        cells += Array(repeating: "", count: ReportColumn.allCases.count - cells.count)
        self.cells = cells
    }

    /// The row for one decision of one run.
    public init(run: RunInfo, decision: Decision) {
        var cells = Array(repeating: "", count: ReportColumn.allCases.count)
        func set(_ column: ReportColumn, _ value: String?) { cells[column.index] = value ?? "" }
        let graph = decision.graph
        set(.runID, run.id)
        set(.evaluatedAt, ReportFormat.timestamp(run.evaluatedAt))
        set(.mode, run.mode.rawValue)
        set(.graphID, graph.id)
        set(.graphName, graph.name)
        set(.productType, graph.productType)
        set(.size, GraphSize.name(forIndex: graph.sizeIndex))
        set(.status, graph.status)
        set(.policy, decision.policy)
        set(.decision, decision.kind.rawValue)
        set(.result, decision.kind == .stop ? decision.result?.rawValue : nil)
        set(.reason, decision.reason)
        set(.requestsInWindow, decision.requestsInWindow.map { ReportFormat.count($0) })
        set(.windowHours, decision.window.map { ReportFormat.hours($0) })
        set(.coverage, decision.coverage.map { ReportFormat.fraction($0) })
        set(.lastActivity, decision.lastActivity.map { ReportFormat.timestamp(unixSeconds: $0) })
        set(
            .idleHours,
            decision.lastActivity.map { ReportFormat.elapsedHours(fromUnixSeconds: $0, to: run.evaluatedAt) }
        )
        set(.hourlyPrice, decision.hourlyPrice.map { ReportFormat.decimal($0) })
        set(.currency, decision.currency)
        set(.projectedSavings, decision.projectedSavings.map { ReportFormat.money($0) })
        set(.jobID, decision.jobID)
        set(.errorCode, decision.errorCode)
        set(.errorMessage, decision.errorMessage)
        self.cells = cells
    }

    /// The cell of `column`.
    public subscript(column: ReportColumn) -> String {
        get { cells[column.index] }
        set { cells[column.index] = newValue }
    }

    /// The stable report order: by graph ID, then graph name.
    public static func reportOrder(_ lhs: ReportRow, _ rhs: ReportRow) -> Bool {
        let (left, right) = ((lhs[.graphID], lhs[.graphName]), (rhs[.graphID], rhs[.graphName]))
        return left.0 != right.0 ? left.0 < right.0 : left.1 < right.1
    }
}
