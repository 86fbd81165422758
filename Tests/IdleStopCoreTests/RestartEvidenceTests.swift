import Foundation
import PropertyBased
import Testing

@testable import IdleStopCore

/// Nightly runs of the job on one graph that the job stopped and someone (or GES) started again, as the history
/// would record them: what each run would conclude from the rows of the runs before it.
private struct Nights {
    static let day: Int64 = 86_400
    static let start = Instant(unixSeconds: 1_795_745_700)  // 2026-11-27T02:15:00Z

    /// When run `k` starts: nightly, give or take its cron jitter.
    var runs: [Instant]
    /// When the graph runs again after the job stopped it in run 0.
    var restart: Instant
    var window: TimeSpan
    var hasCloudEye: Bool

    init(jitters: [Int], restartAfter seconds: Int, window: TimeSpan, hasCloudEye: Bool) {
        runs = jitters.indices.map { Self.start.advanced(by: Int64($0) * Self.day + Int64(jitters[$0])) }
        restart = runs[0].advanced(by: Int64(seconds))
        self.window = window
        self.hasCloudEye = hasCloudEye
    }

    /// What run `k` knows: the job's stop in run 0, the statuses runs 1..<k saw, and (with Cloud Eye) the
    /// hourly datapoints before it; Cloud Eye reports an hour in which the graph ran at all.
    func evidence(atRun k: Int) -> RestartEvidence {
        var evidence = RestartEvidence(lastStopByJob: runs[0])
        for run in runs[1..<k] where run < restart { evidence.lastSeenNotRunning = run }
        evidence.firstSeenRunning = runs[1..<k].first { $0 >= restart }
        if hasCloudEye {
            let restartHour = restart.unixSeconds / 3600 * 3600
            var hour = restartHour
            while hour < runs[k].unixSeconds {
                evidence.observeDatapoint(start: hour, seconds: 3600, now: runs[k])
                hour += 3600
            }
        }
        return evidence
    }
}

/// The "restarted recently" rule of docs/SPEC.md §4: a whole window of running evidence after the graph last stopped.
struct RestartEvidenceTests {
    static let now = Instant(unixSeconds: 1_795_832_103)  // 2026-11-28T02:15:03Z
    static let day: Int64 = 86_400

    @Test func cronJitterNeverLetsTheJobStopAGraphBeforeAWholeWindowOfRunningAndNeverHoldsItLonger() async {
        let jitters = Gen.int(in: -1800...1800).array(of: 12)
        let restarts = Gen.int(in: 60...(10 * 86_400))
        let windows = Gen.element(of: [TimeSpan.hours(6), .hours(24), .hours(48)]).map { $0 ?? .hours(24) }
        await propertyCheck(count: 500, input: jitters, restarts, windows, Gen.bool) { jitters, restart, window, ce in
            let nights = Nights(jitters: jitters, restartAfter: restart, window: window, hasCloudEye: ce)
            for k in 1..<nights.runs.count where nights.runs[k] >= nights.restart {
                let now = nights.runs[k]
                let evidence = nights.evidence(atRun: k)
                let firstSeen = nights.runs.first { $0 >= nights.restart }!
                if evidence.restartReason(window: window, now: now) == nil {
                    // Stopped again: it ran a whole window, counted from the last moment it was stopped.
                    #expect(now.seconds(since: nights.restart) >= window.seconds)
                    #expect(now.seconds(since: evidence.lastKnownNotRunning!) >= window.seconds)
                    break
                }
                // Kept: at most until a whole window after the first run that saw it running.
                #expect(now.seconds(since: firstSeen) < window.seconds)
            }
        }
    }

