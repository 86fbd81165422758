import Foundation
import IdleStopTestSupport
import Logging
import PropertyBased
import Testing

@testable import IdleStopCore

/// 2026-11-27T02:00:00Z.
private let now: Int64 = 1_795_744_800
private let header = "graph_id,period_start,period_seconds,requests,cpu_util\n"

/// One hostile read: the bytes, and the reader settings that must not change what they mean.
private struct HostileCSV: Sendable, CustomStringConvertible {
    var bytes: [UInt8]
    var chunkSize: Int
    var maxBadRows: Int

    var description: String {
        "HostileCSV(chunkSize: \(chunkSize), maxBadRows: \(maxBadRows), bytes: \(bytes.count), "
            + "text: \(String(decoding: bytes.prefix(400), as: UTF8.self).debugDescription))"
    }
}

/// A reader over 1h and 24h windows that also aggregates `cpu_util`; logs go nowhere.
private func reader(maxBadRows: Int = 0, chunkSize: Int = 1 << 20, graphIDs: Set<String>? = nil) -> UsageReader {
    UsageReader(
        query: UsageQuery(
            now: Instant(unixSeconds: now),
            windows: [.hours(1), .hours(24)],
            metrics: ["cpu_util"],
            graphIDs: graphIDs
        ),
        maxBadRows: maxBadRows,
        logger: Logger.discarding("hostile-usage"),
        chunkSize: chunkSize
    )
}

/// What reading `bytes` as `hostile.csv` gives: a summary or the reader's error, nothing else.
private func read(_ bytes: [UInt8], maxBadRows: Int = 0, chunkSize: Int = 1 << 20) -> Result<UsageSummary, UsageError> {
    do throws(UsageError) {
        return .success(
            try reader(maxBadRows: maxBadRows, chunkSize: chunkSize).read(data: Data(bytes), name: "hostile.csv")
        )
    } catch {
        return .failure(error)
    }
}

private func read(_ text: String, maxBadRows: Int = 0, chunkSize: Int = 1 << 20) -> Result<UsageSummary, UsageError> {
    read(Array(text.utf8), maxBadRows: maxBadRows, chunkSize: chunkSize)
}

/// `text` as one quoted CSV field, each quote doubled.
///
/// Doubled per Unicode scalar: `replacingOccurrences` compares Characters, and a quote followed by a combining
/// mark (`"\u{34B}`) is one Character that is not `"`, so its quote stayed single and closed the field early.
private func quotedField(_ text: String) -> String {
    var field = String.UnicodeScalarView()
    field.append("\"")
    for scalar in text.unicodeScalars {
        field.append(scalar)
        if scalar == "\"" { field.append(scalar) }
    }
    field.append("\"")
    return String(field)
}

/// Kinds about one row: they always carry a line and a column.
private let rowKinds: Set<UsageError.Kind> = [
    .missingField, .extraField, .badNumber, .badTime, .nonPositivePeriod, .implausiblePeriod, .unsafeGraphID,
    .strayQuote, .invalidUTF8, .tooManyBadRows, .unterminatedQuote,
]

/// Checks what every usage error promises: one printable line of bounded length that names the file, and the
/// line (and column) where its kind says there is one.
private func expectWellFormed(_ error: UsageError, sourceLocation: SourceLocation = #_sourceLocation) {
    let description = error.description
    #expect(!error.message.isEmpty, "empty message: \(error)", sourceLocation: sourceLocation)
    // Bounded whatever the input: the offending text is cut to 40 characters.
    ReadableError.expect(description, startsWith: "hostile.csv", shorterThan: 400, sourceLocation: sourceLocation)
    if let text = error.text {
        #expect(text.replacingOccurrences(of: "\\\\", with: "").count <= 40 * 8 + 1, sourceLocation: sourceLocation)
    }
    if rowKinds.contains(error.kind) {
        #expect(
            error.line != nil && error.column != nil,
            "\(error.kind) without a place: \(description)",
            sourceLocation: sourceLocation
        )
    }
    if let line = error.line {
        #expect(line >= 1, sourceLocation: sourceLocation)
        #expect(description.hasPrefix("hostile.csv:\(line)"), sourceLocation: sourceLocation)
    }
    if let column = error.column { #expect(column >= 1, sourceLocation: sourceLocation) }
}

