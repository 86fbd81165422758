/// What earlier runs saw of one graph, for the "restarted recently" rule of docs/SPEC.md §4.
///
/// After a graph was not running it needs a whole window of running evidence, counted from the latest instant it
/// may still have been stopped (`runningSince`), before it is stopped again. Instants are the runs' `evaluated_at`
/// (replays and rows evaluated after `now` are not evidence); a run that starts a few minutes earlier or later
/// than the night before never shortens that grace.
public struct RestartEvidence: Sendable, Equatable {
    /// The latest instant an earlier run saw the graph not running (any status but `200`).
    public var lastSeenNotRunning: Instant?
    /// The latest stop this job sent for the graph (result requested, confirmed, already-stopped or unknown).
    public var lastStopByJob: Instant?
    /// The latest start `ges-idle-stop start` sent for the graph (result requested, confirmed or unknown): a person
    /// asked for it back, and it was stopped until then.
    public var lastStartByCommand: Instant?
    /// The first run after `lastKnownNotRunning` that saw the graph running (listed from GES, not from a file).
    public var firstSeenRunning: Instant?
    /// The end of the earliest Cloud Eye datapoint that starts `datapointSettling` or more after
    /// `lastKnownNotRunning`: Cloud Eye has no datapoints while a graph is stopped, so it ran before that end.
    public var firstDatapointEnd: Instant?

    public init(
        lastSeenNotRunning: Instant? = nil,
        lastStopByJob: Instant? = nil,
        lastStartByCommand: Instant? = nil,
        firstSeenRunning: Instant? = nil,
        firstDatapointEnd: Instant? = nil
    ) {
        self.lastSeenNotRunning = lastSeenNotRunning
        self.lastStopByJob = lastStopByJob
        self.lastStartByCommand = lastStartByCommand
        self.firstSeenRunning = firstSeenRunning
        self.firstDatapointEnd = firstDatapointEnd
    }

    /// The latest instant the graph is known not to have been running: seen so by a run, stopped by the job, or
    /// started by `ges-idle-stop start` (it was stopped when the start was sent, and starting takes a while).
    ///
    /// The job's own stop counts: a graph stopped at 02:00 and found running at 12:00 was restarted in between,
    /// even if no run saw it stopped.
    public var lastKnownNotRunning: Instant? {
        [lastSeenNotRunning, lastStopByJob, lastStartByCommand].compactMap { $0 }.max()
    }

    /// The start by `ges-idle-stop start` when it is the latest news of the graph not running, else nil.
    var latestStartByCommand: Instant? {
        guard let started = lastStartByCommand, started == lastKnownNotRunning else { return nil }
        return started
    }

    /// `, 8h after the job stopped it at T` (whole minutes) for a start by the command after the job's stop, else
    /// empty.
    func sinceStopByJob(_ started: Instant) -> String {
        guard let stop = lastStopByJob, stop <= started else { return "" }
        let elapsed = TimeSpan(seconds: started.seconds(since: stop) / 60 * 60)
        return ", \(elapsed) after the job stopped it at \(stop)"
    }

    /// Datapoints starting sooner than this after a graph was last known not running are no proof that it ran
    /// again: a stop takes a while (status `901`), and a graph may report until it has stopped.
    public static let datapointSettling = TimeSpan.hours(1)

    /// The latest instant the graph may still have been stopped, or nil when no run saw it not running.
    ///
    /// The first run that saw it running again, else this run (`now`); with Cloud Eye, the end of the first
    /// datapoint after the stop when that is earlier.
    public func runningSince(now: Instant) -> Instant? {
        guard lastKnownNotRunning != nil else { return nil }
        return [firstSeenRunning, firstDatapointEnd, now].compactMap { $0 }.min()
    }

    /// Takes a Cloud Eye datapoint of this graph `[start, start + seconds)` into account (see `firstDatapointEnd`).
    public mutating func observeDatapoint(start: Int64, seconds: Int64, now: Instant) {
        let start = Instant(unixSeconds: start)
        guard let known = lastKnownNotRunning, seconds > 0, start >= known + Self.datapointSettling, start < now
        else { return }
        let end = start + TimeSpan(seconds: seconds)
        firstDatapointEnd = min(firstDatapointEnd ?? end, end)
    }

    /// Why a graph must be kept because it has not been running for a whole `window` yet, or nil.
    ///
    /// After any restart a graph needs a whole window of running evidence before it is stopped again,
    /// even when a usage export filled the stopped time with zeros.
    public func restartReason(window: TimeSpan, now: Instant) -> String? {
        guard let seen = lastKnownNotRunning, let since = runningSince(now: now) else { return nil }
        let stoppable = since + window
        guard now < stoppable else { return nil }
        let needs =
            "may have been stopped until \(since), so it needs a whole \(window) of running "
            + "evidence before it is stopped again (not before \(stoppable))"
        if let started = latestStartByCommand {
            return "restarted recently: started by a person with `ges-idle-stop start` at \(started)"
                + "\(sinceStopByJob(started)); \(needs)"
        }
        if let stop = lastStopByJob, stop <= seen {
            // It was still stopped at `seen` and ran again by `since`, so it restarted in (seen, since].
            let (earliest, latest) = (seen.seconds(since: stop), since.seconds(since: stop))
            if Self.isAutomaticRestart(earliest: earliest, latest: latest) {
                return "restarted recently: automatic restart after \(Self.restartDays) days (the job stopped it at "
                    + "\(stop)); \(needs)"
            }
            return "restarted recently: started \(Self.hours(earliest, latest)) after the job stopped it at "
                + "\(stop), not by GES's \(Self.restartDays)-day restart; \(needs)"
        }
        return "restarted recently: seen not running at \(seen); \(needs)"
    }

    /// For a graph about to be stopped again: who restarted it since the job last stopped it, or nil.
    public func restoppedNote(now: Instant) -> String? {
        if let started = latestStartByCommand, runningSince(now: now) != nil {
            return "stopped again: started by a person with `ges-idle-stop start` at \(started)"
                + "\(sinceStopByJob(started)), idle for a whole window since"
        }
        guard let stop = lastStopByJob, let seen = lastKnownNotRunning, let since = runningSince(now: now) else {
            return nil
        }
        let (earliest, latest) = (seen.seconds(since: stop), since.seconds(since: stop))
        if Self.isAutomaticRestart(earliest: earliest, latest: latest) {
            return "stopped again: GES restarted it automatically after \(Self.restartDays) days (the job stopped it "
                + "at \(stop))"
        }
        return "stopped again: started \(Self.hours(earliest, latest)) after the job stopped it at "
            + "\(stop), idle for a whole window since"
    }

    /// `7`: the days of `Graph.automaticRestartAfter`, as the reasons name them.
    static let restartDays = Graph.automaticRestartAfter.seconds / 86_400

    /// Restarted between `earliest` and `latest` seconds after the stop: GES's own restart when that can be 7 days.
    static func isAutomaticRestart(earliest: Int64, latest: Int64) -> Bool {
        let restart = Graph.automaticRestartAfter.seconds
        return latest >= restart && earliest >= restart - 86_400
    }

    /// `10-20h`: the whole hours around a span of seconds (both non-negative).
    static func hours(_ earliest: Int64, _ latest: Int64) -> String {
        "\(earliest / 3600)-\((latest + 3599) / 3600)h"
    }
}
