import Foundation
import IdleStopCore

/// One report row: every cell as `DecisionCellSpeller` spells it for the CSV and the `decisions` table.
public struct ReportRow: Sendable, Equatable {
    /// One string per `ReportColumn`, in order; empty for "no value".
    public var cells: [String]

    /// A row from cells in `ReportColumn` order; missing trailing cells are empty.
    public init(cells: [String]) {
        var cells = Array(cells.prefix(ReportColumn.allCases.count))
        cells += Array(repeating: "", count: ReportColumn.allCases.count - cells.count)
        self.cells = cells
    }

    /// The row for one decision of one run, as `speller` spells it (a speller made for `decision`'s run).
    public init(decision: Decision, speller: inout DecisionCellSpeller) {
        cells = DecisionCellSpeller.columns.map { speller.cell($0, of: decision) }
    }

    /// The row for one decision of one run.
    public init(run: RunInfo, decision: Decision) {
        var speller = DecisionCellSpeller(run: run)
        self.init(decision: decision, speller: &speller)
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
