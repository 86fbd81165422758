import Foundation

/// One graph in a notification: what was decided, what came of it, and why.
public struct NotificationRow: Sendable, Equatable {
    /// The heading a row is listed under, in message order.
    public enum Section: String, Sendable, CaseIterable {
        case stopped
        case wouldStop = "would stop"
        case alreadyStopped = "already stopped"
        case failed
        case unknown = "outcome unknown"
        case held
        /// Told about before it is stopped: the notice period of its policy has not passed (docs/SPEC.md §4).
        case noticed
        case flagged

        /// The section of a decision, or nil for kept and skipped graphs.
        public init?(_ decision: Decision) {
            switch (decision.kind, decision.result) {
            case (.flag, _): self = .flagged
            case (.stop, .dryRun?): self = .wouldStop
            case (.stop, .requested?), (.stop, .confirmed?), (.stop, nil): self = .stopped
            case (.stop, .alreadyStopped?): self = .alreadyStopped
            case (.stop, .failed?): self = .failed
            case (.stop, .unknown?): self = .unknown
            case (.stop, .held?): self = .held
            case (.stop, .noticed?): self = .noticed
            case (.keep, _), (.skip, _): return nil
            }
        }
    }

    public var graphID: String
    public var name: String
    public var owner: String?
    public var section: Section
    public var decision: DecisionKind
    public var result: StopResult?
    public var reason: String
    public var projectedSavings: Decimal?
    public var currency: String?
    /// The error GES gave for a failed stop, if any.
    public var error: String?

    public init(decision: Decision, section: Section, owner: String?) {
        graphID = decision.graph.id
        name = decision.graph.name
        self.owner = owner
        self.section = section
        self.decision = decision.kind
        result = decision.result
        reason = decision.reason
        projectedSavings = decision.projectedSavings
        currency = decision.currency
        error = [decision.errorCode, decision.errorMessage].compactMap { $0 }.joined(separator: ": ").nilIfEmpty
    }
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
