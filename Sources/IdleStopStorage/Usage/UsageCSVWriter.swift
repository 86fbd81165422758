import Foundation
import IdleStopCore

/// Writes usage records in the CSV format of docs/SPEC.md §3, so fetched usage can be saved, reviewed and read back.
public enum UsageCSVWriter {
    public static let header = ["graph_id", "period_start", "period_seconds", "requests"]

    /// The whole file: header, then one row per record, ordered by graph and period start.
    public static func text(_ records: [UsageRecord]) -> String {
        var lines = [header.joined(separator: ",")]
        let sorted = records.sorted { ($0.graphID, $0.periodStart) < ($1.graphID, $1.periodStart) }
        lines.reserveCapacity(sorted.count + 1)
        for record in sorted {
            let start = Instant(unixSeconds: record.periodStart).description
            lines.append("\(record.graphID),\(start),\(record.periodSeconds),\(number(record.requests))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes `records` to `url` atomically: the file appears whole or not at all.
    public static func write(_ records: [UsageRecord], to url: URL) throws(StorageError) {
        try AtomicFile.write(Data(text(records).utf8), to: url)
    }

    /// A request count as written: plain decimal digits that read back as exactly `value`.
    ///
    /// Integers without a fraction (`12`), other values with the shortest decimal that round-trips (`12.5`,
    /// `0.1`), never exponent notation (`0.00001`, not `1e-05`) and never a locale's separators, so the
    /// docs/SPEC.md §3 reader and any spreadsheet see the same number. Non-finite values (never a real count) are
    /// written as Swift spells them (`nan`, `inf`), which the reader refuses.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        if value == 0 { return "0" }
        if value.rounded() == value, abs(value) < 9e15 { return String(Int64(value)) }
        return plainDecimal(shortest: value.description)
    }

    /// Rewrites Swift's shortest round-trip spelling of a finite Double (`1.25`, `1e-05`, `1.2e+16`)
    /// without an exponent.
    static func plainDecimal(shortest text: String) -> String {
        var body = Substring(text)
        var sign = ""
        if body.hasPrefix("-") {
            sign = "-"
            body = body.dropFirst()
        }
        var exponent = 0
        if let e = body.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(body[body.index(after: e)...]) ?? 0
            body = body[..<e]
        }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0]
        let fraction = parts.count > 1 ? parts[1] : ""
        // The value is 0.DIGITS × 10^point.
        var digits = Array(whole + fraction)
        var point = whole.count + exponent
        while let first = digits.first, first == "0", digits.count > 1 {
            digits.removeFirst()
            point -= 1
        }
        while let last = digits.last, last == "0", digits.count > 1 { digits.removeLast() }
        var result: String
        if point <= 0 {
            result = "0." + String(repeating: "0", count: -point) + String(digits)
        } else if point >= digits.count {
            result = String(digits) + String(repeating: "0", count: point - digits.count)
        } else {
            result = String(digits[..<point]) + "." + String(digits[point...])
        }
        return sign + result
    }
}
