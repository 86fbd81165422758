import Foundation
import GRDB
import IdleStopCore
import Testing

@testable import IdleStopStorage

/// The stored decision rows, bound in batches of 32, read back as the report's rows, empty cells as NULL.
struct DecisionRowEncoderTests {
    /// SplitMix64: reproducible draws for the property tests.
    struct Draws: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// A decision with every optional field sometimes nil, sometimes empty, sometimes odd.
    static func randomDecision(_ number: Int, using draws: inout Draws) -> Decision {
        func maybe<T>(_ value: @autoclosure () -> T) -> T? { Bool.random(using: &draws) ? value() : nil }
        let prices = ["1.25", "0.5", "12", "0.333333", "1000000.01", "0"].map { Decimal(string: $0)! }
        let price = maybe(prices.randomElement(using: &draws)!)
        let kind = DecisionKind.allCases.randomElement(using: &draws)!
        let graph = Graph(
            id: String(format: "g-%05d-%08x", number, UInt32.random(in: 0...UInt32.max, using: &draws)),
            name: ["", "dev-\(number)", "名前 \(number)"].randomElement(using: &draws)!,
            status: [GraphStatus.running, .stopped, GraphStatus(rawValue: "")].randomElement(using: &draws)!,
            productType: ["InMemory", "persistence", ""].randomElement(using: &draws)!,
            sizeIndex: ["0", "1", "2", "3", "4", "99", ""].randomElement(using: &draws)!
        )
        let coverages = [1, 0, 0.9, 0.99995, 1.0 / 3.0, 0.123456789, Double.random(in: 0...1, using: &draws)]
        return Decision(
            graph: graph,
            kind: kind,
            policy: maybe(["idle-dev", ""].randomElement(using: &draws)!),
            reason: ["", "0 requests in 24h, \"quoted\"; tag env is dev"].randomElement(using: &draws)!,
            window: maybe(TimeSpan(seconds: [3600, 86_400, 1800, 604_800, 5].randomElement(using: &draws)!)),
            requestsInWindow: maybe([0, 12, 0.5, 1e20, 3.25].randomElement(using: &draws)!),
            coverage: maybe(coverages.randomElement(using: &draws)!),
            lastActivity: maybe(Int64.random(in: 1_700_000_000...1_795_824_100, using: &draws)),
            hourlyPrice: price,
            currency: maybe(["USD", "CNY", ""].randomElement(using: &draws)!),
            projectedSavings: price.map { $0 * Decimal(Int.random(in: 0...720, using: &draws)) / 7 },
            result: maybe(StopResult.allCases.randomElement(using: &draws)!),
            jobID: maybe("job-\(number)"),
            errorCode: maybe(["GES.7000", ""].randomElement(using: &draws)!),
            errorMessage: maybe("the graph is busy")
        )
    }

    @Test(arguments: [1, 31, 32, 33, 70, 257])
    func storedRowsEqualTheReportRows(count: Int) throws {
        let folder = try makeTemporaryFolder("\(#function)-\(count)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try HistoryStore(path: folder.appendingPathComponent("history.sqlite").path)
        var draws = Draws(state: UInt64(count))
        let decisions = (0..<count).map { Self.randomDecision($0, using: &draws) }
        let run = makeRun("r-\(count)", at: "2026-11-28T00:00:00Z", mode: .dryRun)
        try store.beginRun(run)
        try store.recordDecisions(run: run, decisions)
        #expect(try store.reportRows(runID: run.id) == CSVReportWriter.rows(run: run, decisions: decisions))
        // Empty cells are NULL, as before: never an empty string.
        let emptyCells = try store.writer.read { db in
            try Int.fetchOne(
                db,
                sql:
                    "SELECT COUNT(*) FROM decisions WHERE graph_name = '' OR reason = '' OR status = '' OR currency = ''"
            )
        }
        #expect(emptyCells == 0)
    }
}
