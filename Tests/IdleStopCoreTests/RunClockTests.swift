import Foundation
import Testing

@testable import IdleStopCore

/// A run's reference clock: replays, the live-run refusal, and the clock-skew warning.
struct RunClockTests {
    static let gesNow = Date(timeIntervalSince1970: 1_795_745_700)  // 2026-11-27T02:15:00Z

    static func clock(
        now offset: TimeInterval,
        host hostOffset: TimeInterval = 0,
        source: RunClock.Source = .endpoint,
        isNowGiven: Bool = true
    ) -> RunClock {
        let host = gesNow.addingTimeInterval(hostOffset)
        return RunClock(
            reference: source == .endpoint ? gesNow : host,
            source: source,
            host: host,
            evaluatedAt: Instant(gesNow.addingTimeInterval(offset)),
            isNowGiven: isNowGiven
        )
    }

    @Test(arguments: [0, 1, -1, 299, -299, 300, -300])
    func withinFiveMinutesOfTheReferenceIsThePresent(_ offset: Double) {
        let clock = Self.clock(now: offset)
        #expect(!clock.isReplay)
        #expect(clock.liveRefusal == nil)
    }

    @Test(arguments: [301, -301, 86_400, -40 * 86_400])
    func furtherIsAReplayThatALiveRunRefuses(_ offset: Double) throws {
        let clock = Self.clock(now: offset)
        #expect(clock.isReplay)
        let refusal = try #require(clock.liveRefusal)
        #expect(refusal.contains("2026-11-27T02:15:00Z"))
        #expect(refusal.contains(clock.evaluatedAt.description))
        #expect(refusal.contains(offset < 0 ? " before the GES endpoint's clock" : " after the GES endpoint's clock"))
    }

    @Test func theRefusalNamesBothInstantsAndTheDistance() {
        let refusal = Self.clock(now: -(3 * 86_400 + 7 * 3600 + 17 * 60 + 1)).liveRefusal
        #expect(
            refusal
                == "--now 2026-11-23T18:57:59Z is 3d 7h 17m 1s before the GES endpoint's clock (Date header of its "
                + "first answer) 2026-11-27T02:15:00Z; a live run acts on the present (at most 5m away): drop --now, "
                + "or evaluate another instant with --dry-run"
        )
    }

    @Test func aHostMovedFromTheEndpointIsNoReplayAndOnlyWarns() throws {
        // Tests and rehearsals: ges-sim's clock and --now agree, the host is days away.
        let rehearsal = Self.clock(now: 2, host: 3 * 86_400)
        #expect(!rehearsal.isReplay)
        #expect(rehearsal.skewWarning?.contains("3d behind the host clock") == true)
        // Without --now the run evaluates at the host clock: a skewed host is warned about, never refused.
        let cron = Self.clock(now: 400, host: 400, isNowGiven: false)
        #expect(!cron.isReplay)
        #expect(cron.liveRefusal == nil)
        let warning = try #require(cron.skewWarning)
        #expect(warning.contains("is 6m 40s behind the host clock 2026-11-27T02:21:40Z"))
        #expect(warning.contains("GES refuses AK/SK signatures past 15m, and"))
        #expect(Self.clock(now: 0, host: -1000).skewWarning?.contains("ahead of the host clock") == true)
        #expect(Self.clock(now: 0, host: -1000).skewWarning?.contains("past 15m (already past it)") == true)
        #expect(Self.clock(now: 0, host: 300).skewWarning == nil)
    }

    @Test func withoutAnEndpointClockTheHostIsTheReference() {
        let file = Self.clock(now: 3 * 86_400, host: 0, source: .inventoryFile)
        #expect(file.isReplay)
        #expect(file.liveRefusal?.contains("the host clock (the inventory came from a file)") == true)
        #expect(file.skewWarning == nil)
        #expect(Self.clock(now: 60, source: .host).liveRefusal == nil)
        #expect(Self.clock(now: -600, source: .host).liveRefusal?.contains("GES sent no Date header") == true)
    }

    @Test(
        arguments: [(0, "0s"), (59.9, "59s"), (60, "1m"), (3661, "1h 1m 1s"), (90_000, "1d 1h")] as [(Double, String)]
    )
    func distancesAreSpelledInWholeUnits(_ seconds: Double, _ text: String) {
        #expect(RunClock.describe(seconds) == text)
    }
}
