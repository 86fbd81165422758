import Foundation
import IdleStopCore
import Testing

@testable import IdleStopStorage

struct ReportRowTests {
    let run = makeRun("r-1", at: "2026-11-27T02:00:00Z", mode: .dryRun)

    @Test func stopRowSpellsEveryCell() {
        var decision = stopDecision("g-1", result: .dryRun)
        decision.graph.name = "dev graph"
        decision.requestsInWindow = 0
        decision.coverage = 0.99999
        decision.lastActivity = Int64(utc("2026-11-25T23:30:00Z").timeIntervalSince1970)
        decision.window = TimeSpan(seconds: 1800)
        let row = ReportRow(run: run, decision: decision)
        #expect(
            row.cells == [
                "r-1", "2026-11-27T02:00:00Z", "dry-run", "g-1", "dev graph", "InMemory", "million", "200",
                "idle-dev-graphs", "stop", "dry-run", "0 requests in 24h", "0", "0.5", "0.9999", "2026-11-25T23:30:00Z",
                "26.5", "1.25", "USD", "30.00", "", "", "",
            ]
        )
    }

    @Test func nonStopRowsHaveNoResultAndNilsAreEmpty() {
        var decision = keepDecision("g-2")
        decision.result = .held
        let row = ReportRow(run: run, decision: decision)
        #expect(row[.decision] == "keep")
        #expect(row[.result] == "")
        #expect(row[.policy] == "")
        #expect(row[.coverage] == "")
        #expect(row[.idleHours] == "")
        #expect(row[.projectedSavings] == "")
        #expect(row.cells.count == ReportColumn.allCases.count)
    }

    @Test func unknownSizeIndexIsWrittenAsItIs() {
        var decision = keepDecision("g-3")
        decision.graph.sizeIndex = "77"
        #expect(ReportRow(run: run, decision: decision)[.size] == "77")
        decision.graph.sizeIndex = "401"
        #expect(ReportRow(run: run, decision: decision)[.size] == "billion-enhanced")
    }

    @Test func failedStopCarriesTheError() {
        var decision = stopDecision("g-4", result: .failed)
        decision.errorCode = "GES.8011"
        decision.errorMessage = "graph is busy"
        let row = ReportRow(run: makeRun("r-2", at: "2026-11-27T02:00:00Z"), decision: decision)
        #expect(row[.mode] == "live")
        #expect(row[.result] == "failed")
        #expect(row[.errorCode] == "GES.8011")
        #expect(row[.errorMessage] == "graph is busy")
    }

    @Test func reportOrderIsByGraphIDThenName() {
        let rows = [("b", "x"), ("a", "z"), ("a", "y")].map { id, name in
            var row = ReportRow(cells: [])
            row[.graphID] = id
            row[.graphName] = name
            return row
        }
        #expect(rows.sorted(by: ReportRow.reportOrder).map { $0[.graphID] + $0[.graphName] } == ["ay", "az", "bx"])
    }
}
