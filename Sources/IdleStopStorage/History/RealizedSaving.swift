import Foundation

/// Money a graph saved on one calendar day (UTC or `report --tz`) by being stopped that day, in one currency.
///
/// A stop that lasts several days books each day its own hours (docs/SPEC.md §5).
public struct RealizedSaving: Sendable, Equatable {
    public var graphID: String
    public var graphName: String
    /// `2026-11-27`: a day (UTC or the report's zone) the graph was stopped on.
    public var day: String
    /// nil when the stops had no price (no pricing entry): hours are counted, money is not.
    public var currency: String?
    /// Stops the job made (result requested or confirmed) on this day; 0 on the later days of a stop.
    public var stops: Int
    /// Seconds of this day the graph was stopped by the job.
    public var stoppedSeconds: Int64
    /// Hourly price × hours stopped this day, exact, rounded half up to cents once.
    public var amount: Decimal

    public init(
        graphID: String,
        graphName: String,
        day: String,
        currency: String?,
        stops: Int,
        stoppedSeconds: Int64,
        amount: Decimal
    ) {
        self.graphID = graphID
        self.graphName = graphName
        self.day = day
        self.currency = currency
        self.stops = stops
        self.stoppedSeconds = stoppedSeconds
        self.amount = amount
    }

    /// Hours stopped, exact to four decimals (`24`, `0.5`).
    public var hoursStopped: Decimal { ReportFormat.hours(seconds: stoppedSeconds) }
}
