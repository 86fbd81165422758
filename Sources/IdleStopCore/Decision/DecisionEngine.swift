import Foundation

/// Turns an inventory, usage summaries, policies, prices and run history into one decision per graph.
///
/// Pure: no I/O, no clock. The same inputs give the same decisions, in the inventory's order.
/// Order of rules: hard rules (database edition, not running, protected), untrusted usage, then the
/// first policy whose `match` holds, then the restart rule, then pricing, then the trip-wire.
public struct DecisionEngine: Sendable {
    public var policies: PolicySet
    public var prices: PriceTable?
    /// How long a stop is expected to last for projected savings; capped at `PriceTable.maximumHorizon`.
    public var horizon: TimeSpan
    public var now: Instant
    /// `true` for `--dry-run`: stop decisions get result `dry-run` instead of none.
    public var isDryRun: Bool

    public init(policies: PolicySet, prices: PriceTable?, horizon: TimeSpan = .hours(24), now: Instant, isDryRun: Bool)
    {
        self.policies = policies
        self.prices = prices
        self.horizon = min(horizon, PriceTable.maximumHorizon)
        self.now = now
        self.isDryRun = isDryRun
    }

    /// Decides every graph; `tainted` graphs (named by tolerated bad usage rows) are never stopped.
    ///
    /// `notices` are the standing notices of the history (`NoticePeriod`): a policy with `notice:` stops a graph
    /// only once its notice has passed, and notices it (result `noticed`, nothing sent) until then.
    ///
    /// `approvedStops` is the reviewed plan of `apply`: when given, only those graphs may be stopped,
    /// and each of them only if a fresh evaluation still says stop. `expectedStops` (`apply --expect-stops N`)
    /// replaces the trip-wire's limits: the stops go ahead only if there are exactly that many.
    public func decide(
        graphs: [Graph],
        usage: [String: GraphUsage],
        tainted: Set<String> = [],
        history: [String: RestartEvidence] = [:],
        notices: [String: StandingNotice] = [:],
        approvedStops: Set<String>? = nil,
        expectedStops: Int? = nil
    ) -> [Decision] {
        var decisions = graphs.map { graph in
            decide(
                graph: graph,
                usage: usage[graph.id] ?? GraphUsage(graphID: graph.id),
                isTainted: tainted.contains(graph.id),
                history: history[graph.id] ?? RestartEvidence(),
                notice: notices[graph.id]
            )
        }
        if let approvedStops {
            for index in decisions.indices {
                let isApproved = approvedStops.contains(decisions[index].graph.id)
                if decisions[index].kind == .stop, !isApproved {
                    let wouldNow = decisions[index].result == .noticed ? "be noticed" : "stop"
                    decisions[index].kind = .keep
                    decisions[index].result = nil
                    decisions[index].projectedSavings = nil
                    decisions[index].reason =
                        "not in the reviewed plan (would now \(wouldNow): \(decisions[index].reason))"
                    // A notice from an earlier run still stands; `apply` starts none outside its plan.
                    if decisions[index].noticeSince == now { decisions[index].noticeSince = nil }
                } else if isApproved, decisions[index].kind != .stop || decisions[index].result == .noticed {
                    decisions[index].reason = "changed since the review: \(decisions[index].reason)"
                }
            }
        }
        applyTripWire(to: &decisions, runningGraphs: graphs.filter(\.isRunning).count, expectedStops: expectedStops)
        return decisions
    }

    /// Decides one graph, before the fleet-wide trip-wire.
    func decide(
        graph: Graph,
        usage: GraphUsage,
        isTainted: Bool,
        history: RestartEvidence,
        notice: StandingNotice? = nil
    ) -> Decision {
        var decision = Decision(graph: graph, kind: .keep, reason: "", lastActivity: usage.lastActivity)
        if let cost = prices?.hourlyCost(for: graph) {
            decision.hourlyPrice = cost.price
            decision.currency = cost.currency
        }
        if graph.isDatabaseEdition {
            decision.kind = .skip
            decision.reason = "database edition: the stop API does not apply"
            return decision
        }
        if !graph.isRunning {
            decision.kind = .skip
            decision.reason = "not running (status \(graph.status)\(graph.status.name.map { " " + $0 } ?? ""))"
            return decision
        }
        if let protection = policies.protectionReason(for: graph) {
            decision.kind = .skip
            decision.reason = protection
            return decision
        }
        if isTainted {
            decision.reason = "malformed usage rows name this graph: never stopped in this run"
            return decision
        }
        var postponementNote: String?
        var postponedUntil: Instant?
        switch Postponement.of(graph, now: now) {
        case .keeps(let reason):
            decision.reason = reason
            return decision
        case .expired(let until, let note): (postponedUntil, postponementNote) = (until, note)
        case .none: break
        }
        applyPolicies(to: &decision, usage: usage, history: history)
        if decision.kind == .stop {
            applyNotice(to: &decision, standing: notice, restart: history, postponedUntil: postponedUntil)
        }
        if let postponementNote { decision.reason += "; \(postponementNote)" }
        return decision
    }