    @Test func aRunAFewSecondsLaterThanTheStopKeepsAGraphSomeoneStartedAfterIt() throws {
        // Stopped by the job at 02:15:00; started at 03:00; the next night's run starts at 02:15:03.
        let stop = Self.now.advanced(by: -Self.day - 3)
        let evidence = RestartEvidence(lastStopByJob: stop)
        let reason = try #require(evidence.restartReason(window: .hours(24), now: Self.now))
        #expect(reason.hasPrefix("restarted recently: started 0-25h after the job stopped it at 2026-11-27T02:15:00Z"))
        #expect(reason.contains("may have been stopped until 2026-11-28T02:15:03Z"))
        #expect(reason.contains("not before 2026-11-29T02:15:03Z"))
        // The night after, the run that saw it running is the latest instant it may still have been stopped.
        var later = evidence
        later.firstSeenRunning = Self.now
        #expect(later.restartReason(window: .hours(24), now: Self.now.advanced(by: Self.day - 2)) != nil)
        #expect(later.restartReason(window: .hours(24), now: Self.now.advanced(by: Self.day)) == nil)
    }

    @Test func gesRestartAfterSevenDaysIsKeptForAWindowThenStoppedWithTheReason() throws {
        let stop = Self.now.advanced(by: -8 * Self.day)
        let evidence = RestartEvidence(
            lastSeenNotRunning: stop.advanced(by: 6 * Self.day),
            lastStopByJob: stop,
            firstSeenRunning: stop.advanced(by: 7 * Self.day)
        )
        let kept = try #require(evidence.restartReason(window: .hours(24), now: Self.now.advanced(by: -3)))
        #expect(kept.contains("automatic restart after 7 days"))
        #expect(evidence.restartReason(window: .hours(24), now: Self.now) == nil)
        let note = try #require(evidence.restoppedNote(now: Self.now))
        #expect(note.contains("GES restarted it automatically after 7 days"))
    }

    @Test func theFirstCloudEyeDatapointAfterTheStopProvesItRanBeforeItsEnd() {
        let stop = Self.now.advanced(by: -Self.day - 3)  // 2026-11-27T02:15:00Z
        var evidence = RestartEvidence(lastStopByJob: stop)
        let hour: Int64 = 1_795_752_000  // 2026-11-27T04:00:00Z
        evidence.observeDatapoint(start: hour + 3600, seconds: 3600, now: Self.now)
        evidence.observeDatapoint(start: hour, seconds: 3600, now: Self.now)
        evidence.observeDatapoint(start: hour - 3600, seconds: 3600, now: Self.now)  // 03:00: too soon after the stop
        let end = Instant(unixSeconds: hour + 3600)
        #expect(evidence.firstDatapointEnd == end)
        #expect(evidence.runningSince(now: Self.now) == end)
        #expect(evidence.restartReason(window: .hours(24), now: Self.now) != nil)
        #expect(evidence.restartReason(window: .hours(24), now: end.advanced(by: Self.day - 1)) != nil)
        #expect(evidence.restartReason(window: .hours(24), now: end.advanced(by: Self.day)) == nil)
    }

    @Test func datapointsTooSoonAfterTheStopOrNotBeforeNowProveNothing() {
        let stop = Self.now.advanced(by: -Self.day)
        var evidence = RestartEvidence(lastStopByJob: stop)
        let stopSeconds = stop.unixSeconds
        evidence.observeDatapoint(start: stopSeconds - 60, seconds: 60, now: Self.now)  // before the stop
        evidence.observeDatapoint(start: stopSeconds + 300, seconds: 60, now: Self.now)  // still stopping
        evidence.observeDatapoint(start: Self.now.unixSeconds, seconds: 60, now: Self.now)
        #expect(evidence.firstDatapointEnd == nil)
        var unknown = RestartEvidence()
        unknown.observeDatapoint(start: stopSeconds + 7200, seconds: 60, now: Self.now)
        #expect(unknown.firstDatapointEnd == nil)
        #expect(unknown.restartReason(window: .hours(24), now: Self.now) == nil)
    }

    @Test func aGraphLastSeenStoppedLongAgoAndSeenRunningSinceIsNotKept() {
        let evidence = RestartEvidence(
            lastSeenNotRunning: Self.now.advanced(by: -3 * Self.day),
            firstSeenRunning: Self.now.advanced(by: -2 * Self.day)
        )
        #expect(evidence.restartReason(window: .hours(24), now: Self.now) == nil)
        #expect(evidence.restoppedNote(now: Self.now) == nil)
        let reason = evidence.restartReason(window: .hours(72), now: Self.now)
        #expect(reason?.hasPrefix("restarted recently: seen not running at 2026-11-25T02:15:03Z") == true)
    }

