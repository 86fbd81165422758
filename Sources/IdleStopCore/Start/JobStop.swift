/// What the history says about one stop the job made, for `ges-idle-stop start` to judge whether to undo it.
///
/// Only stops of live runs that are not replays count, with result `requested`, `confirmed` or `unknown` (a stop
/// sent whose answer never came: GES may have carried it out).
public struct JobStop: Sendable, Equatable {
    public var graphID: String
    public var graphName: String
    /// The run that stopped it, and that run's `evaluated_at`.
    public var runID: String
    public var stoppedAt: Instant
    public var result: StopResult
    /// The hourly price and currency the stop was recorded with, for the report.
    public var hourlyPrice: String?
    public var currency: String?
    /// The first instant after the stop at which the graph is known to have run again: a later run saw it running
    /// (listed from GES), or a `start` confirmed it or found it running. Nil while the history shows none.
    public var ranAgainAt: Instant?

    public init(
        graphID: String,
        graphName: String,
        runID: String,
        stoppedAt: Instant,
        result: StopResult,
        hourlyPrice: String? = nil,
        currency: String? = nil,
        ranAgainAt: Instant? = nil
    ) {
        self.graphID = graphID
        self.graphName = graphName
        self.runID = runID
        self.stoppedAt = stoppedAt
        self.result = result
        self.hourlyPrice = hourlyPrice
        self.currency = currency
        self.ranAgainAt = ranAgainAt
    }
}
