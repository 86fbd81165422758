import Foundation

/// Money a graph's stops saved on one UTC day (the day of the stop), in one currency (docs/SPEC.md §5).
public struct RealizedSaving: Sendable, Equatable {
    public var graphID: String
    public var graphName: String
    /// `2026-11-27`: the UTC day the stops were made.
    public var day: String
    /// nil when the stops had no price (no pricing entry): hours are counted, money is not.
    public var currency: String?
    /// Stops the job made (result requested or confirmed).
    public var stops: Int
    /// Seconds the graph stayed stopped after those stops, summed.
    public var stoppedSeconds: Int64
    /// Hourly price × hours stopped, summed, rounded half up to cents.
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