    /// The history is read back far enough to see the stop before a seven-day restart in the longest window.
    @Test func theHistoryIsReadBackTheLongestWindowPlusSevenDaysAndOne() {
        let start = RestartEvidence.historyStart(windows: [.hours(24), .hours(72)], now: Self.now)
        #expect(Self.now.seconds(since: start) == 72 * 3600 + 8 * Self.day)
        let noWindows = RestartEvidence.historyStart(windows: [], now: Self.now)
        #expect(Self.now.seconds(since: noWindows) == 9 * Self.day)
    }

    @Test func datapointsAreObservedOnlyForGraphsWithEarlierEvidence() {
        let stop = Self.now.advanced(by: -Self.day)
        let later = stop.unixSeconds + 7200
        let datapoints = [
            UsageRecord(graphID: "stopped-by-job", periodStart: later, periodSeconds: 3600, requests: 4),
            UsageRecord(graphID: "never-stopped", periodStart: later, periodSeconds: 3600, requests: 4),
        ]
        let evidence = RestartEvidence.observing(
            datapoints,
            in: ["stopped-by-job": RestartEvidence(lastStopByJob: stop)],
            now: Self.now
        )
        #expect(Set(evidence.keys) == ["stopped-by-job"])
        #expect(evidence["stopped-by-job"]?.firstDatapointEnd == Instant(unixSeconds: later + 3600))
    }

    @Test func aStartByTheCommandKeepsTheGraphAWholeWindowFromTheFirstRunThatSawItRunning() throws {
        // Stopped by the job at 02:15:00; `ges-idle-stop start` at 10:15; the next night's run at 02:15:03.
        let stop = Self.now.advanced(by: -Self.day - 3)
        let started = stop.advanced(by: 8 * 3600)
        let evidence = RestartEvidence(lastStopByJob: stop, lastStartByCommand: started)
        #expect(evidence.lastKnownNotRunning == started)
        let reason = try #require(evidence.restartReason(window: .hours(24), now: Self.now))
        #expect(
            reason.hasPrefix(
                "restarted recently: started by a person with `ges-idle-stop start` at 2026-11-27T10:15:00Z, 8h after "
                    + "the job stopped it at 2026-11-27T02:15:00Z"
            )
        )
        #expect(reason.contains("not before 2026-11-29T02:15:03Z"))
        // The night after, the first run that saw it running is a whole window behind: it may be stopped again.
        var later = evidence
        later.firstSeenRunning = Self.now
        let nextNight = Self.now.advanced(by: Self.day)
        #expect(later.restartReason(window: .hours(24), now: nextNight.advanced(by: -1)) != nil)
        #expect(later.restartReason(window: .hours(24), now: nextNight) == nil)
        let note = try #require(later.restoppedNote(now: nextNight))
        #expect(note.hasPrefix("stopped again: started by a person with `ges-idle-stop start` at 2026-11-27T10:15:00Z"))
    }

    @Test func aStartOlderThanTheLatestNewsOfTheGraphStoppedNamesNoStartCommand() throws {
        // Started by the command, then seen stopped again by a later run: the start is no longer the latest news.
        let stop = Self.now.advanced(by: -3 * Self.day)
        let evidence = RestartEvidence(
            lastSeenNotRunning: Self.now.advanced(by: -Self.day),
            lastStopByJob: stop,
            lastStartByCommand: stop.advanced(by: 3600)
        )
        let reason = try #require(evidence.restartReason(window: .hours(24), now: Self.now))
        #expect(!reason.contains("ges-idle-stop start"))
        #expect(reason.hasPrefix("restarted recently: started"))
        // A start with no stop by the job before it (history trimmed) still keeps the graph, without the hours.
        let alone = RestartEvidence(lastStartByCommand: Self.now.advanced(by: -3600))
        let keep = try #require(alone.restartReason(window: .hours(24), now: Self.now))
        #expect(keep.hasPrefix("restarted recently: started by a person with `ges-idle-stop start` at "))
        #expect(!keep.contains("after the job stopped it"))
    }
}
