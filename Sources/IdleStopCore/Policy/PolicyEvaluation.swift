/// Whether a policy matched a graph, and the sentences with the numbers that say why (or why not).
public struct PolicyEvaluation: Sendable, Equatable {
    public var matched: Bool
    /// Every idle filter of the policy, nested ones included, in the order written.
    public var idleChecks: [IdleCheck]
    /// Why it did not match: the first filter that failed, or when only missing data stood in the way, the
    /// sentence about the data (`insufficient usage data: …`). nil for a match.
    public var failure: String?
    /// For a match, the idle sentences first, then the other filters'; otherwise the failure.
    public var summary: String

    public init(matched: Bool, idleChecks: [IdleCheck], failure: String?, summary: String) {
        self.matched = matched
        self.idleChecks = idleChecks
        self.failure = failure
        self.summary = summary
    }
}
