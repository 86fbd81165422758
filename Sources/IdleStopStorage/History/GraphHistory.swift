import Foundation
import IdleStopCore

/// What earlier runs recorded about one graph, as much as the restart rule of docs/SPEC.md §4 needs.
public struct GraphHistory: Sendable, Equatable {
    /// The latest `evaluated_at` of a row whose graph status was not `200` (not running).
    public var lastSeenNotRunning: Date?
    /// The latest `evaluated_at` of a stop this job sent (result requested, confirmed, already-stopped or unknown).
    public var lastStop: Date?
    /// The result of that stop.
    public var lastStopResult: StopResult?

    public init(lastSeenNotRunning: Date? = nil, lastStop: Date? = nil, lastStopResult: StopResult? = nil) {
        self.lastSeenNotRunning = lastSeenNotRunning
        self.lastStop = lastStop
        self.lastStopResult = lastStopResult
    }

    /// The decision engine's view of this history.
    public var restartEvidence: RestartEvidence {
        RestartEvidence(lastSeenNotRunning: lastSeenNotRunning, lastStopByJob: lastStop)
    }
}
