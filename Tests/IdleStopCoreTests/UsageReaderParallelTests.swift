import Foundation
import IdleStopTestSupport
import Logging
import PropertyBased
import Testing

@testable import IdleStopCore

/// 2026-11-27T02:00:00Z.
private let now: Int64 = 1_795_744_800
private let header = "graph_id,period_start,period_seconds,requests,cpu_util"

/// A fresh temporary folder for one test.
private func temporaryFolder() throws -> URL {
    try TemporaryFolder.make("usage-parallel")
}

/// A reader that splits any file of two bytes or more into `parallelism` parts.
private func reader(parallelism: Int, maxBadRows: Int, graphIDs: Set<String>?) -> UsageReader {
    var reader = UsageReader(
        query: UsageQuery(
            now: Instant(unixSeconds: now),
            windows: [.hours(1), .hours(6)],
            metrics: ["cpu_util"],
            graphIDs: graphIDs
        ),
        maxBadRows: maxBadRows,
        logger: Logger.discarding("usage-parallel-test"),
        chunkSize: 16,
        parallelism: parallelism
    )
    reader.minimumPartBytes = 1
    return reader
}

private func read(_ path: String, _ reader: UsageReader) -> Result<UsageSummary, UsageError> {
    do throws(UsageError) {
        return .success(try reader.read(sources: [path]))
    } catch {
        return .failure(error)
    }
}

/// One generated data row: mostly valid, sometimes malformed, sometimes quoted (with line breaks inside).
private let rowGen = zip(
    Gen.element(of: ["a", "b", "c", "zz", "bad id", "\"q\nuoted\"", "\"b\""]).map { $0 ?? "a" },
    Gen.int64(in: -30...2),
    Gen.element(of: ["60", "600", "3600", "0", "x"]).map { $0 ?? "60" },
    Gen.element(of: ["0", "1", "7", "-1", "2.0"]).map { $0 ?? "0" },
    Gen.element(of: ["", "1.5", "\"2\""]).map { $0 ?? "" },
    Gen.int(in: 0...9)
).map { id, step, seconds, requests, cpu, shape -> String in
    let start = now + step * 600
    let time = shape < 5 ? String(start) : TimestampFormatting.iso(start)
    switch shape {
    case 0: return "\(id),\(time),\(seconds)"  // a field missing
    case 1: return ""  // a blank line
    default: return "\(id),\(time),\(seconds),\(requests),\(cpu)"
    }
}

/// ISO 8601 text for generated rows.
private enum TimestampFormatting {
    static func iso(_ seconds: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}

struct UsageReaderParallelTests {
    @Test func splittingAFileGivesTheSameSummaryOrTheSameErrorAsReadingItAlone() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        await propertyCheck(
            count: 300,
            input: rowGen.array(of: 0...40),
            Gen.bool,
            Gen.int(in: 2...4),
            Gen.int(in: 0...3),
            Gen.bool,
            Gen.bool
        ) { rows, crlf, parallelism, maxBadRows, isOpen, hasQuotes in
            // Without quotes the file is split for real; with them, the reader must notice and read it alone.
            let rows = hasQuotes ? rows : rows.map { $0.replacingOccurrences(of: "\"", with: "") }
            let text = ([header] + rows).joined(separator: crlf ? "\r\n" : "\n") + (crlf ? "\r\n" : "\n")
            let path = folder.appendingPathComponent("\(UUID().uuidString).csv").path
            _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
            defer { try? FileManager.default.removeItem(atPath: path) }
            let graphIDs: Set<String>? = isOpen ? nil : ["a", "b", "zz", "missing"]
            let alone = read(path, reader(parallelism: 1, maxBadRows: maxBadRows, graphIDs: graphIDs))
            let split = read(path, reader(parallelism: parallelism, maxBadRows: maxBadRows, graphIDs: graphIDs))
            #expect(split == alone)
        }
    }

    @Test func aQuoteFreeFileIsSplitAndItsBadRowsKeepTheirLineNumbers() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var lines = [header]
        for index in 0..<200 { lines.append("g\(index % 3),\(now - 3600 + Int64(index)),60,1,") }
        lines[150] = "g1,\(now - 60),60,oops,"
        let path = folder.appendingPathComponent("usage.csv").path
        _ = FileManager.default.createFile(
            atPath: path,
            contents: Data((lines.joined(separator: "\r\n") + "\r\n").utf8)
        )

        let splitReader = reader(parallelism: 4, maxBadRows: 1, graphIDs: nil)
        let descriptor = open(path, O_RDONLY)
        defer { close(descriptor) }
        var session = UsageReadSession(reader: splitReader)
        let size = Int(try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int))
        let wasSplit = try session.consumeInParallel(
            descriptor: descriptor,
            size: size,
            name: path,
            parts: 4,
            minimumPartBytes: 1,
            reader: splitReader
        )
        #expect(wasSplit)
        #expect(session.badRows.map(\.line) == [151])
        #expect(session.rowsRead == 200)
        #expect(session.summary() == (try splitReader.read(sources: [path])))
        #expect(session.summary().graphs["g1"]?.usage(over: .hours(1)).requests == 67)
    }

    @Test func aQuoteAfterTheFirstSplitMakesOneThreadReadTheFile() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var lines = [header]
        for index in 0..<100 { lines.append("g,\(now - 3600 + Int64(index)),60,1,") }
        lines[90] = "\"g\",\(now - 60),60,1,\"1\n.5\""
        let path = folder.appendingPathComponent("usage.csv").path
        _ = FileManager.default.createFile(atPath: path, contents: Data((lines.joined(separator: "\n") + "\n").utf8))

        let splitReader = reader(parallelism: 2, maxBadRows: 0, graphIDs: nil)
        let descriptor = open(path, O_RDONLY)
        defer { close(descriptor) }
        var session = UsageReadSession(reader: splitReader)
        let size = Int(try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int))
        let wasSplit = try session.consumeInParallel(
            descriptor: descriptor,
            size: size,
            name: path,
            parts: 2,
            minimumPartBytes: 1,
            reader: splitReader
        )
        #expect(!wasSplit)
        #expect(session.rowsRead == 0)
        // The reader falls back to one thread and still sees the quoted metric as a bad number on line 91.
        #expect(throws: UsageError.self) { try splitReader.read(sources: [path]) }
        let error = try #require(read(path, splitReader).failure)
        #expect(error.line == 91 && error.kind == .badNumber)
    }
}

extension Result {
    fileprivate var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
