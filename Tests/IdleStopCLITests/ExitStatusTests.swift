import Testing

@testable import IdleStopCLI

/// A finished run with several conditions exits with the most urgent: 3 > 2 > 6 > 4 > 0.
@Suite struct ExitStatusTests {
    typealias Status = IdleStopCLI.ExitStatus

    @Test(
        arguments: [
            (Set<Status>(), Status.done),
            ([.tripWireHeld], .tripWireHeld),
            ([.usageFeedTooThin, .tripWireHeld], .usageFeedTooThin),
            ([.someStopsFailed, .usageFeedTooThin], .someStopsFailed),
            ([.authenticationFailed, .someStopsFailed, .usageFeedTooThin], .authenticationFailed),
        ] as [(Set<Status>, Status)]
    )
    func theMostUrgentConditionWins(conditions: Set<Status>, expected: Status) {
        #expect(Status.mostUrgent(of: conditions) == expected)
    }

    @Test func theUsageFeedAlarmIsSix() {
        #expect(Status.usageFeedTooThin.rawValue == 6)
    }
}
