import Logging

/// The state of one `UsageReader.read` call across its sources: the aggregate, the bad rows, the counts.
struct UsageReadSession {
    let maxBadRows: Int
    let logger: Logger
    let chunkSize: Int
    let now: Int64
    var aggregator: UsageAggregator
    var rowsRead = 0
    var badRows: [UsageError] = []
    var badRowCount = 0
    var tainted: Set<String> = []
    var sources: [String] = []
    /// Whether tolerated bad rows are logged as they are met (a part of a file read in parallel logs them
    /// later, once their line numbers are known).
    var logsBadRows = true
    /// For `validate`: past `maxBadRows`, bad rows are only counted instead of failing the read.
    var countsBadRowsPastLimit = false
    /// The current row's metric values in the aggregator's order, NaN where absent; reused.
    private var metricValues: [Double]
    /// Graph IDs the aggregator keeps, by their bytes; only safe IDs, so a hit proves a row's ID safe.
    private var graphIDs: GraphIDTable
    private var timestamps = TimestampCache()

    init(reader: UsageReader) {
        maxBadRows = reader.maxBadRows
        logger = reader.logger
        chunkSize = reader.chunkSize
        now = reader.query.now.unixSeconds
        aggregator = UsageAggregator(query: reader.query)
        metricValues = Array(repeating: .nan, count: aggregator.metricNames.count)
        graphIDs = GraphIDTable(minimumCapacity: aggregator.graphs.count)
        for graph in aggregator.graphs {
            var id = graph.id
            id.withUTF8 { bytes in
                let key = UnsafeRawBufferPointer(bytes)
                // An unsafe ID never matches a valid row: rows naming it are rejected before any lookup counts.
                if Self.isSafeGraphID(key) { graphIDs.insert(key, slot: aggregator.graphIndex[graph.id]!) }
            }
        }
    }

    func summary() -> UsageSummary {
        var summary = aggregator.summary()
        summary.rowsRead = rowsRead
        summary.badRows = badRows
        summary.taintedGraphIDs = tainted
        summary.sources = sources
        return summary
    }

    /// Reads one source to its end.
    mutating func consume<Source: ByteSource>(_ source: consuming Source, name: String) throws(UsageError) {
        sources.append(name)
        var scanner = CSVScanner(source: source, name: name, chunkSize: chunkSize)
        let header = try readHeader(&scanner, file: name)
        let futureBefore = aggregator.futureRows
        let rowsBefore = rowsRead
        try consumeRows(&scanner, header: header, file: name)
        logFileRead(name, rows: rowsRead - rowsBefore, futureRows: aggregator.futureRows - futureBefore)
    }

    /// Skips blank lines and reads the header row.
    func readHeader<Source>(_ scanner: inout CSVScanner<Source>, file: String) throws(UsageError) -> UsageHeader {
        repeat {
            guard try scanner.nextRow() else {
                throw UsageError(kind: .emptyFile, file: file, message: "file is empty: no header row")
            }
        } while scanner.isBlankRow
        return try readHeaderRow(scanner, file: file)
    }

    /// Reads the data rows to the end of the scanner's input.
    mutating func consumeRows<Source>(
        _ scanner: inout CSVScanner<Source>,
        header: UsageHeader,
        file: String
    ) throws(UsageError) {
        while try scanner.nextRow() {
            if scanner.isBlankRow { continue }
            rowsRead += 1
            try readRow(scanner, header: header, file: file)
        }
    }

    /// Logs what reading one file gave.
    func logFileRead(_ name: String, rows: Int, futureRows: Int) {
        if futureRows > 0 {
            logger.warning(
                "usage rows that start at or after now were ignored",
                metadata: ["file": "\(name)", "rows": "\(futureRows)"]
            )
        }
        logger.debug("read usage file", metadata: ["file": "\(name)", "rows": "\(rows)"])
    }

