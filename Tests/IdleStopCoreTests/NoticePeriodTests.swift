import Testing

@testable import IdleStopCore

/// The notice period rule of docs/SPEC.md §4: when a noticed graph may be stopped, and what clears its notice.
@Suite struct NoticePeriodTests {
    static let noticed = Instant(unixSeconds: 1_795_744_800)  // 2026-11-27T02:00:00Z
    static let period = NoticePeriod(length: .hours(24), policy: "idle-dev")
    static let standing = StandingNotice(since: noticed, policy: "idle-dev")

    /// The rule for a graph the policy would stop at `now`, with this notice standing and these facts.
    func outcome(
        at now: Instant,
        standing: StandingNotice? = standing,
        lastActivity: Int64? = nil,
        restart: RestartEvidence = RestartEvidence(),
        postponedUntil: Instant? = nil,
        isDryRun: Bool = false
    ) -> NoticePeriod.Outcome {
        Self.period.evaluate(
            standing: standing,
            now: now,
            lastActivity: lastActivity,
            restart: restart,
            postponedUntil: postponedUntil,
            isDryRun: isDryRun
        )
    }

    /// `noticed` plus `hours` hours.
    func later(hours: Int64) -> Instant { Self.noticed.advanced(by: hours * 3600) }

    @Test func theFirstRunNoticesTheGraphAndSaysFromWhenItMayBeStopped() {
        let now = Self.noticed
        #expect(
            outcome(at: now, standing: nil)
                == .notice(
                    since: now,
                    reason: "noticed: may be stopped from 2026-11-28T01:00:00Z (notice of 1d under policy idle-dev "
                        + "given at 2026-11-27T02:00:00Z)"
                )
        )
    }

    @Test func aRepeatedNoticeKeepsTheFirstInstant() {
        guard case .notice(let since, let reason) = outcome(at: later(hours: 12)) else {
            Issue.record("a notice 12 h old has not passed")
            return
        }
        #expect(since == Self.noticed)
        #expect(reason.hasPrefix("noticed: may be stopped from 2026-11-28T01:00:00Z"))
    }

    static let nights: [(seconds: Int64, isNoticed: Bool)] = [
        (82_800, false), (82_799, true), (86_100, false), (172_800, false),
    ]

    /// The period ends an hour early: the next night's run may start minutes earlier than the night before.
    @Test(arguments: NoticePeriodTests.nights)
    func theNextNightStopsItEvenWhenCronStartsAFewMinutesEarly(seconds: Int64, isNoticed: Bool) {
        let result = outcome(at: Self.noticed.advanced(by: seconds))
        if isNoticed {
            #expect(
                result
                    == .notice(
                        since: Self.noticed,
                        reason: "noticed: may be stopped from 2026-11-28T01:00:00Z "
                            + "(notice of 1d under policy idle-dev given at 2026-11-27T02:00:00Z)"
                    )
            )
        } else {
            #expect(
                result
                    == .stop(
                        since: Self.noticed,
                        note: "the notice of 1d under policy idle-dev given at 2026-11-27T02:00:00Z has passed"
                    )
            )
        }
    }

    @Test func theSlackIsAnHourAtMostHalfTheNotice() {
        #expect(Self.period.slack == .hours(1))
        #expect(NoticePeriod(length: TimeSpan(seconds: 1800), policy: "p").slack == TimeSpan(seconds: 900))
        #expect(NoticePeriod(length: .days(7), policy: "p").end(since: Self.noticed) == later(hours: 7 * 24 - 1))
    }

    /// One fact that clears a notice, and the note the fresh notice's reason carries about it.
    struct Clearing: Sendable {
        var standing = NoticePeriodTests.standing
        var lastActivity: Int64?
        var notRunning: Instant?
        var postponedUntil: Instant?
        var note: String
    }

    static let clearings = [
        Clearing(
            standing: StandingNotice(since: noticed, policy: "idle-a-week"),
            note: "the notice given at 2026-11-27T02:00:00Z was under policy idle-a-week"
        ),
        Clearing(
            lastActivity: noticed.unixSeconds + 3600,
            note: "activity until 2026-11-27T03:00:00Z came after the notice given at 2026-11-27T02:00:00Z"
        ),
        Clearing(
            notRunning: noticed.advanced(by: 7200),
            note: "it was not running at 2026-11-27T04:00:00Z, after the notice given at 2026-11-27T02:00:00Z"
        ),
        Clearing(
            postponedUntil: noticed.advanced(by: 36_000),
            note: "it was postponed until 2026-11-27T12:00:00Z, after the notice given at 2026-11-27T02:00:00Z"
        ),
    ]

    /// Each fact that clears a notice; the fresh notice runs from now and says why the old one went.
    @Test(arguments: NoticePeriodTests.clearings)
    func anythingElseClearsTheNoticeAndGivesAFreshOne(clearing: Clearing) {
        let now = later(hours: 24)
        let result = outcome(
            at: now,
            standing: clearing.standing,
            lastActivity: clearing.lastActivity,
            restart: RestartEvidence(lastSeenNotRunning: clearing.notRunning),
            postponedUntil: clearing.postponedUntil
        )
        #expect(
            result
                == .notice(
                    since: now,
                    reason: "noticed: may be stopped from 2026-11-29T01:00:00Z (notice of 1d under policy idle-dev "
                        + "given at 2026-11-28T02:00:00Z); a new notice: \(clearing.note)"
                )
        )
    }

    /// Facts from before the notice do not clear it: it was given knowing them.
    @Test func activityRestartsAndPostponementsBeforeTheNoticeLeaveItStanding() {
        let result = outcome(
            at: later(hours: 24),
            lastActivity: Self.noticed.unixSeconds,
            restart: RestartEvidence(lastStopByJob: later(hours: -200), firstSeenRunning: later(hours: -30)),
            postponedUntil: later(hours: -1)
        )
        guard case .stop = result else {
            Issue.record("only what happened after the notice clears it, got \(result)")
            return
        }
    }

    @Test func aDryRunSaysWhatALiveRunWouldNoticeAndStartsNoPeriod() {
        let now = Self.noticed
        #expect(
            outcome(at: now, standing: nil, isDryRun: true)
                == .notice(
                    since: now,
                    reason: "would be noticed: may be stopped from 2026-11-28T01:00:00Z if a live run notices it "
                        + "now (notice of 1d under policy idle-dev; a dry-run gives no notice)"
                )
        )
    }

    /// A dry-run sees the live notices: it says "would stop" once one has passed, as the next live run would.
    @Test func aDryRunStopsWhereALiveNoticeHasPassed() {
        guard case .stop(let since, _) = outcome(at: later(hours: 24), isDryRun: true) else {
            Issue.record("a passed live notice lets a dry-run say it would stop")
            return
        }
        #expect(since == Self.noticed)
    }
}
