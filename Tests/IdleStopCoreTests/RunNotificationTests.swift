import Foundation
import IdleStopCore
import Testing

@Suite struct RunNotificationTests {
    @Test func rowsAreTheGraphsToTellAndKeptOrSkippedGraphsAreOnlyCounted() {
        let notification = NotificationSample.notification()
        #expect(notification.rows.map(\.graphID) == ["a1", "a2", "b1", "n1"])
        #expect(notification.rows.map(\.section) == [.stopped, .stopped, .failed, .flagged])
        #expect(notification.summary.graphsSeen == 6)
        #expect(notification.summary.kept == 1)
        #expect(notification.rows[2].error == "GES.7003")
    }

    @Test func rowsAreGroupedByOwnerWithUnownedGraphsLast() {
        let groups = NotificationSample.notification().rowsByOwner
        #expect(groups.map(\.owner) == ["team-a", "team-b", nil])
        #expect(groups.map { $0.rows.map(\.graphID) } == [["a1", "a2"], ["b1"], ["n1"]])
    }

    @Test func withoutAnOwnerTagThereIsOneGroup() {
        let groups = NotificationSample.notification(ownerTag: nil).rowsByOwner
        #expect(groups.count == 1)
        #expect(groups[0].owner == nil)
        #expect(NotificationSample.notification(ownerTag: nil).rows.allSatisfy { $0.owner == nil })
    }

    @Test func anOwnersNotificationHoldsOnlyItsGraphsAndItsOwnCounts() {
        let notification = NotificationSample.notification(owner: "team-b")
        #expect(notification.rows.map(\.graphID) == ["b1"])
        #expect(notification.summary.graphsSeen == 2)
        #expect(notification.summary.failed == 1)
        #expect(notification.summary.projectedSavings.isEmpty)
    }

    @Test func aDryRunStopIsListedAsWouldStop() {
        let decision = NotificationSample.decision("d", owner: nil, kind: .stop, result: .dryRun)
        #expect(NotificationRow.Section(decision) == .wouldStop)
        #expect(
            NotificationRow.Section(NotificationSample.decision("h", owner: nil, kind: .stop, result: .held)) == .held
        )
    }
}
