import Foundation

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
        guard isGraphID(graphID) else { throw problem("graph_id", graphID, "a graph ID") }
        let startText = try field("period_start")
        guard let start = unixSeconds(startText) else {
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

    /// Whether `text` can be a GES graph ID: 1 to 128 ASCII letters, digits, `-` and `_`.
    static func isGraphID(_ text: String) -> Bool {
        (1...128).contains(text.utf8.count)
            && text.utf8.allSatisfy {
                isDigit($0) || isLetter($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_")
            }
    }

    /// `period_start` as Unix seconds (docs/SPEC.md §3): integer Unix seconds, or ISO 8601 with an offset.
    ///
    /// The date and time may be separated by `T`, `t` or a space; fractional seconds are dropped; the offset is
    /// `Z`, `±HH`, `±HHMM` or `±HH:MM`. A time without an offset names no instant and is refused.
    static func unixSeconds(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        if (1...18).contains(bytes.count), bytes.allSatisfy(isDigit) { return Int64(text) }
        func number(_ start: Int, _ length: Int) -> Int? {
            guard start + length <= bytes.count, bytes[start..<(start + length)].allSatisfy(isDigit) else { return nil }
            return Int(String(decoding: bytes[start..<(start + length)], as: UTF8.self))
        }
        func byte(_ index: Int, isOneOf characters: String) -> Bool {
            index < bytes.count && characters.utf8.contains(bytes[index])
        }
        guard byte(4, isOneOf: "-"), byte(7, isOneOf: "-"), byte(10, isOneOf: "Tt "), byte(13, isOneOf: ":"),
            byte(16, isOneOf: ":"), let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
            let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
            let date = SimulatedClock.utcDate(
                year: year,
                month: month,
                day: day,
                hour: hour,
                minute: minute,
                second: second
            )
        else { return nil }
        var index = 19
        if byte(index, isOneOf: ".,") {
            index += 1
            let digits = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            guard index > digits else { return nil }
        }
        let offset: Int
        if byte(index, isOneOf: "Zz"), index + 1 == bytes.count {
            offset = 0
        } else if byte(index, isOneOf: "+-"), let hours = number(index + 1, 2), hours < 24 {
            let rest = bytes.count - index - 3
            let minutes: Int?
            switch rest {
            case 0: minutes = 0
            case 2: minutes = number(index + 3, 2)
            case 3: minutes = byte(index + 3, isOneOf: ":") ? number(index + 4, 2) : nil
            default: minutes = nil
            }
            guard let minutes, minutes < 60 else { return nil }
            offset = (hours * 3600 + minutes * 60) * (bytes[index] == UInt8(ascii: "-") ? -1 : 1)
        } else {
            return nil
        }
        return Int64(date.timeIntervalSince1970) - Int64(offset)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
    }
}
