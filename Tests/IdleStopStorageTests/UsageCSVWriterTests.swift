import Foundation
import IdleStopCore
import IdleStopTestSupport
import Logging
import PropertyBased
import Testing

@testable import IdleStopStorage

@Suite struct UsageCSVWriterTests {
    @Test(arguments: [
        (0.0, "0"), (-0.0, "0"), (12, "12"), (12.5, "12.5"), (0.1, "0.1"), (1e-5, "0.00001"),
        (123_456.789, "123456.789"), (1e15, "1000000000000000"), (1e16, "10000000000000000"),
        (1.5e17, "150000000000000000"), (2.5e-7, "0.00000025"), (9_007_199_254_740_994, "9007199254740994"),
        (-3.25, "-3.25"), (1e22, "10000000000000000000000"),
    ])
    func numbersArePlainExactDecimals(value: Double, written: String) {
        #expect(UsageCSVWriter.number(value) == written)
    }

    @Test func everyFiniteNumberReadsBackExactlyWithoutExponentOrLocale() async {
        let bits = Gen<UInt64>.value().map { Double(bitPattern: $0) }.filter(\.isFinite)
        await propertyCheck(count: 2000, input: bits) { value in
            let text = UsageCSVWriter.number(value)
            #expect(Double(text) == value, "\(value) written as \(text)")
            #expect(text.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }, "\(text)")
            #expect(!text.hasSuffix(".") && !(text.contains(".") && text.hasSuffix("0")), "\(text)")
        }
    }

    @Test func fileHasTheSPECHeaderAndRowsOrderedByGraphThenTime() {
        let records = [
            UsageRecord(graphID: "b", periodStart: 3600, periodSeconds: 3600, requests: 2),
            UsageRecord(graphID: "a", periodStart: 7200, periodSeconds: 3600, requests: 0.5),
            UsageRecord(graphID: "a", periodStart: 3600, periodSeconds: 3600, requests: 0),
        ]
        #expect(
            UsageCSVWriter.text(records) == """
                graph_id,period_start,period_seconds,requests
                a,1970-01-01T01:00:00Z,3600,0
                a,1970-01-01T02:00:00Z,3600,0.5
                b,1970-01-01T01:00:00Z,3600,2

                """
        )
    }

    @Test func integralCountsReadBackByTheUsageReader() throws {
        let folder = try makeTemporaryFolder()
        let records = [
            UsageRecord(graphID: "g1", periodStart: 0, periodSeconds: 3600, requests: 12),
            UsageRecord(graphID: "g1", periodStart: 3600, periodSeconds: 3600, requests: 9_000_000_000_000_000),
        ]
        try UsageCSVWriter.write(records, to: folder.appendingPathComponent("usage.csv"))
        let summary = try Self.read(folder.appendingPathComponent("usage.csv"))
        #expect(summary.graphs["g1"]?.usage(over: .hours(2)).requests == 9_000_000_000_000_012)
        #expect(summary.graphs["g1"]?.usage(over: .hours(2)).coveredSeconds == 7200)
    }

    @Test func fractionalSumsReadBackExactly() throws {
        let folder = try makeTemporaryFolder()
        let records = [
            UsageRecord(graphID: "g1", periodStart: 0, periodSeconds: 3600, requests: 12.5),
            UsageRecord(graphID: "g1", periodStart: 3600, periodSeconds: 3600, requests: 0.1),
        ]
        try UsageCSVWriter.write(records, to: folder.appendingPathComponent("usage.csv"))
        // Cloud Eye sums are numbers, not necessarily integers (issue 6); the usage reader reads fractions back.
        let summary = try Self.read(folder.appendingPathComponent("usage.csv"))
        #expect(summary.graphs["g1"]?.usage(over: .hours(2)).requests == 12.5 + 0.1)
    }

    static func read(_ url: URL) throws -> UsageSummary {
        let query = UsageQuery(now: Instant(unixSeconds: 7200), windows: [.hours(2)])
        let logger = Logger.discarding("test")
        return try UsageReader(query: query, logger: logger, parallelism: 1).read(sources: [url.path])
    }
}
