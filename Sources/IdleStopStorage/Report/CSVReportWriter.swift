import Foundation
import IdleStopCore

/// Writes the run's CSV report (docs/SPEC.md §8) atomically: header, one row per graph, sorted by graph ID.
public enum CSVReportWriter {
    /// The report rows of a run, in the stable report order (graph ID, then graph name).
    public static func rows(run: RunInfo, decisions: [Decision]) -> [ReportRow] {
        var speller = DecisionCellSpeller(run: run)
        return decisions.map { ReportRow(decision: $0, speller: &speller) }.sorted(by: ReportRow.reportOrder)
    }

    /// The whole report as text (UTF-8, LF line endings).
    public static func text(run: RunInfo, decisions: [Decision]) -> String {
        CSVWriter.document(header: ReportColumn.header, rows: rows(run: run, decisions: decisions).map(\.cells))
    }

    /// Writes the report to `url`, creating its folder; the file appears whole or not at all.
    public static func write(run: RunInfo, decisions: [Decision], to url: URL) throws(StorageError) {
        try write(rows: rows(run: run, decisions: decisions), to: url)
    }

    /// Writes already built rows (in the order given) to `url`, atomically.
    public static func write(rows: [ReportRow], to url: URL) throws(StorageError) {
        try AtomicFile.write(to: url) { (output: inout AtomicFile.Output) throws(StorageError) in
            try output.write(CSVWriter.record(ReportColumn.header))
            for row in rows { try output.write(CSVWriter.record(row.cells)) }
        }
    }
}
