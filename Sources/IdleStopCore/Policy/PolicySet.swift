/// The policies of one or more files, with the fleet-wide limits and the protected graphs (docs/SPEC.md §4).
///
/// Policies are tried in order; the first whose `match` holds decides.
public struct PolicySet: Sendable, Equatable {
    public var limits: PolicyLimits
    public var protection: Protection
    public var policies: [Policy]
    /// What in the files is valid but probably not meant (`file:line:column: message`), for `validate` and `run`
    /// to show; never an error.
    public var warnings: [String]

    public init(
        limits: PolicyLimits = PolicyLimits(),
        protection: Protection = Protection(),
        policies: [Policy] = [],
        warnings: [String] = []
    ) {
        self.limits = limits
        self.protection = protection
        self.policies = policies
        self.warnings = warnings
    }

    /// Why a graph is protected (`protected by tag keep-running=true`), or nil when it is not.
    public func protectionReason(for graph: Graph) -> String? { protection.reason(for: graph) }

    /// Every window and metric column that some idle filter reads, nested filters included,
    /// so that the usage reader can aggregate exactly these while the records stream past.
    public var usageNeeds: (windows: Set<TimeSpan>, metrics: Set<String>) {
        var windows: Set<TimeSpan> = []
        var metrics: Set<String> = []
        for idle in policies.flatMap({ $0.match.flatMap(\.idleFilters) }) {
            windows.insert(idle.window)
            if case .metric(let name, _, _) = idle.measure { metrics.insert(name) }
        }
        return (windows, metrics)
    }
}