/// Checks a successful read: tolerated rows within the limit and well formed, and nothing unsafe aggregated.
private func expectSound(_ summary: UsageSummary, maxBadRows: Int, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(summary.badRows.count <= maxBadRows, sourceLocation: sourceLocation)
    #expect(summary.rowsRead >= summary.badRows.count, sourceLocation: sourceLocation)
    for error in summary.badRows { expectWellFormed(error, sourceLocation: sourceLocation) }
    for (id, usage) in summary.graphs {
        #expect(
            GraphID.isSafe(id),
            "unsafe graph ID aggregated: \(id.debugDescription)",
            sourceLocation: sourceLocation
        )
        for window in usage.windows.values {
            #expect(
                window.coveredSeconds >= 0 && window.coveredSeconds <= window.window.seconds,
                sourceLocation: sourceLocation
            )
            #expect(window.requests >= 0 && window.requests.isFinite, sourceLocation: sourceLocation)
            for stats in window.metrics.values {
                #expect(stats.count > 0 && !stats.sum.isNaN, sourceLocation: sourceLocation)
                #expect(
                    stats.coveredSeconds > 0 && stats.coveredSeconds <= window.coveredSeconds,
                    sourceLocation: sourceLocation
                )
            }
        }
    }
}

/// Reads `input` at its chunk size and at the default one: both must agree and be sound.
private func expectReadsConsistently(_ input: HostileCSV, sourceLocation: SourceLocation = #_sourceLocation) {
    let chunked = read(input.bytes, maxBadRows: input.maxBadRows, chunkSize: input.chunkSize)
    let whole = read(input.bytes, maxBadRows: input.maxBadRows)
    #expect(chunked == whole, "chunk size \(input.chunkSize) changed the outcome", sourceLocation: sourceLocation)
    switch whole {
    case .success(let summary): expectSound(summary, maxBadRows: input.maxBadRows, sourceLocation: sourceLocation)
    case .failure(let error): expectWellFormed(error, sourceLocation: sourceLocation)
    }
}

/// Bytes a CSV reader trips on: separators, quotes, line ends, NUL, a BOM, broken and real UTF-8, signs.
private let trickyBytes: [UInt8] =
    Array(",,\"\"\r\n\n\r0123456789-+.:eETZ _/%".utf8) + [0x00, 0x09, 0x7F, 0xEF, 0xBB, 0xBF, 0xC3, 0xA9, 0xFF, 0x80]

/// Fragments worth splicing into valid text.
private let trickyTokens: [[UInt8]] =
    [
        "\"", "\"\"", ",", "\r", "\n", "\r\n", "\u{0}", "\u{FEFF}", "-", "-0", "0", "NaN", "Infinity", "1e999",
        "99999999999999999999", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59+23:59", "+99:99", "../", "%2F", "%",
        " ", "é", "граф", "\t", "graph_id", "requests",
    ].map { Array($0.utf8) } + [[0xFF], [0xC3], [0xED, 0xA0, 0x80]]

/// Random bytes, half of them from `trickyBytes`, at a random chunk size and bad-row tolerance.
private let randomCSV = Generator<HostileCSV, Shrink.None<HostileCSV>>(run: { rng in
    let count = Int.random(in: 0...600, using: &rng)
    var bytes: [UInt8] = []
    bytes.reserveCapacity(count + header.utf8.count)
    if Bool.random(using: &rng) { bytes += header.utf8 }
    for _ in 0..<count {
        bytes.append(
            Bool.random(using: &rng) ? trickyBytes.randomElement(using: &rng)! : UInt8.random(in: 0...255, using: &rng)
        )
    }
    return HostileCSV(
        bytes: bytes,
        chunkSize: Int.random(in: 1...64, using: &rng),
        maxBadRows: Int.random(in: 0...3, using: &rng)
    )
})

/// Valid usage files with one to eight random edits: a byte replaced, a fragment inserted, a range cut or doubled.
private func mutations(of seeds: [[UInt8]]) -> Generator<HostileCSV, Shrink.None<HostileCSV>> {
    Generator(run: { rng in
        var bytes = seeds.randomElement(using: &rng)!
        HostileEdits.apply(to: &bytes, replacements: trickyBytes, fragments: trickyTokens, using: &rng)
        return HostileCSV(
            bytes: bytes,
            chunkSize: Int.random(in: 1...64, using: &rng),
            maxBadRows: Int.random(in: 0...3, using: &rng)
        )
    })
}

