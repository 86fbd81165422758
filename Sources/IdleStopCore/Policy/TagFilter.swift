/// `tag`: the graph's tag `key` has one of some values, a given value, or is (not) set.
public struct TagFilter: Sendable, Equatable {
    public var key: String
    public var condition: Condition

    public enum Condition: Sendable, Equatable {
        case oneOf([String])
        case equals(String)
        case exists(Bool)
    }

    public init(key: String, condition: Condition) {
        self.key = key
        self.condition = condition
    }
}
