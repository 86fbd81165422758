import Foundation
import IdleStopCore
import Testing

@Suite struct NotificationTextTests {
    @Test func subjectNamesTheRunTheCountsAndTheExitStatus() {
        let subject = NotificationText.subject(NotificationSample.notification())
        #expect(
            subject
                == "ges-idle-stop run live 00000000abcd: 2 stopped, 1 failed, 0 held, 1 flagged, saves 0.3 CNY (exit 2)"
        )
        #expect(NotificationText.subject(NotificationSample.notification(owner: "team-a")).contains("[team-a]"))
    }

    @Test func moneyIsSummedAsDecimalsWithoutBinaryRounding() {
        // 0.1 + 0.2 as Double is 0.30000000000000004.
        let message = NotificationText.message(NotificationSample.notification())
        #expect(message.contains("Projected savings: 0.3 CNY"))
        #expect(message.contains("saves 0.1 CNY"))
    }

    @Test func messageGroupsGraphsByOwnerAndSection() throws {
        let message = NotificationText.message(NotificationSample.notification())
        let lines = message.split(separator: "\n").map(String.init)
        let teamA = try #require(lines.firstIndex(of: "Owner team-a:"))
        let teamB = try #require(lines.firstIndex(of: "Owner team-b:"))
        let unowned = try #require(lines.firstIndex(of: "No owner tag:"))
        #expect(teamA < teamB && teamB < unowned)
        #expect(lines[teamA + 1] == "  stopped:")
        #expect(lines[teamB + 1] == "  failed:")
        #expect(lines[teamB + 2].contains("graph-b1 (b1)") && lines[teamB + 2].contains("error GES.7003"))
        #expect(message.contains("Exit status: 2 (someStopsFailed)"))
        #expect(message.contains("Report: /var/reports/r.csv"))
    }

    /// Graphs under a notice period are told about in their own section, before anything happens to them.
    @Test func noticedGraphsHaveTheirOwnSectionAndCount() throws {
        let decisions = [
            NotificationSample.decision("a1", owner: "team-a", kind: .stop, result: .held),
            NotificationSample.decision("a2", owner: "team-a", kind: .stop, result: .noticed, savings: "0.2"),
            NotificationSample.decision("a3", owner: "team-a", kind: .flag),
        ]
        let notification = RunNotification(
            run: NotificationSample.run,
            decisions: decisions,
            exitStatus: 4,
            exitStatusName: "tripWireHeld",
            reportPath: nil
        )
        #expect(notification.rows.map(\.section) == [.held, .noticed, .flagged])
        let lines = NotificationText.message(notification).split(separator: "\n").map(String.init)
        let noticed = try #require(lines.firstIndex(of: "  noticed:"))
        #expect(lines[noticed - 2] == "  held:" && lines[noticed + 2] == "  flagged:")
        #expect(lines[noticed + 1].hasPrefix("    - graph-a2 (a2): "))
        #expect(lines.contains { $0.contains("1 held, 1 noticed, 0 kept") })
        #expect(NotificationText.subject(notification).contains("1 held, 1 noticed, 1 flagged"))
    }

    @Test func aSubjectIsCutOnACharacterBoundary() {
        let text = String(repeating: "é", count: 300)  // 600 bytes
        let cut = NotificationText.cut(text, toBytes: 511)
        #expect(cut.utf8.count == 510)
        #expect(cut == String(repeating: "é", count: 255))
    }

    @Test func aLongSubjectStaysWithinSMNsLimit() {
        var notification = NotificationSample.notification()
        notification.owner = String(repeating: "团", count: 400)
        let subject = NotificationText.subject(notification)
        #expect(subject.utf8.count <= NotificationText.subjectLimit)
        #expect(subject.utf8.count > NotificationText.subjectLimit - 3)
    }

    @Test func aMessageTooLongListsWhatFitsAndCountsTheRest() {
        let decisions = (0..<5000).map {
            NotificationSample.decision(String(format: "g%05d", $0), owner: nil, kind: .stop, result: .confirmed)
        }
        let notification = RunNotification(
            run: NotificationSample.run,
            decisions: decisions,
            exitStatus: 0,
            exitStatusName: "done",
            reportPath: "/r.csv"
        )
        let message = NotificationText.message(notification, limit: 4096)
        #expect(message.utf8.count <= 4096)
        let shown = message.split(separator: "\n").filter { $0.hasPrefix("    - ") }.count
        #expect(shown > 10)
        #expect(message.hasSuffix("… \(5000 - shown) more graphs (see the report)"))
        let full = NotificationText.message(notification)
        #expect(full.utf8.count <= NotificationText.messageLimit)
    }

    @Test func aMessageThatFitsIsNotCut() {
        let message = NotificationText.message(NotificationSample.notification(), limit: 100_000)
        #expect(!message.contains("more graph"))
        #expect(message.split(separator: "\n").filter { $0.hasPrefix("    - ") }.count == 4)
    }
}