    private func readHeaderRow<Source>(
        _ scanner: borrowing CSVScanner<Source>,
        file: String
    ) throws(UsageError)
        -> UsageHeader
    {
        var names: [String] = []
        for index in 0..<scanner.fieldCount {
            let field = scanner.field(index)
            if field.hasHighBytes, String(validating: scanner.bytes(field), as: UTF8.self) == nil {
                throw UsageError(
                    kind: .invalidUTF8,
                    file: file,
                    line: scanner.line,
                    column: index + 1,
                    text: scanner.text(field),
                    message: "is not valid UTF-8"
                )
            }
            if field.hasStrayQuote {
                throw UsageError(
                    kind: .strayQuote,
                    file: file,
                    line: scanner.line,
                    column: index + 1,
                    message: "header field has text after its closing quote"
                )
            }
            names.append(scanner.text(field).trimmingSpaces())
        }
        return try UsageHeader(names: names, metricIndex: aggregator.metricIndex, file: file, line: scanner.line)
    }

    /// Parses one data row and adds it, or records why it is malformed.
    private mutating func readRow<Source>(
        _ scanner: borrowing CSVScanner<Source>,
        header: UsageHeader,
        file: String
    ) throws(UsageError) {
        let fieldCount = scanner.fieldCount
        let columnCount = header.roles.count
        var start: Int64 = 0
        var seconds: Int64 = 0
        var requests: Double = 0
        var slot: Int?
        // Known before any check, so that a bad row taints its graph wherever the graph_id column is.
        let graphField: CSVField? = header.graphIDColumn < fieldCount ? scanner.field(header.graphIDColumn) : nil
        if !metricValues.isEmpty {
            for index in metricValues.indices { metricValues[index] = .nan }
        }
        var problem: (column: Int, kind: UsageError.Kind, message: String)?
        columns: for column in 0..<min(fieldCount, columnCount) {
            let field = scanner.field(column)
            if field.hasStrayQuote {
                problem = (column, .strayQuote, "has text after its closing quote")
                break
            }
            if field.hasHighBytes, String(validating: scanner.bytes(field), as: UTF8.self) == nil {
                problem = (column, .invalidUTF8, "is not valid UTF-8")
                break
            }
            switch header.roles[column] {
            case .ignored:
                continue
            case .graphID:
                let bytes = scanner.bytes(field)
                slot = field.hasDoubledQuotes ? nil : graphIDs.slot(for: bytes)
                guard slot != nil || (!field.hasDoubledQuotes && Self.isSafeGraphID(bytes)) else {
                    problem = (
                        column, .unsafeGraphID,
                        "is not a safe graph ID (1 to 128 ASCII letters, digits, \"-\" and \"_\")"
                    )
                    break columns
                }
            case .periodStart:
                switch timestamps.parse(scanner.bytes(field).trimmingSpaces()) {
                case .success(let value): start = value
                case .failure(.missingOffset):
                    problem = (column, .badTime, "has no UTC offset (add Z or +hh:mm): the instant is ambiguous")
                    break columns
                case .failure(.invalid):
                    problem = (column, .badTime, "is not an ISO 8601 time with an offset or integer Unix seconds")
                    break columns
                }
            case .periodSeconds:
                let bytes = scanner.bytes(field).trimmingSpaces()
                if let value = UsageNumberParser.unsignedInteger(bytes), value > 0 {
                    guard value <= UsageReader.maximumPeriodSeconds else {
                        problem = (column, .implausiblePeriod, UsageReader.implausiblePeriodMessage)
                        break columns
                    }
                    seconds = value
                } else {
                    let isNonPositive =
                        UsageNumberParser.unsignedInteger(bytes) == 0
                        || (bytes.first == 0x2D
                            && UsageNumberParser.unsignedInteger(UnsafeRawBufferPointer(rebasing: bytes.dropFirst()))
                                != nil)
                    problem = (column, isNonPositive ? .nonPositivePeriod : .badNumber, "is not a positive integer")
                    break columns
                }
            case .requests:
                guard let value = UsageNumberParser.count(scanner.bytes(field).trimmingSpaces()) else {
                    problem = (column, .badNumber, "is not a non-negative number")
                    break columns
                }
                requests = value
            case .metric(let index):
                let bytes = scanner.bytes(field).trimmingSpaces()
                guard !bytes.isEmpty else { continue }
                guard let value = UsageNumberParser.decimal(bytes) else {
                    problem = (column, .badNumber, "is not a number")
                    break columns
                }
                metricValues[index] = value
            }
        }
        if problem == nil, fieldCount != columnCount {
            let column = min(fieldCount, columnCount)
            let counts = "the row has \(fieldCount) field\(fieldCount == 1 ? "" : "s"), the header \(columnCount)"
            problem =
                fieldCount < columnCount
                ? (column, .missingField, "field is missing: \(counts)")
                : (column, .extraField, "is an extra field: \(counts)")
        }
        if let problem {
            let error = UsageError(
                kind: problem.kind,
                file: file,
                line: scanner.line,
                column: problem.column + 1,
                columnName: problem.column < columnCount ? header.names[problem.column] : nil,
                text: problem.column < fieldCount ? scanner.text(scanner.field(problem.column)) : nil,
                message: problem.message
            )
            try recordBadRow(error, graphID: graphField.map { scanner.text($0) })
            return
        }
        guard start < now else {
            aggregator.noteFutureRow()
            return
        }
        guard let slot = slot ?? resolveSlot(scanner.bytes(graphField!)) else {
            aggregator.noteUnknownGraphRow()
            return
        }
        aggregator.accumulate(
            slot: slot,
            periodStart: start,
            periodSeconds: seconds,
            requests: requests,
            metricValues: metricValues
        )
    }

