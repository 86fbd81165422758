import Foundation
import IdleStopTestSupport
import InMemoryLogging
import Logging
import Testing

@testable import IdleStopCore

/// 2026-11-27T02:00:00Z.
private let now: Int64 = 1_795_744_800
private let hour: Int64 = 3600
private let day = TimeSpan.hours(24)

/// The path of a fixture under `Fixtures/usage`.
private func fixture(_ name: String, _ ext: String? = "csv") throws -> String {
    try Fixtures(.module).path("usage/\(name)" + (ext.map { ".\($0)" } ?? ""))
}

/// A reader of `query` whose log lines are captured.
private func reader(
    _ query: UsageQuery = UsageQuery(now: Instant(unixSeconds: now), windows: [.hours(1), day]),
    maxBadRows: Int = 0,
    chunkSize: Int = 1 << 20
) -> (UsageReader, InMemoryLogHandler) {
    let (logger, log) = InMemoryLogHandler.logger(label: "usage-test")
    return (UsageReader(query: query, maxBadRows: maxBadRows, logger: logger, chunkSize: chunkSize), log)
}

/// The error `body` throws, with the fixture folder removed from its description.
private func failure(_ body: () throws(UsageError) -> UsageSummary) -> UsageError? {
    do {
        _ = try body()
        return nil
    } catch {
        var error = error
        error.file = URL(fileURLWithPath: error.file).lastPathComponent
        return error
    }
}

