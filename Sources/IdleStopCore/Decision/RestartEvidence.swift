import Foundation

/// What earlier runs saw of one graph, for the "restarted recently" rule of docs/SPEC.md §4.
public struct RestartEvidence: Sendable, Equatable {
    /// The latest instant an earlier run saw the graph not running (any status but `200`).
    public var lastSeenNotRunning: Date?
    /// The latest stop this job sent for the graph (result requested, confirmed, already-stopped or unknown).
    public var lastStopByJob: Date?

    public init(lastSeenNotRunning: Date? = nil, lastStopByJob: Date? = nil) {
        self.lastSeenNotRunning = lastSeenNotRunning
        self.lastStopByJob = lastStopByJob
    }

    /// The latest instant the graph is known not to have been running: seen so by a run, or stopped by the job.
    ///
    /// The job's own stop counts: a graph stopped at 02:00 and found running at 12:00 was restarted in between,
    /// even if no run saw it stopped.
    public var lastKnownNotRunning: Date? { [lastSeenNotRunning, lastStopByJob].compactMap { $0 }.max() }

    /// GES restarts a stopped graph by itself after this long.
    public static let automaticRestartAfter: TimeInterval = 7 * 86_400

    /// Why a graph must be kept because it was not running inside `[now − window, now)`, or nil.
    ///
    /// After any restart a graph needs a whole window of running evidence before it is stopped again,
    /// even when a usage export filled the stopped time with zeros.
    public func restartReason(window: TimeSpan, now: Date) -> String? {
        guard let seen = lastKnownNotRunning else { return nil }
        let windowStart = now.addingTimeInterval(-TimeInterval(window.seconds))
        guard seen >= windowStart, seen < now else { return nil }
        let needs = "needs a whole \(window) of running evidence before it is stopped again"
        if let stop = lastStopByJob, stop <= seen {
            // It was still stopped at `seen` and is running now, so it restarted in (seen, now].
            let earliest = seen.timeIntervalSince(stop)
            let latest = now.timeIntervalSince(stop)
            if latest >= Self.automaticRestartAfter, earliest >= Self.automaticRestartAfter - 86_400 {
                return "restarted recently: automatic restart after 7 days (the job stopped it at \(Self.format(date: stop))); \(needs)"
            }
            let from = Int(earliest / 3600)
            let to = Int((latest / 3600).rounded(.up))
            return "restarted recently: started \(from)-\(to)h after the job stopped it at \(Self.format(date: stop)), not by GES's 7-day restart; \(needs)"
        }
        return "restarted recently: seen not running at \(Self.format(date: seen)); \(needs)"
    }

    /// For a graph about to be stopped again: who restarted it since the job last stopped it, or nil.
    public func restoppedNote(now: Date) -> String? {
        guard let stop = lastStopByJob, let seen = lastKnownNotRunning else { return nil }
        let earliest = seen.timeIntervalSince(stop)
        let latest = now.timeIntervalSince(stop)
        if latest >= Self.automaticRestartAfter, earliest >= Self.automaticRestartAfter - 86_400 {
            return "stopped again: GES restarted it automatically after 7 days (the job stopped it at \(Self.format(date: stop)))"
        }
        return "stopped again: started \(Int(earliest / 3600))-\(Int((latest / 3600).rounded(.up)))h after the job stopped it at \(Self.format(date: stop)), idle for a whole window since"
    }

    static func format(date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
