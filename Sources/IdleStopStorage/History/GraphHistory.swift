import IdleStopCore

/// What earlier runs recorded about one graph, as much as the restart rule of docs/SPEC.md §4 needs.
///
/// Only rows of runs that are not replays and were evaluated at or before the current run's `now` count.
public struct GraphHistory: Sendable, Equatable {
    /// The latest `evaluated_at` of a row whose graph status was not `running`.
    public var lastSeenNotRunning: Instant?
    /// The latest `evaluated_at` of a stop this job sent (result requested, confirmed, already-stopped or unknown).
    public var lastStop: Instant?
    /// The result of that stop.
    public var lastStopResult: StopResult?
    /// The latest `evaluated_at` of a start `ges-idle-stop start` sent (result requested, confirmed or unknown).
    public var lastStart: Instant?
    /// The earliest `evaluated_at` after both of those of a row with status `running`, from a run that listed GES.
    public var firstSeenRunning: Instant?
    /// The end of the earliest stored Cloud Eye datapoint starting `RestartEvidence.datapointSettling` or more after
    /// both of those.
    public var firstDatapointEnd: Instant?

    public init(
        lastSeenNotRunning: Instant? = nil,
        lastStop: Instant? = nil,
        lastStopResult: StopResult? = nil,
        lastStart: Instant? = nil,
        firstSeenRunning: Instant? = nil,
        firstDatapointEnd: Instant? = nil
    ) {
        self.lastSeenNotRunning = lastSeenNotRunning
        self.lastStop = lastStop
        self.lastStopResult = lastStopResult
        self.lastStart = lastStart
        self.firstSeenRunning = firstSeenRunning
        self.firstDatapointEnd = firstDatapointEnd
    }

    /// The latest instant the graph is known not to have been running (a start was sent to a stopped graph).
    var lastKnownNotRunning: Instant? { restartEvidence.lastKnownNotRunning }

    /// The decision engine's view of this history.
    public var restartEvidence: RestartEvidence {
        RestartEvidence(
            lastSeenNotRunning: lastSeenNotRunning,
            lastStopByJob: lastStop,
            lastStartByCommand: lastStart,
            firstSeenRunning: firstSeenRunning,
            firstDatapointEnd: firstDatapointEnd
        )
    }
}