struct UsageReaderTests {
    @Test func readsUnixSecondsAndOffsetTimestampsAndCountsFutureAndUnknownRows() throws {
        let query = UsageQuery(
            now: Instant(unixSeconds: now),
            windows: [.hours(1), day],
            graphIDs: ["g-unix", "g-offset", "g-frac", "g-none"]
        )
        let (reader, log) = reader(query)
        let path = try fixture("mixed")
        let summary = try reader.read(sources: [path])
        #expect(summary.sources == [path])
        #expect(summary.rowsRead == 7)
        #expect(summary.futureRows == 2)
        #expect(summary.rowsForUnknownGraphs == 1)
        #expect(summary.badRows.isEmpty)
        #expect(Set(summary.graphs.keys) == ["g-unix", "g-offset", "g-frac", "g-none"])
        let unix = try #require(summary.graphs["g-unix"])
        #expect(unix.usage(over: .hours(1)) == WindowUsage(window: .hours(1), coveredSeconds: hour, requests: 3))
        #expect(unix.lastActivity == now)
        let offset = try #require(summary.graphs["g-offset"]).usage(over: .hours(1))
        #expect(offset.coveredSeconds == hour && offset.requests == 5)
        let fraction = try #require(summary.graphs["g-frac"])
        #expect(fraction.usage(over: .hours(1)).coveredSeconds == 0)
        #expect(fraction.usage(over: day).coveredSeconds == hour)
        #expect(fraction.lastActivity == nil)
        #expect(summary.graphs["g-none"]?.usage(over: day).coveredSeconds == 0)
        let warnings = log.lines.filter { $0.hasPrefix("warning") }
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("rows=2") == true)
    }

    @Test func quotedFieldsKeepCommasQuotesAndLineBreaksAndLaterLineNumbersStayRight() throws {
        let (reader, _) = reader(maxBadRows: 1)
        let summary = try reader.read(sources: [try fixture("quoted")])
        #expect(summary.rowsRead == 4)
        #expect(summary.graphs["g1"]?.usage(over: day).requests == 3)
        #expect(summary.graphs["g2"]?.usage(over: day).coveredSeconds == hour)
        #expect(
            summary.badRows.map(\.description) == [
                try fixture("quoted") + ":7:4 (requests): \"x\" is not a non-negative number"
            ]
        )
        #expect(summary.taintedGraphIDs == ["g2"])
    }

    @Test(arguments: [4, 5, 7, 11, 32, 1 << 20])
    func chunkBoundariesDoNotChangeTheResult(chunkSize: Int) throws {
        for name in ["quoted", "crlf-bom", "mixed", "reordered", "bad-rows"] {
            let query = UsageQuery(now: Instant(unixSeconds: now), windows: [.hours(1), day], metrics: ["cpu_util"])
            let data = try Data(contentsOf: URL(fileURLWithPath: try fixture(name)))
            let small = try reader(query, maxBadRows: 100, chunkSize: chunkSize).0.read(data: data, name: name)
            let whole = try reader(query, maxBadRows: 100).0.read(data: data, name: name)
            #expect(small == whole, "\(name) with \(chunkSize)-byte chunks")
        }
    }

    @Test func crlfLineEndsAByteOrderMarkAndATrailingBlankLine() throws {
        let summary = try reader().0.read(sources: [try fixture("crlf-bom")])
        #expect(summary.rowsRead == 3)
        #expect(
            summary.graphs["g1"]?.usage(over: day) == WindowUsage(window: day, coveredSeconds: 2 * hour, requests: 3)
        )
        #expect(summary.graphs["g2"]?.usage(over: .hours(1)).coveredSeconds == 1800)
    }

    @Test func headerInAnotherOrderWithMetricColumns() throws {
        let query = UsageQuery(now: Instant(unixSeconds: now), windows: [day], metrics: ["cpu_util", "disk"])
        let summary = try reader(query).0.read(sources: [try fixture("reordered")])
        let g1 = try #require(summary.graphs["g1"]).usage(over: day)
        #expect(g1.requests == 1)
        #expect(g1.coveredSeconds == 4 * hour)
        let cpu = try #require(g1.metrics["cpu_util"])
        #expect(cpu.sum == 60 && cpu.max == 30 && cpu.count == 3 && cpu.average == 20)
        // The row with a blank cpu_util is a gap in the metric's coverage, not in the window's.
        #expect(cpu.coveredSeconds == 3 * hour)
        #expect(g1.metrics["disk"] == nil)
        #expect(g1.metrics["mem"] == nil)
        #expect(
            summary.graphs["g2"]?.usage(over: day).metrics["cpu_util"]
                == MetricStats(sum: -15, max: -15, count: 1, coveredSeconds: hour)
        )
    }

    @Test func everyKindOfBadRowIsReportedWithItsPlace() throws {
        let (reader, log) = reader(maxBadRows: 100)
        let summary = try reader.read(sources: [try fixture("bad-rows")])
        let described = summary.badRows.map { error in
            var error = error
            error.file = "bad-rows.csv"
            return error.description
        }
        let safe = "is not a safe graph ID (1 to 128 ASCII letters, digits, \"-\" and \"_\")"
        #expect(
            described == [
                "bad-rows.csv:3:4 (requests): field is missing: the row has 3 fields, the header 4",
                "bad-rows.csv:4:5: \"9\" is an extra field: the row has 5 fields, the header 4",
                "bad-rows.csv:5:4 (requests): \"-5\" is not a non-negative number",
                "bad-rows.csv:6:2 (period_start): \"2026-11-27T99:00:00Z\" is not an ISO 8601 time with an offset or integer Unix seconds",
                "bad-rows.csv:7:2 (period_start): \"2026-11-27T00:00:00\" has no UTC offset (add Z or +hh:mm): the instant is ambiguous",
                "bad-rows.csv:8:3 (period_seconds): \"0\" is not a positive integer",
                "bad-rows.csv:9:3 (period_seconds): \"-60\" is not a positive integer",
                "bad-rows.csv:10:3 (period_seconds): \"1h\" is not a positive integer",
                "bad-rows.csv:11:1 (graph_id): \"../etc\" \(safe)",
                "bad-rows.csv:12:1 (graph_id): \"g%2F\" \(safe)",
                "bad-rows.csv:13:1 (graph_id): \"g sp \" \(safe)",
                "bad-rows.csv:14:1 (graph_id): \"g-quote\" has text after its closing quote",
                "bad-rows.csv:15:4 (requests): \"-0.5\" is not a non-negative number",
            ]
        )
        #expect(
            summary.badRows.map(\.kind) == [
                .missingField, .extraField, .badNumber, .badTime, .badTime, .nonPositivePeriod, .nonPositivePeriod,
                .badNumber, .unsafeGraphID, .unsafeGraphID, .unsafeGraphID, .strayQuote, .badNumber,
            ]
        )
        #expect(summary.badRows.allSatisfy { $0.line != nil && $0.column != nil })
        #expect(
            summary.taintedGraphIDs == [
                "g-missing", "g-extra", "g-num", "g-time", "g-local", "g-period", "../etc", "g%2F", "g sp ", "g sp",
                "g-quote", "g-frac",
            ]
        )
        #expect(summary.rowsRead == 15)
        #expect(summary.graphs["g-ok"]?.usage(over: day).requests == 1)
        #expect(summary.graphs["g-float"]?.usage(over: day).requests == 12)
        #expect(summary.graphs["g-num"] == nil)
        #expect(log.lines.filter { $0.hasPrefix("warning") }.count == 13)
    }

    @Test func aBadRowTaintsItsGraphWhereverTheGraphIDColumnIs() throws {
        let summary = try reader(maxBadRows: 5).0.read(sources: [try fixture("bad-reordered")])
        #expect(summary.badRows.map(\.kind) == [.badNumber, .missingField])
        #expect(summary.badRows.map(\.column) == [1, 4])
        #expect(summary.taintedGraphIDs == ["g-late", "g-short"])
    }

    @Test func invalidUTF8IsABadRowAndNonASCIIGraphIDsAreUnsafe() throws {
        let summary = try reader(maxBadRows: 5).0.read(sources: [try fixture("invalid-utf8")])
        #expect(summary.badRows.map(\.kind) == [.invalidUTF8, .unsafeGraphID])
        #expect(summary.badRows.map(\.line) == [3, 4])
        #expect(summary.badRows.map(\.column) == [5, 1])
        #expect(summary.badRows.first?.columnName == "note")
        #expect(summary.taintedGraphIDs == ["g-utf8", "gé"])
        #expect(summary.graphs["g-ok"]?.usage(over: day).requests == 1)
    }

    @Test func byDefaultTheFirstBadRowFailsTheRead() throws {
        let error = try #require(
            failure { () throws(UsageError) in try reader().0.read(sources: [try! fixture("bad-rows")]) }
        )
        #expect(error.kind == .missingField)
        #expect(
            error.description == "bad-rows.csv:3:4 (requests): field is missing: the row has 3 fields, the header 4"
        )
    }

    @Test func moreBadRowsThanToleratedFailWithTheFirstOne() throws {
        let error = try #require(
            failure { () throws(UsageError) in try reader(maxBadRows: 2).0.read(sources: [try! fixture("bad-rows")]) }
        )
        #expect(error.kind == .tooManyBadRows)
        #expect(error.line == 3 && error.column == 4)
        #expect(error.description.hasPrefix("bad-rows.csv:3:4 (requests): field is missing"))
        #expect(error.description.hasSuffix("(the first of more than 2 malformed rows; at most 2 tolerated)"))
    }

    @Test func aPeriodOverThirtyOneDaysIsABadRowWithItsPlace() throws {
        let error = try #require(
            failure { () throws(UsageError) in try reader().0.read(sources: [try! fixture("long-period")]) }
        )
        #expect(error.kind == .implausiblePeriod)
        #expect(
            error.description
                == "long-period.csv:4:3 (period_seconds): \"3600000\" is longer than 31 days (2678400 seconds): "
                + "a period in milliseconds?"
        )
        // Tolerated, it taints its graph and covers nothing; exactly 31 days is still a period.
        let summary = try reader(maxBadRows: 1).0.read(sources: [try fixture("long-period")])
        #expect(summary.badRows.map(\.kind) == [.implausiblePeriod])
        #expect(summary.taintedGraphIDs == ["g-ms"])
        #expect(summary.graphs["g-ms"] == nil)
        #expect(summary.graphs["g-month"]?.usage(over: day).coveredSeconds == 22 * hour)
    }

    @Test func badRowsAreCountedAcrossSources() throws {
        let path = try fixture("quoted")
        let error = try #require(
            failure { () throws(UsageError) in try reader(maxBadRows: 1).0.read(sources: [path, path]) }
        )
        #expect(error.kind == .tooManyBadRows)
        #expect(error.line == 7)
    }

    @Test(arguments: [
        (
            "missing-column", UsageError.Kind.missingColumn,
            "missing-column.csv:1: missing required column \"period_seconds\" in the header"
        ),
        (
            "duplicate-column", .duplicateColumn,
            "duplicate-column.csv:1:5 (requests): column appears twice in the header"
        ),
        ("empty", .emptyFile, "empty.csv: file is empty: no header row"),
        ("unterminated", .unterminatedQuote, "unterminated.csv:3:2: quoted field is never closed"),
    ])
    func fileLevelProblemsFailWhateverTheTolerance(name: String, kind: UsageError.Kind, description: String) throws {
        let path = try fixture(name)
        let error = try #require(
            failure { () throws(UsageError) in try reader(maxBadRows: 1000).0.read(sources: [path]) }
        )
        #expect(error.kind == kind)
        #expect(error.description == description)
    }

    @Test func aHeaderOnlyFileHasNoRows() throws {
        let query = UsageQuery(now: Instant(unixSeconds: now), windows: [day], graphIDs: ["g1"])
        let summary = try reader(query).0.read(sources: [try fixture("header-only")])
        #expect(summary.rowsRead == 0)
        #expect(summary.graphs == ["g1": GraphUsage(graphID: "g1", windows: [day: WindowUsage(window: day)])])
    }

    @Test func aFolderReadsItsCSVFilesByNameAndNothingElse() throws {
        let folder = try fixture("folder", nil)
        let summary = try reader().0.read(sources: [folder])
        #expect(summary.sources == [folder + "/a.csv", folder + "/b.csv"])
        #expect(summary.rowsRead == 3)
        #expect(
            summary.graphs["g1"]?.usage(over: day) == WindowUsage(window: day, coveredSeconds: 2 * hour, requests: 3)
        )
        #expect(summary.graphs["g2"]?.usage(over: day).coveredSeconds == hour)
    }

    @Test func aMissingSourceIsUnreadable() throws {
        let error = try #require(
            failure { () throws(UsageError) in try reader().0.read(sources: ["/nonexistent/usage.csv"]) }
        )
        #expect(error.kind == .unreadable)
        #expect(error.description == "usage.csv: no such file or folder")
    }

    @Test func readsAnOpenFileDescriptor() throws {
        let path = try fixture("crlf-bom")
        let descriptor = open(path, O_RDONLY)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        let summary = try reader().0.read(fileDescriptor: descriptor, name: "-")
        #expect(summary.sources == ["-"])
        #expect(summary.graphs["g1"]?.usage(over: day).requests == 3)
    }

    @Test func readsAGeneratedFileLikeTheAggregatorReadsItsRecords() throws {
        var generator = SystemRandomNumberGenerator()
        var text = "period_seconds,graph_id,cpu,requests,period_start\n"
        var records: [UsageRecord] = []
        for _ in 0..<2000 {
            let graph = "graph-\(Int.random(in: 0..<20, using: &generator))"
            let start = now - Int64.random(in: -3600...200_000, using: &generator)
            let seconds = Int64.random(in: 1...7200, using: &generator)
            let requests = Int.random(in: 0...3, using: &generator)
            let cpu = Int.random(in: 0...100, using: &generator)
            let time = Bool.random(using: &generator) ? "\(start)" : isoTime(start)
            text += "\(seconds),\(graph),\(cpu).5,\(requests),\(time)\n"
            records.append(
                UsageRecord(
                    graphID: graph,
                    periodStart: start,
                    periodSeconds: seconds,
                    requests: Double(requests),
                    metrics: ["cpu": Double(cpu) + 0.5]
                )
            )
        }
        let query = UsageQuery(now: Instant(unixSeconds: now), windows: [.hours(1), day], metrics: ["cpu"])
        var aggregator = UsageAggregator(query: query)
        for record in records { aggregator.add(record) }
        let read = try reader(query, chunkSize: 4096).0.read(data: Data(text.utf8), name: "generated.csv")
        var expected = aggregator.summary()
        expected.sources = ["generated.csv"]
        #expect(read == expected)
    }
}

