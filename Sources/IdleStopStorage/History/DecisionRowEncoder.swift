import Foundation
import GRDB
import IdleStopCore

/// Binds decisions as `decisions` table rows, each cell as `DecisionCellSpeller` spells it, for 100,000 rows a run.
///
/// Empty cells are NULL. After the report's columns comes `notice_since`, which the report does not show (the reason
/// says it). The values of one row are reused from row to row and bound straight to a multi-row INSERT.
struct DecisionRowEncoder {
    /// Column names in `ReportColumn` order, then `notice_since`, as the INSERT names them.
    static let columns: [String] = DecisionCellSpeller.columns.map(\.rawValue) + ["notice_since"]
    /// Rows per INSERT: one statement execution per 32 rows costs SQLite about a quarter less than one per row.
    static let rowsPerInsert = 32

    /// The INSERT of `rows` rows (`VALUES (?, …), (?, …)`).
    static func insertSQL(rows: Int) -> String {
        let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        return "INSERT INTO decisions (\(columns.joined(separator: ", "))) VALUES "
            + Array(repeating: row, count: rows).joined(separator: ", ")
    }

    private var speller: DecisionCellSpeller
    /// One row's values, reused from row to row.
    private(set) var values: [DatabaseValue]

    init(run: RunInfo) {
        speller = DecisionCellSpeller(run: run)
        values = Array(repeating: .null, count: Self.columns.count)
    }

    /// Fills `values` with the row of `decisions[index]`, in `columns` order.
    ///
    /// Reads the decision in place: a `Decision` copied out of the buffer would cost a retain for each of its strings.
    mutating func encode(_ decisions: UnsafeBufferPointer<Decision>, at index: Int) {
        let decision = decisions.baseAddress! + index
        for (offset, column) in DecisionCellSpeller.columns.enumerated() {
            let text = speller.cell(column, of: decision.pointee)
            values[offset] = text.isEmpty ? .null : text.databaseValue
        }
        values[values.count - 1] = decision.pointee.noticeSince?.description.databaseValue ?? .null
    }

    /// Binds `values` to the parameters of row `row` (0-based) of a multi-row INSERT, directly through SQLite.
    ///
    /// Call `statement.setUncheckedArguments(StatementArguments())` before the first row of each execution:
    /// it resets the statement (binding needs that) and marks it bound, so `execute()` keeps these bindings.
    /// https://sqlite.org/c3ref/bind_blob.html
    func bind(to statement: Statement, row: Int) throws {
        let raw = statement.sqliteStatement
        let first = row * values.count + 1
        for (offset, value) in values.enumerated() {
            let code = value.bind(to: raw, at: CInt(first + offset))
            guard code == 0 else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot bind a decision value")
            }
        }
    }
}
