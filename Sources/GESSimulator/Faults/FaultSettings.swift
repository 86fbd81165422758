import Foundation

/// Faults injected into GES and IAM answers: latency, error rates by status, hangs, scripted stop answers and a
/// broken graph listing.
public struct FaultSettings: Sendable, Equatable {
    /// Fixed delay before every answer.
    public var latencyMilliseconds: Int
    /// Up to this much extra delay, drawn from the seeded generator.
    public var jitterMilliseconds: Int
    /// Share of requests answered with that status instead of being handled, e.g. `[503: 0.3]`.
    public var errorRates: [Int: Double]
    /// When set, a request (with probability `hangRate`) gets no answer for this many seconds, then a 504.
    public var hangSeconds: Double?
    /// Share of requests that hang while `hangSeconds` is set.
    public var hangRate: Double
    /// Canned answers for stop requests, per graph id, consumed in order.
    public var scripts: [String: [ScriptedAnswer]]
    /// How every list-graphs page is broken, if at all.
    public var listing: ListingFault?

    public init(
        latencyMilliseconds: Int = 0,
        jitterMilliseconds: Int = 0,
        errorRates: [Int: Double] = [:],
        hangSeconds: Double? = nil,
        hangRate: Double = 1,
        scripts: [String: [ScriptedAnswer]] = [:],
        listing: ListingFault? = nil
    ) {
        self.latencyMilliseconds = latencyMilliseconds
        self.jitterMilliseconds = jitterMilliseconds
        self.errorRates = errorRates
        self.hangSeconds = hangSeconds
        self.hangRate = hangRate
        self.scripts = scripts
        self.listing = listing
    }

    /// Parses `503=0.3` (a status code and a share between 0 and 1), the `--error-rate` flag format.
    public static func errorRate(parsing text: String) throws(SimulatorError) -> (status: Int, rate: Double) {
        let parts = text.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let status = Int(parts[0]), (400...599).contains(status),
            let rate = Double(parts[1]), rate >= 0, rate <= 1
        else {
            throw SimulatorError(
                "error rate \"\(text)\": expected STATUS=SHARE, e.g. 503=0.3 (status 400-599, share 0-1)"
            )
        }
        return (status, rate)
    }
}
