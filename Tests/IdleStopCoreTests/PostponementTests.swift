import IdleStopCore
import Testing

@Suite struct PostponementTests {
    static let now = Instant(unixSeconds: 1_795_744_800)  // 2026-11-27T02:00:00Z

    static func graph(tag value: String?) -> Graph {
        Graph(
            id: "g1",
            name: "scratch",
            status: .running,
            sizeIndex: "1",
            tags: value.map { [Postponement.tagKey: $0] } ?? ["env": "dev"]
        )
    }

    @Test func noTagLeavesTheDecisionToThePolicies() {
        #expect(Postponement.of(Self.graph(tag: nil), now: Self.now) == .none)
    }

    @Test func aDateKeepsTheGraphThroughTheWholeOfThatDay() {
        let today = Postponement.of(Self.graph(tag: "2026-11-27"), now: Self.now)
        #expect(
            today == .keeps(reason: "postponed by tag ges-idle-stop-postpone=\"2026-11-27\" until 2026-11-28T00:00:00Z")
        )
        let later = Postponement.of(Self.graph(tag: "2026-12-24"), now: Self.now)
        guard case .keeps(let reason) = later else {
            Issue.record("a future date must keep the graph, got \(later)")
            return
        }
        #expect(reason.contains("until 2026-12-25T00:00:00Z"))
    }

    @Test func anInstantWithAnOffsetKeepsUntilThatInstant() {
        let kept = Postponement.of(Self.graph(tag: "2026-11-27T11:00:00+08:00"), now: Self.now)
        #expect(
            kept
                == .keeps(
                    reason:
                        "postponed by tag ges-idle-stop-postpone=\"2026-11-27T11:00:00+08:00\" until 2026-11-27T03:00:00Z"
                )
        )
        let oneSecondLater = Postponement.of(Self.graph(tag: "2026-11-27T02:00:01Z"), now: Self.now)
        #expect(
            oneSecondLater
                == .keeps(
                    reason:
                        "postponed by tag ges-idle-stop-postpone=\"2026-11-27T02:00:01Z\" until 2026-11-27T02:00:01Z"
                )
        )
    }

    @Test(arguments: ["2026-11-26", "2026-11-27T02:00:00Z", "2026-11-27T09:59:59+08:00"])
    func aTimeInThePastIsIgnoredWithANote(value: String) {
        let outcome = Postponement.of(Self.graph(tag: value), now: Self.now)
        guard case .expired(_, let note) = outcome else {
            Issue.record("\(value) has passed and must be ignored, got \(outcome)")
            return
        }
        #expect(note.contains("ges-idle-stop-postpone") && note.contains("ignored"))
    }

    @Test(arguments: ["next week", "2026-02-30", "2026-12-24T18:00:00", "20261224", "", "1795744800", "2026-1-5"])
    func anUnreadableValueKeepsTheGraphAndSaysWhy(value: String) {
        let outcome = Postponement.of(Self.graph(tag: value), now: Self.now)
        guard case .keeps(let reason) = outcome else {
            Issue.record("\(value.debugDescription) cannot be read and must keep the graph, got \(outcome)")
            return
        }
        #expect(reason.contains("neither a date"))
    }
}