/// The bytes of the usage fixtures that read without error or with row errors only.
private func seedFiles() throws -> [[UInt8]] {
    try ["mixed", "quoted", "reordered", "bad-rows", "crlf-bom"].map { name in
        Array(try Fixtures(.module).data("usage/\(name).csv"))
    }
}

private func row(_ fields: String...) -> String { fields.joined(separator: ",") + "\n" }

/// A valid row of `g1` one hour before now.
private let goodRow = row("g1", "2026-11-27T01:00:00Z", "3600", "0", "1.5")

/// Three good rows ended by CR, CRLF and LF.
private let mixedLineEnds: String = {
    let line = String(goodRow.dropLast())
    return header + line + "\r" + line + "\r\n" + line + "\n"
}()

/// The kind of error, or nil for a successful read.
private func kind(_ result: Result<UsageSummary, UsageError>) -> UsageError.Kind? {
    if case .failure(let error) = result { return error.kind }
    return nil
}

struct HostileUsageInputTests {
    // MARK: Properties

    @Test func randomBytesReadOrFailWithAPlacedOneLineError() async {
        await propertyCheck(count: 300, input: randomCSV) { input in
            expectReadsConsistently(input)
        }
    }

    @Test func mutatedFixturesReadOrFailWithAPlacedOneLineError() async throws {
        let generator = mutations(of: try seedFiles())
        await propertyCheck(count: 400, input: generator) { input in
            expectReadsConsistently(input)
        }
    }

