/// Graphs that are never stopped, whatever a policy says: by tag, or by name or ID.
public struct Protection: Sendable, Equatable {
    /// Tag key and value pairs; a graph carrying any of them is protected.
    public var tags: [ProtectedTag]
    /// Graph names or IDs.
    public var graphs: [String]

    public init(tags: [ProtectedTag] = [], graphs: [String] = []) {
        self.tags = tags
        self.graphs = graphs
    }

    /// Why the graph is protected, or nil.
    public func reason(for graph: Graph) -> String? {
        if graphs.contains(graph.name) { return "protected by name \(graph.name)" }
        if graphs.contains(graph.id) { return "protected by ID \(graph.id)" }
        for tag in tags where graph.tags[tag.key] == tag.value {
            return "protected by tag \(tag.key)=\(tag.value)"
        }
        return nil
    }

    /// Both protections, each entry once, in first-seen order.
    func union(_ other: Protection) -> Protection {
        var result = self
        for tag in other.tags where !result.tags.contains(tag) { result.tags.append(tag) }
        for graph in other.graphs where !result.graphs.contains(graph) { result.graphs.append(graph) }
        return result
    }
}

/// One `protect.tags` entry: a graph with this tag set to this value is never stopped.
public struct ProtectedTag: Sendable, Equatable, Hashable {
    public var key: String
    public var value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}
