import Foundation
import IdleStopTestSupport
import Testing

@testable import GESSimulator

@Suite("Usage CSV for the Cloud Eye endpoint")
struct SimulatedUsageTests {
    static let alpha = "0b6a1c3e-1111-4a00-9000-000000000001"

    static func fixture() throws -> SimulatedUsage {
        try SimulatedUsage(
            contentsOf: Repository.url("examples/sim/cloud-eye-usage.csv")
        )
    }

    @Test func readsTheFixtureWithMixedTimesQuotesAndExtraColumns() throws {
        let usage = try Self.fixture()
        #expect(usage.recordCount == 12)
        #expect(
            usage.graphIDs == [
                Self.alpha, "0b6a1c3e-1111-4a00-9000-000000000002", "0b6a1c3e-1111-4a00-9000-000000000003",
                "0b6a1c3e-1111-4a00-9000-000000000005", "graph-not-in-the-fleet",
            ]
        )
        let alpha = usage.records.filter { $0.graphID == Self.alpha }
        // 2026-11-20T00:00:00Z is 1795132800; "04:00:00+01:00" is 03:00Z.
        #expect(
            alpha.map(\.periodStart) == [
                1_795_132_800, 1_795_136_400, 1_795_143_600, 1_795_143_600, 1_795_147_200,
            ]
        )
        #expect(alpha.map(\.requests) == [10, 0, 5, 7, 3])
        let quoted = usage.records.first { $0.graphID == "0b6a1c3e-1111-4a00-9000-000000000005" }
        #expect(
            quoted
                == SimulatedUsage.Record(
                    graphID: "0b6a1c3e-1111-4a00-9000-000000000005",
                    periodStart: 1_795_134_600,
                    periodSeconds: 7200,
                    requests: 100
                )
        )
    }

    @Test func acceptsBOMCRLFColumnsInAnyOrderAndBlankLines() throws {
        let text =
            "\u{FEFF}requests,period_seconds,graph_id,period_start\r\n5,60,g-1,120\r\n\r\n\"7\",60,\"g-1\",0\r\n"
        let usage = try SimulatedUsage(csv: Data(text.utf8), source: "inline.csv")
        #expect(
            usage.records == [
                .init(graphID: "g-1", periodStart: 0, periodSeconds: 60, requests: 7),
                .init(graphID: "g-1", periodStart: 120, periodSeconds: 60, requests: 5),
            ]
        )
    }

    @Test(arguments: [
        (
            "graph_id,period_start,period_seconds\ng,0,60\n",
            "inline.csv:1: the header has no requests column"
        ),
        (
            "graph_id,period_start,period_seconds,requests\ng,0,60,1\ng,0,0,1\n",
            "inline.csv:3: column 3 (period_seconds): \"0\" is not a positive integer"
        ),
        (
            "graph_id,period_start,period_seconds,requests\ng,0,60,-1\n",
            "inline.csv:2: column 4 (requests): \"-1\" is not a non-negative integer"
        ),
        (
            "graph_id,period_start,period_seconds,requests\ng,0,60,1.5\n",
            "inline.csv:2: column 4 (requests): \"1.5\" is not a non-negative integer"
        ),
        (
            "graph_id,period_start,period_seconds,requests\n\"a\nb\",0,60,1\ng,2026-11-20T00:00:00,60,1\n",
            "inline.csv:2: column 1 (graph_id): \"a\\nb\" is not a graph ID"
        ),
        (
            "graph_id,period_start,period_seconds,requests\ng,0,60,1\ng,0,60\ng,2026-11-20T00:00:00,60,1\n",
            "inline.csv:3: column 4 (requests) is missing"
        ),
        (
            "graph_id,period_start,period_seconds,requests\n\"q\"\"\",0,60,1\n",
            "inline.csv:2: column 1 (graph_id): \"q\\\"\" is not a graph ID"
        ),
        (
            "graph_id,period_start,period_seconds,requests\ng,0,60,1\ng,2026-11-20T00:00:00,60,1\n",
            "inline.csv:3: column 2 (period_start): \"2026-11-20T00:00:00\" is not ISO 8601 with an offset or Unix seconds"
        ),
        ("", "inline.csv: empty file, expected a header row"),
    ])
    func refusesAMalformedFileNamingLineAndColumn(text: String, message: String) {
        #expect(throws: SimulatorError(message)) {
            try SimulatedUsage(csv: Data(text.utf8), source: "inline.csv")
        }
    }

    @Test func namesAnUnreadableFile() {
        let url = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)/usage.csv")
        #expect(throws: SimulatorError("\(url.path): cannot be read")) {
            try SimulatedUsage(contentsOf: url)
        }
    }

    /// docs/SPEC.md §3: Unix seconds, or ISO 8601 with an offset; a time without one names no instant.
    static let periodStarts: [(text: String, seconds: Int64?)] = [
        ("1795132800", 1_795_132_800),
        ("0", 0),
        ("2026-11-20T00:00:00Z", 1_795_132_800),
        ("2026-11-20t04:00:00+01:00", 1_795_132_800 + 3 * 3600),
        ("2026-11-20 04:00:00+0100", 1_795_132_800 + 3 * 3600),
        ("2026-11-19T19:00:00-05", 1_795_132_800),
        ("2026-11-20T00:00:00.999Z", 1_795_132_800),
        ("2026-11-20T00:00:00", nil),
        ("2026-11-20T00:00:00Zjunk", nil),
        ("2026-02-30T00:00:00Z", nil),
        ("2026-11-20T00:00:00+24:00", nil),
        ("2026-11-20T00:00:00.Z", nil),
        ("+5", nil),
        ("-5", nil),
        ("", nil),
    ]

    @Test(arguments: periodStarts)
    func readsPeriodStarts(text: String, seconds: Int64?) {
        #expect(SimulatedUsage.unixSeconds(text) == seconds)
    }

    @Test func acceptsOnlySafeGraphIDs() {
        #expect(SimulatedUsage.isGraphID("0b6a1c3e-1111_4a00"))
        #expect(SimulatedUsage.isGraphID(String(repeating: "a", count: 128)))
        for unsafe in ["", String(repeating: "a", count: 129), "a b", "a/b", "é", "a;b"] {
            #expect(!SimulatedUsage.isGraphID(unsafe), "\(unsafe)")
        }
    }
}
