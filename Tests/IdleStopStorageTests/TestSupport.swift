import Foundation
import IdleStopCore
import IdleStopTestSupport

@testable import IdleStopStorage

/// A fresh folder under the system temp directory, unique per test.
func makeTemporaryFolder(_ name: String = #function) throws -> URL {
    try TemporaryFolder.make("idle-stop-storage-\(name)")
}

/// `2026-11-27T02:00:00Z` and friends.
func utc(_ text: String) -> Date {
    ReportFormat.date(from: text)!
}

/// `2026-11-27T02:00:00Z` and friends, as an instant.
func instant(_ text: String) -> Instant {
    Instant(utc(text))
}

/// A run at `evaluatedAt`.
func makeRun(_ id: String, at evaluatedAt: String, mode: RunInfo.Mode = .live) -> RunInfo {
    RunInfo(id: id, evaluatedAt: instant(evaluatedAt), startedAt: utc(evaluatedAt), mode: mode)
}

/// A million-edge in-memory graph.
func makeGraph(_ id: String, name: String? = nil, status: GraphStatus = .running) -> Graph {
    Graph(id: id, name: name ?? "name-\(id)", status: status, sizeIndex: "1")
}

/// A stop decision priced at 1.25 USD/h with 24h projected savings.
func stopDecision(_ id: String, result: StopResult? = nil, price: Decimal = Decimal(string: "1.25")!) -> Decision {
    Decision(
        graph: makeGraph(id),
        kind: .stop,
        policy: "idle-dev-graphs",
        reason: "0 requests in 24h",
        window: .hours(24),
        requestsInWindow: 0,
        coverage: 1,
        lastActivity: nil,
        hourlyPrice: price,
        currency: "USD",
        projectedSavings: price * 24,
        result: result
    )
}

/// A keep decision for a graph in `status`.
func keepDecision(_ id: String, status: GraphStatus = .running) -> Decision {
    Decision(graph: makeGraph(id, status: status), kind: status == .running ? .keep : .skip, reason: "busy")
}
