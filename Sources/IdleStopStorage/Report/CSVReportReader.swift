import Foundation
import IdleStopCore

/// Reads a dry-run report back for `apply`, strictly: any problem fails the whole file.
///
/// The header must hold every contract column (extra columns are allowed, in any place); every row has
/// as many fields as the header; `decision` and `result` are known values (`result` only on `stop`);
/// every row has the same `run_id` and mode `dry-run`; graph IDs are safe; no graph appears twice.
/// Errors name the file, the line and the column.
public enum CSVReportReader {
    /// Reads and checks the report at `url`.
    public static func read(from url: URL) throws(StorageError) -> ReviewedReport {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw StorageError(kind: .file, path: url.path, message: "cannot read the report: \(reason(error))")
        }
        return try read(data, path: url.path)
    }

    /// Reads and checks report bytes; `path` only names the source in errors.
    public static func read(_ bytes: some Collection<UInt8>, path: String) throws(StorageError) -> ReviewedReport {
        let records = try CSVReader.records(bytes, path: path)
        guard let header = records.first else {
            throw StorageError(kind: .report, path: path, line: 1, message: "the report is empty (no header row)")
        }
        var positions: [String: Int] = [:]
        for (index, name) in header.fields.enumerated() {
            if positions[name] != nil {
                throw StorageError(
                    kind: .report,
                    path: path,
                    line: header.line,
                    column: name,
                    message: "the header names this column twice"
                )
            }
            positions[name] = index
        }
        let missing = ReportColumn.allCases.filter { positions[$0.rawValue] == nil }.map(\.rawValue)
        guard missing.isEmpty else {
            throw StorageError(
                kind: .report,
                path: path,
                line: header.line,
                message:
                    "the header lacks the report column(s) \(missing.joined(separator: ", ")); is this a ges-idle-stop report?"
            )
        }
        var rows: [ReviewedRow] = []
        var lineOfGraph: [String: Int] = [:]
        for record in records.dropFirst() {
            let row = try reviewedRow(record, header: header.fields, positions: positions, path: path)
            if let first = rows.first, first.runID != row.runID {
                throw StorageError(
                    kind: .report,
                    path: path,
                    line: row.line,
                    column: ReportColumn.runID.rawValue,
                    message:
                        "run \(quoted(row.runID)) differs from run \(quoted(first.runID)) of line \(first.line): a report holds one run"
                )
            }
            if let earlier = lineOfGraph[row.graphID] {
                throw StorageError(
                    kind: .report,
                    path: path,
                    line: row.line,
                    column: ReportColumn.graphID.rawValue,
                    message: "graph \(row.graphID) already appears on line \(earlier)"
                )
            }
            lineOfGraph[row.graphID] = row.line
            rows.append(row)
        }
        return ReviewedReport(runID: rows.first?.runID, rows: rows)
    }

    /// One data row, checked against the header; errors name its line and the column at fault.
    private static func reviewedRow(
        _ record: CSVReader.Record,
        header: [String],
        positions: [String: Int],
        path: String
    ) throws(StorageError) -> ReviewedRow {
        guard record.fields.count == header.count else {
            throw StorageError(
                kind: .report,
                path: path,
                line: record.line,
                message: "the row has \(record.fields.count) field(s) but the header has \(header.count)"
            )
        }
        func cell(_ column: ReportColumn) -> String { record.fields[positions[column.rawValue]!] }
        func fail(_ column: ReportColumn, _ message: String) -> StorageError {
            StorageError(kind: .report, path: path, line: record.line, column: column.rawValue, message: message)
        }
        let runID = cell(.runID)
        guard !runID.isEmpty else { throw fail(.runID, "the run ID is empty") }
        guard let mode = RunInfo.Mode(rawValue: cell(.mode)) else {
            throw fail(.mode, "unknown mode \(quoted(cell(.mode))) (expected live or dry-run)")
        }
        guard mode == .dryRun else { throw fail(.mode, "apply takes a dry-run report; this row is from a live run") }
        let graphID = cell(.graphID)
        guard GraphID.isSafe(graphID) else {
            throw fail(.graphID, "unsafe graph ID \(quoted(graphID)) (letters, digits, - and _ only, at most 128)")
        }
        let decisionNames = DecisionKind.allCases.map(\.rawValue).joined(separator: ", ")
        guard let decision = DecisionKind(rawValue: cell(.decision)) else {
            throw fail(.decision, "unknown decision \(quoted(cell(.decision))) (expected \(decisionNames))")
        }
        let result = try stopResult(cell(.result), on: decision) { message in fail(.result, message) }
        var cells: [String: String] = [:]
        for (name, value) in zip(header, record.fields) { cells[name] = value }
        let policy = cell(.policy)
        return ReviewedRow(
            runID: runID,
            mode: mode,
            graphID: graphID,
            graphName: cell(.graphName),
            decision: decision,
            result: result,
            policy: policy.isEmpty ? nil : policy,
            reason: cell(.reason),
            line: record.line,
            cells: cells
        )
    }

    /// The `result` cell of a row: empty, or a known result on a `stop` row; `fail` makes the error from a message.
    private static func stopResult(
        _ text: String,
        on decision: DecisionKind,
        fail: (String) -> StorageError
    ) throws(StorageError) -> StopResult? {
        guard !text.isEmpty else { return nil }
        guard let known = StopResult(rawValue: text) else {
            let names = StopResult.allCases.map(\.rawValue).joined(separator: ", ")
            throw fail("unknown result \(quoted(text)) (expected empty or \(names))")
        }
        guard decision == .stop else {
            throw fail("result \(known.rawValue) on a \(decision.rawValue) row (results belong to stop rows)")
        }
        return known
    }

    /// A value for a message: quoted, control characters escaped, shortened to 60 characters.
    static func quoted(_ value: String) -> String {
        let short = value.count > 60 ? String(value.prefix(57)) + "..." : value
        return "\""
            + short.unicodeScalars.map {
                $0.properties.generalCategory == .control ? $0.escaped(asASCII: true) : String($0)
            }.joined() + "\""
    }

    static func reason(_ error: any Error) -> String {
        if let cocoa = error as? CocoaError, let underlying = cocoa.userInfo[NSUnderlyingErrorKey] as? POSIXError {
            return errnoText(underlying.code.rawValue)
        }
        return (error as NSError).localizedDescription
    }
}
