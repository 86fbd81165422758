/// Counts of one `start` run, for its summary line, the `runs` table and its exit status.
public struct StartSummary: Sendable, Equatable {
    public var graphs = 0
    /// Starts sent and accepted (`requested` or `confirmed`), or that would be in a dry run.
    public var started = 0
    public var alreadyRunning = 0
    public var refused = 0
    public var failed = 0
    public var unknown = 0

    public init() {}

    /// Tallies a run's final decisions.
    public init(decisions: [StartDecision]) {
        graphs = decisions.count
        for decision in decisions {
            switch decision.result {
            case .requested, .confirmed, .dryRun, nil: started += 1
            case .alreadyRunning: alreadyRunning += 1
            case .refused: refused += 1
            case .failed: failed += 1
            case .unknown: unknown += 1
            }
        }
    }
}

extension StartSummary {
    /// The run's verdict: a 401 wins, then failed or unknown starts (the operator must check those graphs now).
    public func verdict(authenticationFailed: Bool) -> RunVerdict {
        if authenticationFailed { return .authenticationFailed }
        return failed + unknown > 0 ? .someStopsFailed : .done
    }
}