    /// Keeps a malformed row and taints its graph, or throws once there are more than `maxBadRows`.
    private mutating func recordBadRow(_ error: UsageError, graphID: String?) throws(UsageError) {
        badRowCount += 1
        guard badRowCount <= maxBadRows else {
            if countsBadRowsPastLimit { return }
            guard let first = badRows.first else { throw error }
            throw Self.tooManyBadRows(first: first, maxBadRows: maxBadRows)
        }
        if logsBadRows { logger.warning("malformed usage row tolerated", metadata: ["problem": "\(error)"]) }
        badRows.append(error)
        if let graphID {
            tainted.insert(graphID)
            let trimmed = graphID.trimmingSpaces()
            if !trimmed.isEmpty { tainted.insert(trimmed) }
        }
    }

    /// The error for more than `maxBadRows` malformed rows, placed at the first of them.
    static func tooManyBadRows(first: UsageError, maxBadRows: Int) -> UsageError {
        var tooMany = first
        tooMany.kind = .tooManyBadRows
        tooMany.message += " (the first of more than \(maxBadRows) malformed rows; at most \(maxBadRows) tolerated)"
        return tooMany
    }

    /// The aggregator slot of a graph ID, or nil for a graph the query does not ask about.
    private mutating func resolveSlot(_ bytes: UnsafeRawBufferPointer) -> Int? {
        // Every graph the query names is in the table already; only an open query adds graphs.
        guard aggregator.query.graphIDs == nil, let slot = aggregator.slot(for: String(decoding: bytes, as: UTF8.self))
        else { return nil }
        graphIDs.insert(bytes, slot: slot)
        return slot
    }

    /// ASCII letters, digits, `-` and `_`, 1 to 128 bytes (the rule of `GraphID.isSafe`, on bytes).
    static func isSafeGraphID(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard !bytes.isEmpty, bytes.count <= 128 else { return false }
        for byte in bytes {
            let isSafe =
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2D || byte == 0x5F
            if !isSafe { return false }
        }
        return true
    }
}

extension UnsafeRawBufferPointer {
    /// Without leading and trailing spaces and tabs.
    func trimmingSpaces() -> UnsafeRawBufferPointer {
        var low = 0
        var high = count
        while low < high, self[low] == 0x20 || self[low] == 0x09 { low += 1 }
        while high > low, self[high - 1] == 0x20 || self[high - 1] == 0x09 { high -= 1 }
        return UnsafeRawBufferPointer(rebasing: self[low..<high])
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return String(text)
    }
}