    /// The first policy whose `match` holds decides; a graph kept after all names every policy that passed it over.
    func applyPolicies(to decision: inout Decision, usage: GraphUsage, history: RestartEvidence) {
        let graph = decision.graph
        var misses: [String] = []
        var closest: IdleCheck?
        defer {
            if decision.kind == .keep, !misses.isEmpty, decision.policy != nil {
                decision.reason += "; passed over by " + misses.joined(separator: "; ")
            }
        }
        for policy in policies.policies {
            let evaluation = policy.evaluate(graph: graph, usage: usage, now: now)
            if closest == nil { closest = evaluation.idleChecks.first }
            guard evaluation.matched else {
                if evaluation.isCoverageMiss, let coverageMiss = evaluation.idleChecks.first(where: \.failedForCoverage)
                {
                    decision.reason = "\(coverageMiss.sentence) (policy \(policy.name))"
                    decision.policy = policy.name
                    record(coverageMiss, in: &decision)
                    return
                }
                misses.append("\(policy.name): \(evaluation.failure ?? "did not match")")
                continue
            }
            decision.policy = policy.name
            let longest = evaluation.idleChecks.max { $0.window < $1.window }
            if let longest { record(longest, in: &decision) }
            switch policy.action {
            case .report:
                decision.kind = .flag
                decision.reason = "\(evaluation.summary); policy \(policy.name) (report only)"
                // What stopping it would save: the number the person deciding on a flag needs.
                decision.projectedSavings = decision.hourlyPrice.map {
                    PriceTable.projectedSavings(hourly: $0, horizon: horizon)
                }
            case .stop:
                stop(
                    &decision,
                    summary: evaluation.summary,
                    policy: policy.name,
                    window: longest?.window,
                    history: history
                )
            }
            return
        }
        if let closest { record(closest, in: &decision) }
        decision.reason = misses.isEmpty ? "no policy applies" : "no policy matched: " + misses.joined(separator: "; ")
    }

    /// Makes `decision` a stop by the policy named `policy`, unless the restart rule keeps the graph for `window`.
    ///
    /// A stop carries its projected savings, or says in its reason that the graph's size has no price.
    func stop(_ decision: inout Decision, summary: String, policy: String, window: TimeSpan?, history: RestartEvidence)
    {
        if let window, let restart = history.restartReason(window: window, now: now) {
            decision.reason = "\(restart); policy \(policy)"
            return
        }
        let graph = decision.graph
        decision.kind = .stop
        decision.reason = "\(summary); policy \(policy)"
        if let note = history.restoppedNote(now: now) { decision.reason += "; \(note)" }
        decision.result = isDryRun ? .dryRun : nil
        if let price = decision.hourlyPrice {
            decision.projectedSavings = PriceTable.projectedSavings(hourly: price, horizon: horizon)
        } else {
            decision.reason +=
                "; no price for size \(GraphSize.name(forIndex: graph.sizeIndex)) (\(graph.productType)), savings unknown"
        }
    }

    /// Makes a stop under a policy with `notice:` wait for its notice period (`NoticePeriod`).
    ///
    /// A noticed graph keeps its projected savings, like a flagged one: what stopping it would save.
    func applyNotice(
        to decision: inout Decision,
        standing: StandingNotice?,
        restart: RestartEvidence,
        postponedUntil: Instant?
    ) {
        guard let name = decision.policy, let length = policies.policies.first(where: { $0.name == name })?.notice
        else { return }
        let outcome = NoticePeriod(length: length, policy: name).evaluate(
            standing: standing,
            now: now,
            lastActivity: decision.lastActivity,
            restart: restart,
            postponedUntil: postponedUntil,
            isDryRun: isDryRun
        )
        switch outcome {
        case .stop(let since, let note):
            decision.noticeSince = since
            decision.reason += "; \(note)"
        case .notice(let since, let reason):
            decision.noticeSince = since
            decision.result = .noticed
            decision.reason = "\(reason); \(decision.reason)"
        }
    }

    /// Holds every stop when there are more than the limits allow: a broken usage feed must not stop the fleet.
    ///
    /// With `expectedStops` (an operator's count of a reviewed plan) the limits do not apply; instead every stop
    /// is held unless there are exactly that many.
    func applyTripWire(to decisions: inout [Decision], runningGraphs: Int, expectedStops: Int? = nil) {
        let stops = decisions.indices.filter { decisions[$0].isStopToSend }
        guard !stops.isEmpty else { return }
        let limits = policies.limits
        var why: String?
        if let expectedStops {
            if let mismatch = Self.expectedStopsMismatch(expected: expectedStops, stops: stops.count) { why = mismatch }
        } else if stops.count > limits.maxStopsPerRun {
            why = "\(stops.count) stops would exceed max_stops_per_run \(limits.maxStopsPerRun)"
        } else if Decimal(stops.count) > limits.maxStopShare * Decimal(runningGraphs) {
            why = "\(stops.count) of \(runningGraphs) running graphs would exceed max_stop_share \(limits.maxStopShare)"
        }
        guard let why else { return }
        for index in stops {
            decisions[index].result = .held
            decisions[index].reason += "; held by the trip-wire: \(why)"
        }
    }

    /// Why `--expect-stops expected` does not fit `stops` (the approved graphs the re-check still stops), or nil.
    public static func expectedStopsMismatch(expected: Int, stops: Int) -> String? {
        guard expected != stops else { return nil }
        return "--expect-stops \(expected), but the re-check says to stop \(stops) approved graph(s)"
    }

    private func record(_ check: IdleCheck, in decision: inout Decision) {
        decision.window = check.window
        decision.requestsInWindow = check.requests
        decision.coverage = check.coverage
    }
}
