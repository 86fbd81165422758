import Foundation

/// How many of the graphs the policies judge on usage had usable usage: a dead feed must be loud.
///
/// A dead usage feed keeps every graph ("insufficient usage data"), which is safe for each graph and
/// expensive for the fleet; this is the measure behind `limits.min_data_share` and exit 6.
///
/// A graph **counts** when it is running (status `200`), no hard rule skips it (database edition, protected),
/// no tolerated bad usage row names it, and it reaches an idle filter of some policy. Policies are tried in
/// order, as `DecisionEngine` tries them, up to the one that decides (a match, or a coverage miss that keeps
/// the graph); a policy is **reached** when it has an idle filter and none of its top-level filters without an
/// idle filter inside fails (a tag, name, size, age or schedule that rules the graph out makes usage moot).
/// A counted graph **has usable usage** when some idle filter of a reached policy has the coverage it asks
/// for (`min_coverage` of its window), whatever its requests.
public struct UsageFeedCoverage: Sendable, Equatable {
    /// The graphs that count, in inventory order.
    public var evaluatedGraphIDs: [String]
    /// The counted graphs without usable usage, in inventory order.
    public var graphIDsWithoutUsage: [String]
    /// End (Unix seconds) of the newest usage record of any graph in the inventory, nil when there is none.
    public var newestRecordEnd: Int64?

    public init(evaluatedGraphIDs: [String], graphIDsWithoutUsage: [String], newestRecordEnd: Int64? = nil) {
        self.evaluatedGraphIDs = evaluatedGraphIDs
        self.graphIDsWithoutUsage = graphIDsWithoutUsage
        self.newestRecordEnd = newestRecordEnd
    }

    /// Counted graphs with usable usage.
    public var usableCount: Int { evaluatedGraphIDs.count - graphIDsWithoutUsage.count }

    /// Whether fewer than `minimumShare` of the counted graphs had usable usage; never when none counts.
    public func isTooThin(minimumShare: Decimal) -> Bool {
        guard !evaluatedGraphIDs.isEmpty else { return false }
        return Decimal(usableCount) < minimumShare * Decimal(evaluatedGraphIDs.count)
    }

    /// The error line for a feed that is too thin: how many graphs had no usable usage, and how fresh the feed is.
    ///
    /// `rowsForOtherGraphs` (rows naming graphs outside the inventory) tells a feed for the wrong fleet from
    /// an empty one.
    public func tooThinMessage(minimumShare: Decimal, rowsForOtherGraphs: Int = 0) -> String {
        let newest: String
        if let end = newestRecordEnd {
            newest = "the newest usage record ends at \(Instant(unixSeconds: end))"
        } else if rowsForOtherGraphs > 0 {
            newest =
                "no usage records for the inventory's graphs at all (\(rowsForOtherGraphs) row(s) name other graphs)"
        } else {
            newest = "no usage records at all"
        }
        return "usage data too thin: \(graphIDsWithoutUsage.count) of \(evaluatedGraphIDs.count) running graph(s) "
            + "the policies evaluate had no usable usage (usable: \(usableCount), min_data_share "
            + "\(minimumShare) needs at least \(NumberText.percent(minimumShare))%); \(newest). The run decided and "
            + "stopped what it could; check the usage feed"
    }

    /// Measures the coverage of `usage` for `graphs` under `policies` at `now`; pure.
    public static func measure(
        graphs: [Graph],
        usage: [String: GraphUsage],
        tainted: Set<String> = [],
        policies: PolicySet,
        now: Instant
    ) -> UsageFeedCoverage {
        var result = UsageFeedCoverage(evaluatedGraphIDs: [], graphIDsWithoutUsage: [])
        for graph in graphs {
            let graphUsage = usage[graph.id] ?? GraphUsage(graphID: graph.id)
            if let end = graphUsage.lastRecordEnd, end > result.newestRecordEnd ?? .min { result.newestRecordEnd = end }
            guard graph.isRunning, !graph.isDatabaseEdition, policies.protectionReason(for: graph) == nil,
                !tainted.contains(graph.id)
            else { continue }
            var isReached = false
            var isUsable = false
            for policy in policies.policies {
                let evaluation = policy.evaluate(graph: graph, usage: graphUsage, now: now)
                if !evaluation.idleChecks.isEmpty, !policy.isRuledOutWithoutUsage(graph: graph, now: now) {
                    isReached = true
                    if evaluation.idleChecks.contains(where: \.hasCoverage) { isUsable = true }
                }
                if evaluation.matched || evaluation.isCoverageMiss { break }
            }
            guard isReached else { continue }
            result.evaluatedGraphIDs.append(graph.id)
            if !isUsable { result.graphIDsWithoutUsage.append(graph.id) }
        }
        return result
    }
}

extension Policy {
    /// Whether a top-level filter without an idle filter inside fails for the graph, whatever the usage says.
    func isRuledOutWithoutUsage(graph: Graph, now: Instant) -> Bool {
        let noUsage = GraphUsage(graphID: graph.id)
        return match.contains { filter in
            filter.idleFilters.isEmpty && filter.evaluate(graph: graph, usage: noUsage, now: now).state == .fails
        }
    }
}

extension PolicyEvaluation {
    /// The decision engine keeps the graph here: the only thing in the way was an idle filter's coverage.
    var isCoverageMiss: Bool {
        guard !matched, let miss = idleChecks.first(where: \.failedForCoverage) else { return false }
        return failure == miss.sentence
    }
}