/// ISO 8601 in UTC, the spelling exports use.
private func isoTime(_ seconds: Int64) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
}

extension UsageReaderTests {

    // MARK: Fractional request counts

    /// Cloud Eye sums need not be integers and `--save-usage` writes them as they came: the reader reads them back.
    @Test func fractionalRequestCountsAreReadExactly() throws {
        let text =
            "graph_id,period_start,period_seconds,requests\n"
            + "g1,2026-11-27T00:00:00Z,3600,0.25\ng1,2026-11-27T01:00:00Z,3600,0.25\n"
            + "g2,2026-11-27T00:00:00Z,3600,12.5\ng2,2026-11-27T01:00:00Z,3600,0.1\n"
            + "g3,2026-11-27T00:00:00Z,3600,7.000\ng3,2026-11-27T01:00:00Z,3600,3\n"
        let summary = try reader().0.read(data: Data(text.utf8), name: "frac.csv")
        #expect(summary.badRows.isEmpty)
        #expect(summary.graphs["g1"]?.usage(over: day).requests == 0.5)
        #expect(summary.graphs["g1"]?.usage(over: .hours(1)).requests == 0.25)
        #expect(summary.graphs["g2"]?.usage(over: day).requests == 12.5 + 0.1)
        #expect(summary.graphs["g3"]?.usage(over: day).requests == 10)
    }

