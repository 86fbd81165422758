import Foundation
import IdleStopCore
import Testing

@testable import IdleStopStorage

/// The one spelling of a decision row's cells, which the CSV report and the `decisions` table both use.
struct DecisionCellSpellerTests {
    let run = makeRun("r-1", at: "2026-11-27T02:00:00Z", mode: .dryRun)

    /// Every cell of `decision` in `ReportColumn` order, from a fresh speller.
    func cells(_ decision: Decision, run: RunInfo? = nil) -> [String] {
        var speller = DecisionCellSpeller(run: run ?? self.run)
        return DecisionCellSpeller.columns.map { speller.cell($0, of: decision) }
    }

    @Test func aStopSpellsEveryCell() {
        var decision = stopDecision("g-1", result: .dryRun)
        decision.graph.name = "dev graph"
        decision.requestsInWindow = 0
        decision.coverage = 0.99999
        decision.lastActivity = instant("2026-11-25T23:30:00Z").unixSeconds
        decision.window = TimeSpan(seconds: 1800)
        #expect(
            cells(decision) == [
                "r-1", "2026-11-27T02:00:00Z", "dry-run", "g-1", "dev graph", "InMemory", "million", "200",
                "idle-dev-graphs", "stop", "dry-run", "0 requests in 24h", "0", "0.5", "0.9999", "2026-11-25T23:30:00Z",
                "26.5", "1.25", "USD", "30.00", "", "", "",
            ]
        )
    }

    @Test func nonStopsHaveNoResultAndNilsAreEmpty() {
        var decision = keepDecision("g-2", status: .stopped)
        decision.result = .held
        var speller = DecisionCellSpeller(run: run)
        #expect(speller.cell(.decision, of: decision) == "skip")
        #expect(speller.cell(.status, of: decision) == "900")
        for column in [ReportColumn.result, .policy, .coverage, .idleHours, .lastActivity, .projectedSavings, .jobID] {
            #expect(speller.cell(column, of: decision) == "", "\(column)")
        }
    }

    @Test func noRequestInTheCoveredWindowIsSpelledSoASpreadsheetCanSortIt() {
        var decision = stopDecision("g-1", result: .dryRun)
        decision.requestsInWindow = 0
        decision.window = .hours(24)
        decision.coverage = 0.5
        var speller = DecisionCellSpeller(run: run)
        #expect(speller.cell(.lastActivity, of: decision) == "none in the window")
        #expect(speller.cell(.idleHours, of: decision) == "12.0", "at least the 12 covered hours")
        decision.coverage = 1
        #expect(speller.cell(.idleHours, of: decision) == "24.0")
        decision.coverage = 0
        #expect(speller.cell(.lastActivity, of: decision) == "", "nothing covered: nothing is known")
        #expect(speller.cell(.idleHours, of: decision) == "")
    }

    @Test func anUnknownSizeIndexIsWrittenAsItIs() {
        var decision = keepDecision("g-3")
        var speller = DecisionCellSpeller(run: run)
        decision.graph.sizeIndex = "77"
        #expect(speller.cell(.size, of: decision) == "77")
        decision.graph.sizeIndex = "401"
        #expect(speller.cell(.size, of: decision) == "billion-enhanced")
    }

    @Test func aFailedStopCarriesTheError() {
        var decision = stopDecision("g-4", result: .failed)
        decision.errorCode = "GES.8011"
        decision.errorMessage = "graph is busy"
        let row = cells(decision, run: makeRun("r-2", at: "2026-11-27T02:00:00Z"))
        #expect(row[ReportColumn.mode.index] == "live")
        #expect(row[ReportColumn.result.index] == "failed")
        #expect(row[ReportColumn.errorCode.index] == "GES.8011")
        #expect(row[ReportColumn.errorMessage.index] == "graph is busy")
    }

    /// One speller for a whole run remembers spellings: they must be what a fresh speller would write.
    @Test func rememberedSpellingsEqualFreshOnes() {
        var draws = DecisionRowEncoderTests.Draws(state: 7)
        var shared = DecisionCellSpeller(run: run)
        for number in 0..<500 {
            let decision = DecisionRowEncoderTests.randomDecision(number, using: &draws)
            let spelled = DecisionCellSpeller.columns.map { shared.cell($0, of: decision) }
            #expect(spelled == cells(decision), "decision \(number)")
        }
    }

    /// The remembered numbers are spelled as `ReportFormat` spells them.
    @Test func numbersAreSpelledAsTheReportFormatSpellsThem() {
        var draws = DecisionRowEncoderTests.Draws(state: 13)
        var speller = DecisionCellSpeller(run: run)
        for number in 0..<500 {
            let decision = DecisionRowEncoderTests.randomDecision(number, using: &draws)
            #expect(speller.cell(.windowHours, of: decision) == (decision.window.map(ReportFormat.hours) ?? ""))
            #expect(speller.cell(.coverage, of: decision) == (decision.coverage.map(ReportFormat.fraction) ?? ""))
            #expect(speller.cell(.hourlyPrice, of: decision) == (decision.hourlyPrice.map(ReportFormat.decimal) ?? ""))
            #expect(
                speller.cell(.projectedSavings, of: decision)
                    == (decision.projectedSavings.map(ReportFormat.money) ?? "")
            )
        }
    }
}
