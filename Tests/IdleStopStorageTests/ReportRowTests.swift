import Foundation
import IdleStopCore
import Testing

@testable import IdleStopStorage

struct ReportRowTests {
    let run = makeRun("r-1", at: "2026-11-27T02:00:00Z", mode: .dryRun)

    @Test func aDecisionsRowHoldsTheSpellersCellsInColumnOrder() {
        let decision = stopDecision("g-1", result: .dryRun)
        var speller = DecisionCellSpeller(run: run)
        let row = ReportRow(run: run, decision: decision)
        #expect(row.cells == ReportColumn.allCases.map { speller.cell($0, of: decision) })
        #expect(row[.graphID] == "g-1")
        #expect(row[.result] == "dry-run")
    }

    @Test func cellsArePaddedOrCutToTheColumns() {
        #expect(
            ReportRow(cells: ["r-1"]).cells == ["r-1"] + Array(repeating: "", count: ReportColumn.allCases.count - 1)
        )
        let long = ReportRow(cells: Array(repeating: "x", count: 30))
        #expect(long.cells.count == ReportColumn.allCases.count)
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
