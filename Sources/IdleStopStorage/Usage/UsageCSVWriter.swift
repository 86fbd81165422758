import Foundation
import IdleStopCore

/// Writes usage records in the CSV format of SPEC §3, so fetched usage can be saved, reviewed and read back.
public enum UsageCSVWriter {
    public static let header = ["graph_id", "period_start", "period_seconds", "requests"]

    /// The whole file: header, then one row per record, ordered by graph and period start.
    public static func text(_ records: [UsageRecord]) -> String {
        var lines = [header.joined(separator: ",")]
        let sorted = records.sorted { ($0.graphID, $0.periodStart) < ($1.graphID, $1.periodStart) }
        lines.reserveCapacity(sorted.count + 1)
        for record in sorted {
            let start = ReportFormat.timestamp(Date(timeIntervalSince1970: TimeInterval(record.periodStart)))
            lines.append("\(record.graphID),\(start),\(record.periodSeconds),\(number(record.requests))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes `records` to `url` atomically: the file appears whole or not at all.
    public static func write(_ records: [UsageRecord], to url: URL) throws(StorageError) {
        try AtomicFile.write(Data(text(records).utf8), to: url)
    }

    /// A request count as written: an integer when integral, else the shortest exact decimal of the value.
    static func number(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 9e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
