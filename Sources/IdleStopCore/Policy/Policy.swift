/// One named rule: when every filter of `match` holds, `action` applies to the graph.
public struct Policy: Sendable, Equatable {
    public var name: String
    public var description: String?
    /// All must hold.
    public var match: [Filter]
    public var action: PolicyAction
    /// How long a graph is noticed before this policy may stop it (docs/SPEC.md §4, notice period); nil: no notice.
    public var notice: TimeSpan?
    /// Where the policy was written, for messages about it.
    public var position: SourcePosition

    public init(
        name: String,
        description: String? = nil,
        match: [Filter],
        action: PolicyAction,
        notice: TimeSpan? = nil,
        position: SourcePosition = SourcePosition(file: "", line: 0, column: 0)
    ) {
        self.name = name
        self.description = description
        self.match = match
        self.action = action
        self.notice = notice
        self.position = position
    }
}

/// What a matching policy does: stop the graph, or only list it in the report.
public enum PolicyAction: String, Sendable, Equatable, CaseIterable {
    case stop
    case report
}