    /// A fractional sum is compared with the threshold as it is, never truncated: 0.5 requests is not 0.
    @Test func aFractionalSumIsComparedExactlyWithTheThreshold() throws {
        let text =
            "graph_id,period_start,period_seconds,requests\n"
            + (0..<24).map {
                "g1,2026-11-\(Int64(26) + Int64($0 + 2) / 24)T\(String(format: "%02d", ($0 + 2) % 24)):00:00Z,3600,\($0 == 5 ? "0.5" : "0")\n"
            }.joined()
        let summary = try reader().0.read(data: Data(text.utf8), name: "frac.csv")
        let usage = try #require(summary.graphs["g1"])
        #expect(usage.usage(over: day).requests == 0.5)
        #expect(usage.usage(over: day).coveredSeconds == 86_400)
        let strict = IdleFilter(window: day, measure: .requests(atMost: 0), minCoverage: IdleFilter.defaultMinCoverage)
        #expect(strict.outcome(usage).state == .fails, "\(strict.outcome(usage).sentence)")
        let lenient = IdleFilter(window: day, measure: .requests(atMost: 1), minCoverage: IdleFilter.defaultMinCoverage)
        #expect(lenient.outcome(usage).state == .holds, "\(lenient.outcome(usage).sentence)")
    }

    @Test(arguments: ["-0.5", "+0.5", ".5", "1.5e3", "0.5.0", "0,5", "1.5x"])
    func signedOrMalformedFractionsAreBadNumbersWithTheirPlace(_ requests: String) throws {
        let field = requests.contains(",") ? "\"\(requests)\"" : requests
        let text = "graph_id,period_start,period_seconds,requests\ng1,2026-11-27T00:00:00Z,3600,\(field)\n"
        let error = try #require(
            failure { () throws(UsageError) in try reader().0.read(data: Data(text.utf8), name: "frac.csv") }
        )
        #expect(error.kind == .badNumber && error.line == 2 && error.column == 4)
        #expect(error.description == "frac.csv:2:4 (requests): \"\(requests)\" is not a non-negative number")
    }
}