    /// Whatever an unsafe ID's shape, its row is malformed, tolerated only on request, and its graph never aggregated.
    @Test func randomGraphIDsAreAggregatedOnlyWhenSafe() async {
        let ids = Gen<UInt8>.value(in: 0...255).array(of: 0...140).map { String(decoding: $0, as: UTF8.self) }
        await propertyCheck(count: 300, input: ids) { id in
            let field = quotedField(id)
            let text = header + row(field, "2026-11-27T01:00:00Z", "3600", "0", "")
            switch read(text, maxBadRows: 1) {
            case .success(let summary):
                expectSound(summary, maxBadRows: 1)
                if GraphID.isSafe(id) {
                    #expect(summary.graphs[id] != nil && summary.badRows.isEmpty)
                } else {
                    #expect(summary.graphs.isEmpty)
                    #expect(
                        summary.badRows.map(\.kind) == [.unsafeGraphID] || summary.badRows.map(\.kind) == [.invalidUTF8]
                    )
                }
            case .failure(let error):
                Issue.record("one bad row with maxBadRows 1 failed the read: \(error)")
            }
        }
    }

    // MARK: Whole-file shapes

    @Test(
        arguments: [
            ("empty", [], UsageError.Kind.emptyFile),
            ("blank lines only", Array("\n\r\n\r\n".utf8), .emptyFile),
            ("a BOM only", [0xEF, 0xBB, 0xBF], .emptyFile),
            ("a NUL only", [0x00], .missingColumn),
            ("data first, no header", Array(goodRow.utf8), .missingColumn),
            (
                "a header with a NUL in a name", Array("graph_id\u{0},period_start,period_seconds,requests\n".utf8),
                .missingColumn
            ),
            (
                "a header with invalid UTF-8",
                Array("graph_id,period_start,period_seconds,requests,cpu".utf8) + [0xFF, 0x0A],
                .invalidUTF8
            ),
            (
                "a header quote never closed", Array("graph_id,\"period_start,period_seconds,requests\n".utf8),
                .unterminatedQuote
            ),
            (
                "a data quote never closed at EOF", Array((header + "g1,\"2026-11-27T01:00:00Z,3600,0,1\n").utf8),
                .unterminatedQuote
            ),
        ] as [(String, [UInt8], UsageError.Kind)]
    )
    func wholeFileProblemsAreNamed(_ name: String, bytes: [UInt8], expected: UsageError.Kind) throws {
        let result = read(bytes)
        let error = try #require(result.failure, "\(name) was accepted")
        #expect(error.kind == expected, "\(name): \(error)")
        expectWellFormed(error)
        #expect(read(bytes, chunkSize: 4) == result, "\(name): chunking changed the outcome")
    }

    @Test(
        arguments: [
            ("header only", header, 0),
            ("header only, no line end", String(header.dropLast()), 0),
            ("a UTF-8 BOM", "\u{FEFF}" + header + goodRow, 1),
            ("CRLF", (header + goodRow + goodRow).replacingOccurrences(of: "\n", with: "\r\n"), 2),
            ("lone CR", (header + goodRow + goodRow).replacingOccurrences(of: "\n", with: "\r"), 2),
            ("mixed line ends", mixedLineEnds, 3),
            ("blank lines between rows", header + "\n\r\n" + goodRow + "\r\r" + goodRow, 2),
            (
                "a NUL in an unused column",
                "graph_id,period_start,period_seconds,requests,note\n"
                    + row("g1", "2026-11-27T01:00:00Z", "3600", "0", "a\u{0}b"), 1
            ),
        ] as [(String, String, Int)]
    )
    func oddButValidFilesAreRead(_ name: String, text: String, rows: Int) throws {
        let summary = try read(text).get()
        #expect(summary.rowsRead == rows, "\(name)")
        #expect(summary.badRows.isEmpty, "\(name)")
        if rows > 0 { #expect(summary.graphs["g1"]?.usage(over: .hours(1)).coveredSeconds == 3600, "\(name)") }
        #expect(read(text, chunkSize: 4) == .success(summary), "\(name): chunking changed the outcome")
    }

    // MARK: Size

    @Test func tenMegabyteFieldsAreReadOrRefusedWithAShortMessage() throws {
        let huge = String(repeating: "a", count: 10 << 20)
        let digits = String(repeating: "9", count: 10 << 20)
        let withNote = "graph_id,period_start,period_seconds,requests,cpu_util,note\n"

        // In an unused column, quoted with line breaks inside: fine.
        let quoted = "\"" + String(repeating: "x\n\"\",", count: 2 << 20) + "\""
        let note = try read(withNote + row("g1", "2026-11-27T01:00:00Z", "3600", "0", "", quoted)).get()
        #expect(note.rowsRead == 1 && note.graphs["g1"] != nil)
        let plain = try read(withNote + row("g1", "2026-11-27T01:00:00Z", "3600", "0", "", huge), chunkSize: 4096).get()
        #expect(plain.rowsRead == 1 && plain.graphs["g1"] != nil)

        for (text, kind) in [
            (header + row(huge, "2026-11-27T01:00:00Z", "3600", "0", ""), UsageError.Kind.unsafeGraphID),
            (header + row("g1", huge, "3600", "0", ""), .badTime),
            (header + row("g1", "2026-11-27T01:00:00Z", digits, "0", ""), .badNumber),
            (header + row("g1", "2026-11-27T01:00:00Z", "3600", digits, ""), .badNumber),
            (header + row("g1", "2026-11-27T01:00:00Z", "3600", "0", digits), .badNumber),
        ] {
            let error = try #require(read(text).failure)
            #expect(error.kind == kind, "\(error)")
            #expect(error.line == 2)
            expectWellFormed(error)
        }
        // A fraction ten megabytes long is still a number.
        let tiny = try read(header + row("g1", "2026-11-27T01:00:00Z", "3600", "0", "0." + digits)).get()
        #expect(tiny.graphs["g1"]?.usage(over: .hours(1)).metrics["cpu_util"]?.count == 1)
    }

    @Test func oneHundredThousandColumnsAreRead() throws {
        let extra = (0..<99_996).map { "c\($0)" }
        let wide = "graph_id,period_start,period_seconds,requests," + extra.joined(separator: ",") + "\n"
        let values = "g1,2026-11-27T01:00:00Z,3600,2," + String(repeating: "1,", count: 99_995) + "1\n"
        let summary = try read(wide + values).get()
        #expect(summary.graphs["g1"]?.usage(over: .hours(1)).requests == 2)

        let tooWide = header + "g1,2026-11-27T01:00:00Z,3600,0,1" + String(repeating: ",x", count: 99_995) + "\n"
        let error = try #require(read(tooWide).failure)
        #expect(error.kind == .extraField && error.line == 2 && error.column == 6)
        expectWellFormed(error)

        let repeated = String(repeating: "graph_id,", count: 100_000) + "period_start,period_seconds,requests\n"
        let duplicate = try #require(read(repeated).failure)
        #expect(duplicate.kind == .duplicateColumn && duplicate.column == 2)
        expectWellFormed(duplicate)
    }

    @Test func oneHundredThousandTaintedRowsStayWithinTheTolerance() throws {
        let body = String(repeating: row("../etc", "2026-11-27T01:00:00Z", "3600", "0", ""), count: 100_000)
        let error = try #require(read(header + body, maxBadRows: 99_999).failure)
        #expect(error.kind == .tooManyBadRows && error.line == 2)
        expectWellFormed(error)
        let summary = try read(header + body, maxBadRows: 100_000).get()
        #expect(summary.badRows.count == 100_000 && summary.graphs.isEmpty)
        #expect(summary.taintedGraphIDs == ["../etc"])
    }

    // MARK: Numbers and times

    @Test(
        arguments: [
            // requests: a non-negative decimal with up to 18 digits before the point, no sign or exponent
            ("requests", "-0", UsageError.Kind?.some(.badNumber)), ("requests", "+1", .badNumber),
            ("requests", "99999999999999999999", .badNumber), ("requests", "999999999999999999", nil),
            ("requests", "NaN", .badNumber), ("requests", "Infinity", .badNumber), ("requests", "1e3", .badNumber),
            ("requests", "0x10", .badNumber), ("requests", "12.5", nil), ("requests", "-0.5", .badNumber),
            ("requests", "1.5e3", .badNumber), ("requests", "12.000", nil),
            ("requests", ".0", .badNumber), ("requests", "١٢", .badNumber),
            // period_seconds: a positive integer
            ("period_seconds", "-0", .nonPositivePeriod), ("period_seconds", "0", .nonPositivePeriod),
            ("period_seconds", "-9223372036854775808", .badNumber),
            ("period_seconds", "999999999999999999", .implausiblePeriod), ("period_seconds", "2678400", nil),
            ("period_seconds", "2678401", .implausiblePeriod), ("period_seconds", "3600.0", .badNumber),
            // a metric: any finite decimal
            ("cpu_util", "-0", nil), ("cpu_util", "-0.0e-0", nil), ("cpu_util", "NaN", .badNumber),
            ("cpu_util", "nan", .badNumber), ("cpu_util", "Infinity", .badNumber), ("cpu_util", "-inf", .badNumber),
            ("cpu_util", "1e999", .badNumber), ("cpu_util", "-1e999", .badNumber), ("cpu_util", "1e-999", nil),
            ("cpu_util", "1e99999999999999999999", .badNumber), ("cpu_util", "1.7976931348623157e308", nil),
            ("cpu_util", "0x1p3", .badNumber), ("cpu_util", "1_000", .badNumber), ("cpu_util", "e5", .badNumber),
            // period_start: ISO 8601 with an offset, or Unix seconds
            ("period_start", "0000-01-01T00:00:00Z", nil), ("period_start", "0000-02-29T00:00:00+23:59", nil),
            ("period_start", "9999-12-31T23:59:59Z", nil), ("period_start", "9999-12-31T23:59:59-23:59", nil),
            ("period_start", "2026-11-27T00:00:00+24:00", .badTime),
            ("period_start", "2026-11-27T00:00:00+99:99", .badTime),
            ("period_start", "2026-11-27T00:00:00-00:60", .badTime),
            ("period_start", "2026-11-27T00:00:00+08:00:00", .badTime),
            ("period_start", "2026-11-27T00:00:00+", .badTime), ("period_start", "2026-11-27T00:00:00", .badTime),
            ("period_start", "2026-02-29T00:00:00Z", .badTime), ("period_start", "2026-11-27T24:00:00Z", .badTime),
            ("period_start", "2026-11-27T23:59:60Z", .badTime), ("period_start", "-0001-01-01T00:00:00Z", .badTime),
            ("period_start", "10000-01-01T00:00:00Z", .badTime), ("period_start", "-1", .badTime),
            ("period_start", "999999999999999999", nil), ("period_start", "9223372036854775807", .badTime),
            ("period_start", "2026-11-27T00:00:00." + String(repeating: "9", count: 60) + "Z", nil),
            ("period_start", "２０２６-11-27T00:00:00Z", .badTime),
        ] as [(String, String, UsageError.Kind?)]
    )
    func extremeNumbersAndTimesAreJudgedExactly(_ column: String, value: String, expected: UsageError.Kind?) {
        var fields = ["g1", "2026-11-27T01:00:00Z", "3600", "0", "1"]
        let index = ["graph_id", "period_start", "period_seconds", "requests", "cpu_util"].firstIndex(of: column)!
        fields[index] = value
        let result = read(header + fields.joined(separator: ",") + "\n")
        #expect(kind(result) == expected, "\(column)=\(value): \(result)")
        if case .failure(let error) = result {
            #expect(error.line == 2 && error.column == index + 1 && error.columnName == column)
            expectWellFormed(error)
        }
        if case .success(let summary) = result { expectSound(summary, maxBadRows: 0) }
    }

    @Test func extremeTimesLandOutsideTheWindowsOrInTheFuture() throws {
        let longest = String(UsageReader.maximumPeriodSeconds)
        let text =
            header + row("g1", "0000-01-01T00:00:00Z", longest, "5", "")
            + row("g2", "9999-12-31T23:59:59-23:59", longest, "5", "")
            + row("g3", "0", longest, "0", "")
            + row("g4", String(now - UsageReader.maximumPeriodSeconds + 1), longest, "7", "")
        let summary = try read(text).get()
        #expect(summary.futureRows == 1)
        // The longest period from year 0 or from 1970 ends long before the windows: no coverage, no requests.
        #expect(summary.graphs["g1"]?.usage(over: .hours(24)) == WindowUsage(window: .hours(24)))
        #expect(summary.graphs["g3"]?.usage(over: .hours(1)).coveredSeconds == 0)
        #expect(summary.graphs["g2"] == nil)
        // The longest period that reaches now covers the windows, and its requests count.
        #expect(summary.graphs["g4"]?.usage(over: .hours(24)).coveredSeconds == 86_400)
        #expect(summary.graphs["g4"]?.usage(over: .hours(24)).requests == 7)
    }

    // MARK: Graph IDs never reach the aggregate

    @Test(arguments: [
        "a/b", "/", "..", "../etc", "g%2F", "%", "%00", "g 1", " g1", "g1 ", "\tg1", "g\u{0}1", "g\u{1B}[31m",
        "g\u{7F}", "grāph", "граф", "图", "g\u{200B}1", "G\u{301}", String(repeating: "a", count: 129),
        String(repeating: "a", count: 5000), "\"g1\"", "g1\"\"", "\"\u{34B}", "g\"\u{301}1", "", "g.1", "g:1", "g?x=1",
        "g#1", "g;1", "g\\1",
    ])
    func unsafeGraphIDsAreMalformedRows(_ id: String) throws {
        let field = quotedField(id)
        for written in id.unicodeScalars.contains(where: { ",\"\r\n".unicodeScalars.contains($0) })
            ? [field] : [field, id]
        {
            let text = header + row(written, "2026-11-27T01:00:00Z", "3600", "0", "") + goodRow
            let error = try #require(read(text).failure, "\(id.debugDescription) was accepted")
            #expect(error.kind == .unsafeGraphID, "\(error)")
            #expect(error.line == 2 && error.column == 1 && error.columnName == "graph_id")
            expectWellFormed(error)
            let summary = try read(text, maxBadRows: 1).get()
            #expect(Set(summary.graphs.keys) == ["g1"])
            #expect(summary.taintedGraphIDs.contains(id))
        }
    }

    /// Found by `scripts/fuzz usage`: the header's name of the column is printed as written.
    @Test func aHostileHeaderNameStaysOutOfTheDescriptionRaw() throws {
        let name = "note\n\u{1B}[2J" + String(repeating: "x", count: 10_000)
        let text =
            "graph_id,period_start,period_seconds,requests,\"\(name)\"\n" + "g1,2026-11-27T01:00:00Z,3600,0,\"a\"b\n"
        let error = try #require(read(text).failure)
        // The quoted header name holds a line break, so the data row starts on line 3.
        #expect(error.kind == .strayQuote && error.line == 3 && error.column == 5)
        expectWellFormed(error)
        #expect(error.description.hasPrefix("hostile.csv:3:5 (note\\n\\u{1b}[2Jxxx"), "\(error.description.prefix(80))")
    }

    @Test func invalidUTF8IsARowErrorInAnyColumn() throws {
        for column in 0..<5 {
            var fields = ["g1", "2026-11-27T01:00:00Z", "3600", "0", "1"].map { Array($0.utf8) }
            fields[column] += [0xFF, 0xC3]
            let bytes = Array(header.utf8) + Array(fields.joined(separator: [0x2C])) + [0x0A]
            let error = try #require(read(bytes).failure)
            #expect(error.kind == .invalidUTF8 && error.line == 2 && error.column == column + 1, "\(error)")
            expectWellFormed(error)
        }
    }
}

extension Result {
    /// The error, or nil.
    fileprivate var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
