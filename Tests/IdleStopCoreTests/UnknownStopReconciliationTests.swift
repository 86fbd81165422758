import Foundation
import Testing

@testable import IdleStopCore

/// What a stop recorded `unknown` becomes once a later run sees the graph.
@Suite struct UnknownStopReconciliationTests {
    static let seen = Instant(unixSeconds: 1_795_780_800)  // 2026-11-27T12:00:00Z

    @Test(arguments: ["900", "901"])
    func stoppedOrStoppingMeansTheStopTookEffect(status: String) throws {
        let settled = try #require(UnknownStopReconciliation(status: GraphStatus(rawValue: status), seenAt: Self.seen))
        #expect(settled.result == .requested)
        #expect(settled.note.hasPrefix("reconciled by a later run: the answer never arrived;"))
        #expect(settled.note.contains("status \(status) at 2026-11-27T12:00:00Z, so the stop took effect"))
    }

    /// Running again may be a stop that took effect and a restart since: still a sent stop, never `failed`.
    @Test(arguments: ["200", "920"])
    func runningOrStartingStaysASentStopWithTheNote(status: String) throws {
        let settled = try #require(UnknownStopReconciliation(status: GraphStatus(rawValue: status), seenAt: Self.seen))
        #expect(settled.result == .requested)
        #expect(settled.note.contains("found with status \(status) at 2026-11-27T12:00:00Z"))
        #expect(settled.note.contains("may have been stopped and started again"))
    }

    @Test(arguments: ["300", "400", "800", "903", "100"])
    func aStatusThatCannotTellLeavesItUnknown(status: String) {
        #expect(UnknownStopReconciliation(status: GraphStatus(rawValue: status), seenAt: Self.seen) == nil)
    }

    /// Each unknown stop in order: settled by a telling status, kept unknown when gone or when the status cannot tell.
    @Test func findingsFollowTheStopsInOrder() {
        let stopped = Graph(id: "g-stopped", name: "stopped", status: .stopped, sizeIndex: "1")
        let upgrading = Graph(
            id: "g-upgrading",
            name: "upgrading",
            status: GraphStatus(rawValue: "300"),
            sizeIndex: "1"
        )
        let findings = UnknownStopReconciliation.findings(
            graphIDs: ["g-gone", "g-upgrading", "g-stopped"],
            graphs: [stopped, upgrading],
            seenAt: Self.seen
        )
        #expect(findings.count == 3)
        #expect(findings[0] == .graphNotListed)
        #expect(findings[1] == .statusCannotTell(GraphStatus(rawValue: "300")))
        guard case .settled(let settled, let graph) = findings[2] else {
            Issue.record("a stopped graph was not settled: \(findings[2])")
            return
        }
        #expect(graph == stopped)
        #expect(settled == UnknownStopReconciliation(status: .stopped, seenAt: Self.seen))
    }
}
