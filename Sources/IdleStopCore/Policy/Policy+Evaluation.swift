import Foundation

extension Policy {
    /// Evaluates every filter of `match` (all must hold) for one graph at `now`; pure.
    ///
    /// A policy matches only when every filter holds. When one fails, that failure is the reason; when none
    /// fails but data is missing (coverage, metric values, creation time), the missing data is the reason.
    public func evaluate(graph: Graph, usage: GraphUsage, now: Instant) -> PolicyEvaluation {
        let outcomes = match.map { $0.evaluate(graph: graph, usage: usage, now: now) }
        let combined = Filter.all(outcomes)
        guard combined.state == .holds else {
            return PolicyEvaluation(
                matched: false,
                idleChecks: combined.idleChecks,
                failure: combined.sentence,
                summary: combined.sentence
            )
        }
        var idleFirst: [String] = []
        var others: [String] = []
        for (filter, outcome) in zip(match, outcomes) {
            if case .idle = filter { idleFirst.append(outcome.sentence) } else { others.append(outcome.sentence) }
        }
        return PolicyEvaluation(
            matched: true,
            idleChecks: combined.idleChecks,
            failure: nil,
            summary: (idleFirst + others).joined(separator: "; ")
        )
    }
}