/// `UsageReader.validate`: every bad row of a file, up to a limit, for `ges-idle-stop validate`.
extension UsageReaderTests {
    /// What validating fixture `name` gives, with the fixture folder removed from the file names.
    private func validation(_ name: String, metrics: Set<String> = [], limit: Int = 20) throws -> UsageValidation {
        var result = UsageReader.validate(file: try fixture(name), metrics: metrics, limit: limit)
        for index in result.badRows.indices { result.badRows[index].file = "\(name).csv" }
        result.failure?.file = "\(name).csv"
        return result
    }

    @Test func validationReportsEveryBadRowWithLineAndColumn() throws {
        let result = try validation("three-bad-rows")
        #expect(
            result.badRows.map(\.description) == [
                "three-bad-rows.csv:3:4 (requests): \"-5\" is not a non-negative number",
                "three-bad-rows.csv:5:1 (graph_id): \"g/4\" is not a safe graph ID (1 to 128 ASCII letters, digits, "
                    + "\"-\" and \"_\")",
                "three-bad-rows.csv:7:2 (period_start): \"2026-11-27T00:00:00\" has no UTC offset (add Z or +hh:mm): "
                    + "the instant is ambiguous",
            ]
        )
        #expect(result.badRowCount == 3 && result.failure == nil && !result.isValid)
        // A metric column is checked only when some policy reads it.
        let withMetric = try validation("three-bad-rows", metrics: ["cpu_util"])
        #expect(withMetric.badRows.map(\.line) == [3, 4, 5, 7])
        #expect(withMetric.badRows[1].description == "three-bad-rows.csv:4:5 (cpu_util): \"n/a\" is not a number")
    }

    @Test func validationKeepsTheFirstBadRowsAndCountsTheRest() throws {
        let result = try validation("many-bad-rows")
        #expect(result.badRowCount == 25)
        #expect(result.badRows.count == 20)
        #expect(
            result.badRows.map(\.line) == [2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 14, 15, 16, 17, 18, 20, 21, 22, 23, 24]
        )
        #expect(result.badRows.allSatisfy { $0.kind == .nonPositivePeriod && $0.column == 3 })
    }

    @Test func validationStopsAtAnErrorThatEndsTheReadAndKeepsTheRowsBefore() throws {
        let result = try validation("bad-rows-then-unterminated")
        #expect(result.badRows.map(\.line) == [2])
        #expect(result.failure?.kind == .unterminatedQuote)
        #expect(result.failure?.line == 4)
        let missing = try validation("missing-column")
        #expect(missing.badRows.isEmpty && missing.failure?.kind == .missingColumn)
    }

    @Test func aGoodFileIsValidAndAMissingOneIsNot() throws {
        #expect(try validation("crlf-bom").isValid)
        #expect(try validation("mixed").isValid)
        let missing = UsageReader.validate(file: "/nonexistent/usage.csv", limit: 20)
        #expect(missing.failure?.kind == .unreadable)
    }
}
