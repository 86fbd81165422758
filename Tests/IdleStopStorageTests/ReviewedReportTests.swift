import Foundation
import IdleStopCore
import Testing

@testable import IdleStopStorage

/// What `apply` may stop: stop rows of the dry run, whether the trip-wire held them or not.
struct ReviewedReportTests {
    /// A noticed row is not approved: its notice period had not passed when the plan was made.
    @Test func stopRowsThatRanDryOrWereHeldAreApproved() throws {
        let rows = [
            CSVReportReaderTests.row("g-dry", result: "dry-run"), CSVReportReaderTests.row("g-held", result: "held"),
            CSVReportReaderTests.row("g-keep", decision: "keep", result: ""),
            CSVReportReaderTests.row("g-flag", decision: "flag", result: ""),
            CSVReportReaderTests.row("g-failed", result: "failed"),
            CSVReportReaderTests.row("g-noticed", result: "noticed"),
        ]
        let text = ([CSVReportReaderTests.header] + rows).joined(separator: "\n") + "\n"
        let report = try CSVReportReader.read(Array(text.utf8), path: "plan.csv")
        #expect(report.approvedStops == ["g-dry", "g-held"])
        #expect(report.rows.filter(\.isApprovedStop).map(\.graphID) == ["g-dry", "g-held"])
    }
}
