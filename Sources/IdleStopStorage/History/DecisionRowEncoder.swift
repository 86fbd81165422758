import Foundation
import GRDB
import IdleStopCore

/// Binds decisions as `decision_rows` rows (schema v8-compact), each cell as `DecisionCellSpeller` spells it, for
/// 100,000 rows a run.
///
/// The run, the graph and the graph's labels are integer keys (`HistoryKeys` finds or makes them); the other
/// report columns are text, empty cells NULL; after them comes `notice_since`, which the report does not show (the
/// reason says it). The values of one row are reused from row to row and bound straight to a multi-row INSERT.
struct DecisionRowEncoder {
    /// The report columns stored in each row, after the three keys and before `notice_since`.
    static let rowColumns: [ReportColumn] = [
        .evaluatedAt, .status, .decision, .result, .reason, .requestsInWindow, .windowHours, .coverage,
        .lastActivity, .idleHours, .projectedSavings, .jobID, .errorCode, .errorMessage,
    ]
    /// The report columns stored once per distinct combination in `decision_labels`, in its column order.
    static let labelColumns: [ReportColumn] = [.graphName, .productType, .size, .policy, .hourlyPrice, .currency]
    /// Column names as the INSERT names them.
    static let columns: [String] =
        ["run_seq", "graph_key", "label_key"] + rowColumns.map(\.rawValue) + ["notice_since"]
    /// Rows per INSERT: one statement execution per 32 rows costs SQLite about a quarter less than one per row.
    static let rowsPerInsert = 32

    /// The INSERT of `rows` rows (`VALUES (?, …), (?, …)`).
    static func insertSQL(rows: Int) -> String {
        let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        return "INSERT INTO decision_rows (\(columns.joined(separator: ", "))) VALUES "
            + Array(repeating: row, count: rows).joined(separator: ", ")
    }

    private var speller: DecisionCellSpeller
    /// One row's values, reused from row to row.
    private(set) var values: [DatabaseValue]

    init(run: RunInfo) {
        speller = DecisionCellSpeller(run: run)
        values = Array(repeating: .null, count: Self.columns.count)
    }

    /// The label cells of a decision, in `labelColumns` order, `''` for an empty one (as `decision_labels` stores).
    mutating func labels(of decision: Decision) -> [String] {
        Self.labelColumns.map { speller.cell($0, of: decision) }
    }

    /// Fills `values` with the row of `decision` under the given keys, in `columns` order.
    mutating func encode(_ decision: Decision, runSeq: Int64, graphKey: Int64, labelKey: Int64) {
        values[0] = runSeq.databaseValue
        values[1] = graphKey.databaseValue
        values[2] = labelKey.databaseValue
        for (offset, column) in Self.rowColumns.enumerated() {
            let text = speller.cell(column, of: decision)
            values[3 + offset] = text.isEmpty ? .null : text.databaseValue
        }
        values[values.count - 1] = decision.noticeSince?.description.databaseValue ?? .null
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
