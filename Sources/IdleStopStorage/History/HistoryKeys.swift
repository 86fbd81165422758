import GRDB

/// Finds or makes the integer keys of graph IDs and of label combinations (`graph_keys`, `decision_labels`), which
/// `decision_rows` and `usage_series` store instead of the text.
///
/// Both tables are small (one row per graph, one per distinct label combination), so they are read whole once
/// per run and only what is new is inserted.
struct HistoryKeys {
    private var graphs: [String: Int64] = [:]
    private var labels: [[String]: Int64] = [:]

    /// Reads the keys the history already has.
    init(_ db: Database) throws {
        for row in try Row.fetchAll(db, sql: "SELECT key, graph_id FROM graph_keys") {
            graphs[row[1] as String] = row[0]
        }
        let columns = DecisionRowEncoder.labelColumns.map(\.rawValue).joined(separator: ", ")
        for row in try Row.fetchAll(db, sql: "SELECT key, \(columns) FROM decision_labels") {
            labels[(1...DecisionRowEncoder.labelColumns.count).map { row[$0] as String }] = row[0]
        }
    }

    /// The key of `graphID`, inserted when new.
    mutating func graph(_ db: Database, _ graphID: String) throws -> Int64 {
        if let key = graphs[graphID] { return key }
        try db.execute(sql: "INSERT INTO graph_keys (graph_id) VALUES (?)", arguments: [graphID])
        graphs[graphID] = db.lastInsertedRowID
        return db.lastInsertedRowID
    }

    /// The key of a label combination (`DecisionRowEncoder.labelColumns` order, `''` for empty), inserted when new.
    mutating func label(_ db: Database, _ cells: [String]) throws -> Int64 {
        if let key = labels[cells] { return key }
        let columns = DecisionRowEncoder.labelColumns.map(\.rawValue).joined(separator: ", ")
        try db.execute(
            sql: "INSERT INTO decision_labels (\(columns)) VALUES (\(HistoryQuery.marks(cells.count)))",
            arguments: StatementArguments(cells)
        )
        labels[cells] = db.lastInsertedRowID
        return db.lastInsertedRowID
    }

    /// The `runs.seq` of run `runID`, or nil when there is no such run.
    static func runSeq(_ db: Database, _ runID: String) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT seq FROM runs WHERE id = ?", arguments: [runID])
    }
}
