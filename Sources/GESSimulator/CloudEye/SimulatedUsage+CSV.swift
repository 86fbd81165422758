import Foundation
import IdleStopCore

extension SimulatedUsage {
    /// The columns the simulator needs; any other column is ignored.
    static let requiredColumns = ["graph_id", "period_start", "period_seconds", "requests"]

    /// Reads a usage CSV (docs/SPEC.md §3) into memory.
    public init(contentsOf url: URL) throws(SimulatorError) {
        try self.init(csv: SimulatorError.contents(of: url), source: url.path)
    }

    /// Parses a usage CSV: RFC 4180 quoting, a header row naming at least the four required columns.
    ///
    /// A malformed row is an error naming the source, line and column: a simulator fed a broken file
    /// must not start and quietly serve less than the file holds.
    public init(csv data: Data, source: String = "usage") throws(SimulatorError) {
        var columns: [String: Int]?
        var records: [Record] = []
        var failure: SimulatorError?
        CSVRowReader.forEachRow(in: data) { line, fields in
            guard let known = columns else {
                var header: [String: Int] = [:]
                for (index, name) in fields.enumerated() {
                    let trimmed = name.trimmingCharacters(in: .whitespaces)
                    if header[trimmed] == nil { header[trimmed] = index }
                }
                if let missing = Self.requiredColumns.first(where: { header[$0] == nil }) {
                    failure = SimulatorError("\(source):\(line): the header has no \(missing) column")
                    return false
                }
                columns = header
                return true
            }
            if fields.count == 1 && fields[0].isEmpty { return true }  // a blank line
            do throws(SimulatorError) {
                records.append(try Self.record(fields, columns: known, at: "\(source):\(line)"))
                return true
            } catch {
                failure = error
                return false
            }
        }
        if let failure { throw failure }
        guard columns != nil else {
            throw SimulatorError("\(source): empty file, expected a header row")
        }
        self.init(records: records)
    }

    private static func record(
        _ fields: [String],
        columns: [String: Int],
        at place: String
    )
        throws(SimulatorError)
        -> Record
    {
        func field(_ name: String) throws(SimulatorError) -> String {
            let index = columns[name] ?? 0
            guard index < fields.count else {
                throw SimulatorError("\(place): column \(index + 1) (\(name)) is missing")
            }
            return fields[index].trimmingCharacters(in: .whitespaces)
        }
        func problem(_ name: String, _ text: String, _ expected: String) -> SimulatorError {
            let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
            return SimulatorError(
                "\(place): column \((columns[name] ?? 0) + 1) (\(name)): \(shown.debugDescription) is not \(expected)"
            )
        }
        let graphID = try field("graph_id")
        guard GraphID.isSafe(graphID) else { throw problem("graph_id", graphID, "a graph ID") }
        let startText = try field("period_start")
        guard let start = TimestampParser.parse(startText) else {
            throw problem("period_start", startText, "ISO 8601 with an offset or Unix seconds")
        }
        let secondsText = try field("period_seconds")
        guard let seconds = Int64(secondsText), seconds > 0 else {
            throw problem("period_seconds", secondsText, "a positive integer")
        }
        let requestsText = try field("requests")
        guard let requests = Int64(requestsText), requests >= 0 else {
            throw problem("requests", requestsText, "a non-negative integer")
        }
        return Record(graphID: graphID, periodStart: start, periodSeconds: seconds, requests: requests)
    }
}
