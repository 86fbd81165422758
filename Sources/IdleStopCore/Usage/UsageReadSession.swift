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
            try readRow(scanner.row, header: header, file: file)
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
    ///
    /// A plain row (no quotes, ASCII, as many fields as the header) is read from the columns the aggregate needs
    /// alone; any other row, or a plain one with a bad cell, is read column by column so that a problem is reported
    /// at its first bad column (docs/SPEC.md §3).
    private mutating func readRow(
        _ csv: CSVRow,
        header: UsageHeader,
        file: String
    ) throws(UsageError) {
        var row = RowValues()
        if csv.hasQuotesOrHighBytes || csv.fieldCount != header.roles.count
            || !readPlainRow(csv, header: header, into: &row)
        {
            row = RowValues()
            if let problem = readCheckedRow(csv, header: header, into: &row) {
                try recordBadRow(problem, csv: csv, header: header, file: file)
                return
            }
        }
        guard row.start < now else {
            aggregator.noteFutureRow()
            return
        }
        guard let slot = row.slot ?? resolveSlot(csv.bytes(csv.field(header.graphIDColumn))) else {
            aggregator.noteUnknownGraphRow()
            return
        }
        aggregator.accumulate(
            slot: slot,
            periodStart: row.start,
            periodSeconds: row.seconds,
            requests: row.requests,
            metricValues: metricValues
        )
    }

    /// What the cells of one row say (metric values go to `metricValues`).
    struct RowValues {
        var start: Int64 = 0
        var seconds: Int64 = 0
        var requests: Double = 0
        /// The aggregator slot of the row's graph, when the table knows it.
        var slot: Int?
    }

    /// Why a cell is bad: the kind and the end of the sentence that names the cell.
    struct CellProblem {
        var kind: UsageError.Kind
        var message: String
    }

    /// A bad row's first problem, at a 0-based column.
    struct RowProblem {
        var column: Int
        var problem: CellProblem
    }

    /// Reads a plain row straight from the columns the aggregate needs; false when a cell is bad.
    @inline(__always) private mutating func readPlainRow(
        _ csv: CSVRow,
        header: UsageHeader,
        into row: inout RowValues
    ) -> Bool {
        guard
            readGraphID(csv.bytes(csv.field(header.graphIDColumn)), hasDoubledQuotes: false, into: &row) == nil,
            readPeriodStart(csv.bytes(csv.field(header.periodStartColumn)).trimmingSpaces(), into: &row) == nil,
            readPeriodSeconds(csv.bytes(csv.field(header.periodSecondsColumn)).trimmingSpaces(), into: &row)
                == nil,
            readRequests(csv.bytes(csv.field(header.requestsColumn)).trimmingSpaces(), into: &row) == nil
        else { return false }
        if !metricValues.isEmpty {
            resetMetricValues()
            for (column, metric) in header.metricColumns {
                let bytes = csv.bytes(csv.field(column)).trimmingSpaces()
                guard readMetric(bytes, metric: metric) == nil else { return false }
            }
        }
        return true
    }

    /// Reads every column in order up to the first bad one; nil when the row is well-formed.
    private mutating func readCheckedRow(
        _ csv: CSVRow,
        header: UsageHeader,
        into row: inout RowValues
    ) -> RowProblem? {
        let fieldCount = csv.fieldCount
        let columnCount = header.roles.count
        resetMetricValues()
        for column in 0..<min(fieldCount, columnCount) {
            let field = csv.field(column)
            if let problem = Self.encodingProblem(field, csv)
                ?? readCell(field, role: header.roles[column], csv, into: &row)
            {
                return RowProblem(column: column, problem: problem)
            }
        }
        guard fieldCount != columnCount else { return nil }
        let counts = "the row has \(fieldCount) field\(fieldCount == 1 ? "" : "s"), the header \(columnCount)"
        return RowProblem(
            column: min(fieldCount, columnCount),
            problem: fieldCount < columnCount
                ? CellProblem(kind: .missingField, message: "field is missing: \(counts)")
                : CellProblem(kind: .extraField, message: "is an extra field: \(counts)")
        )
    }

    /// A stray quote or invalid UTF-8 in a field, whatever its column.
    private static func encodingProblem(
        _ field: CSVField,
        _ csv: CSVRow
    )
        -> CellProblem?
    {
        if field.hasStrayQuote { return CellProblem(kind: .strayQuote, message: "has text after its closing quote") }
        if field.hasHighBytes, String(validating: csv.bytes(field), as: UTF8.self) == nil {
            return CellProblem(kind: .invalidUTF8, message: "is not valid UTF-8")
        }
        return nil
    }

    /// Reads one cell by its column's role.
    private mutating func readCell(
        _ field: CSVField,
        role: UsageColumnRole,
        _ csv: CSVRow,
        into row: inout RowValues
    ) -> CellProblem? {
        let bytes = csv.bytes(field)
        switch role {
        case .ignored: return nil
        case .graphID: return readGraphID(bytes, hasDoubledQuotes: field.hasDoubledQuotes, into: &row)
        case .periodStart: return readPeriodStart(bytes.trimmingSpaces(), into: &row)
        case .periodSeconds: return readPeriodSeconds(bytes.trimmingSpaces(), into: &row)
        case .requests: return readRequests(bytes.trimmingSpaces(), into: &row)
        case .metric(let index): return readMetric(bytes.trimmingSpaces(), metric: index)
        }
    }

    /// The graph's slot when the table knows it; a problem when the ID is not safe (not trimmed: spaces are unsafe).
    @inline(__always) private func readGraphID(
        _ bytes: UnsafeRawBufferPointer,
        hasDoubledQuotes: Bool,
        into row: inout RowValues
    ) -> CellProblem? {
        row.slot = hasDoubledQuotes ? nil : graphIDs.slot(for: bytes)
        guard row.slot != nil || (!hasDoubledQuotes && Self.isSafeGraphID(bytes)) else {
            return CellProblem(
                kind: .unsafeGraphID,
                message: "is not a safe graph ID (1 to 128 ASCII letters, digits, \"-\" and \"_\")"
            )
        }
        return nil
    }

    @inline(__always) private mutating func readPeriodStart(
        _ bytes: UnsafeRawBufferPointer,
        into row: inout RowValues
    ) -> CellProblem? {
        switch timestamps.parse(bytes) {
        case .success(let value):
            row.start = value
            return nil
        case .failure(.missingOffset):
            return CellProblem(
                kind: .badTime,
                message: "has no UTC offset (add Z or +hh:mm): the instant is ambiguous"
            )
        case .failure(.invalid):
            return CellProblem(
                kind: .badTime,
                message: "is not an ISO 8601 time with an offset or integer Unix seconds"
            )
        }
    }

    @inline(__always) private func readPeriodSeconds(
        _ bytes: UnsafeRawBufferPointer,
        into row: inout RowValues
    ) -> CellProblem? {
        if let value = UsageNumberParser.unsignedInteger(bytes), value > 0 {
            guard value <= UsageReader.maximumPeriodSeconds else {
                return CellProblem(kind: .implausiblePeriod, message: UsageReader.implausiblePeriodMessage)
            }
            row.seconds = value
            return nil
        }
        let isNonPositive =
            UsageNumberParser.unsignedInteger(bytes) == 0
            || (bytes.first == 0x2D
                && UsageNumberParser.unsignedInteger(UnsafeRawBufferPointer(rebasing: bytes.dropFirst())) != nil)
        return CellProblem(kind: isNonPositive ? .nonPositivePeriod : .badNumber, message: "is not a positive integer")
    }

    @inline(__always) private func readRequests(
        _ bytes: UnsafeRawBufferPointer,
        into row: inout RowValues
    ) -> CellProblem? {
        guard let value = UsageNumberParser.count(bytes) else {
            return CellProblem(kind: .badNumber, message: "is not a non-negative number")
        }
        row.requests = value
        return nil
    }

    /// A metric cell into `metricValues`; a blank cell is no value (NaN stays).
    @inline(__always) private mutating func readMetric(_ bytes: UnsafeRawBufferPointer, metric: Int) -> CellProblem? {
        guard !bytes.isEmpty else { return nil }
        guard let value = UsageNumberParser.decimal(bytes) else {
            return CellProblem(kind: .badNumber, message: "is not a number")
        }
        metricValues[metric] = value
        return nil
    }

    /// Every metric value back to NaN (absent) before a row is read.
    @inline(__always) private mutating func resetMetricValues() {
        for index in metricValues.indices { metricValues[index] = .nan }
    }

    /// Records a bad row at its first problem, tainting its graph wherever the graph_id column is.
    private mutating func recordBadRow(
        _ bad: RowProblem,
        csv: CSVRow,
        header: UsageHeader,
        file: String
    ) throws(UsageError) {
        let fieldCount = csv.fieldCount
        let columnCount = header.roles.count
        let error = UsageError(
            kind: bad.problem.kind,
            file: file,
            line: csv.line,
            column: bad.column + 1,
            columnName: bad.column < columnCount ? header.names[bad.column] : nil,
            text: bad.column < fieldCount ? csv.text(csv.field(bad.column)) : nil,
            message: bad.problem.message
        )
        let graphID = header.graphIDColumn < fieldCount ? csv.text(csv.field(header.graphIDColumn)) : nil
        try recordBadRow(error, graphID: graphID)
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
    ///
    /// Inlined with a first look at both ends: cells almost never have spaces, and this runs for four cells a row.
    @inline(__always) func trimmingSpaces() -> UnsafeRawBufferPointer {
        guard let base = baseAddress, count > 0 else { return self }
        let first = base.load(as: UInt8.self)
        let last = base.load(fromByteOffset: count &- 1, as: UInt8.self)
        guard first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09 else { return self }
        return trimmingSpacesAtTheEnds()
    }

    /// Without leading and trailing spaces and tabs, byte by byte.
    private func trimmingSpacesAtTheEnds() -> UnsafeRawBufferPointer {
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
