import Foundation

/// Counts and money of one run, for the summary line, the `runs` table and the exit status.
public struct RunSummary: Sendable, Equatable, Codable {
    public var graphsSeen = 0
    /// Stops sent and accepted (`requested` or `confirmed`), or that would be in a dry-run.
    public var stopped = 0
    public var alreadyStopped = 0
    public var failed = 0
    public var held = 0
    public var unknown = 0
    /// Stops whose notice period has not passed (result `noticed`): no request, not counted as stopped.
    public var noticed = 0
    public var kept = 0
    public var skipped = 0
    public var flagged = 0
    /// Sum of projected savings per currency (a fleet priced in two currencies is not summed across them).
    public var projectedSavings: [String: Decimal] = [:]
    /// Stops counted in `stopped` whose graph had no price: their savings are missing from `projectedSavings`.
    public var unpriced = 0

    public init() {}

    /// Tallies a run's final decisions.
    public init(decisions: [Decision]) {
        graphsSeen = decisions.count
        for decision in decisions {
            switch decision.kind {
            case .keep: kept += 1
            case .skip: skipped += 1
            case .flag: flagged += 1
            case .stop:
                switch decision.result {
                case .requested, .confirmed, .dryRun, nil:
                    stopped += 1
                    if let savings = decision.projectedSavings, let currency = decision.currency {
                        projectedSavings[currency, default: 0] += savings
                    } else {
                        unpriced += 1
                    }
                case .alreadyStopped: alreadyStopped += 1
                case .failed: failed += 1
                case .held: held += 1
                case .unknown: unknown += 1
                case .noticed: noticed += 1
                }
            }
        }
    }
}
