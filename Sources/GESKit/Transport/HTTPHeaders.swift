/// An ordered list of HTTP header fields with case-insensitive lookup.
///
/// Order is kept because it is what goes on the wire; lookups ignore case because HTTP does.
public struct HTTPHeaders: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
    /// One header line.
    public struct Field: Sendable, Equatable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public private(set) var fields: [Field]

    public init(_ pairs: [(String, String)] = []) {
        fields = pairs.map { Field(name: $0.0, value: $0.1) }
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements)
    }

    /// The first value of the header `name`, compared case-insensitively.
    public subscript(name: String) -> String? {
        let lowered = name.lowercased()
        return fields.first { $0.name.lowercased() == lowered }?.value
    }

    /// Whether a header named `name` is present.
    public func contains(_ name: String) -> Bool { self[name] != nil }

    /// Appends a field, keeping any existing field of the same name.
    public mutating func add(name: String, value: String) {
        fields.append(Field(name: name, value: value))
    }

    /// Replaces every field named `name` with a single one (appended at the end when absent).
    public mutating func replaceOrAdd(name: String, value: String) {
        let lowered = name.lowercased()
        guard let index = fields.firstIndex(where: { $0.name.lowercased() == lowered }) else {
            fields.append(Field(name: name, value: value))
            return
        }
        fields[index] = Field(name: name, value: value)
        var position = fields.index(after: index)
        while position < fields.endIndex {
            if fields[position].name.lowercased() == lowered {
                fields.remove(at: position)
            } else {
                position += 1
            }
        }
    }

    /// Removes every field named `name`.
    public mutating func remove(name: String) {
        let lowered = name.lowercased()
        fields.removeAll { $0.name.lowercased() == lowered }
    }

    /// The fields as `(name, value)` pairs, in order.
    public var pairs: [(String, String)] { fields.map { ($0.name, $0.value) } }

    public func makeIterator() -> IndexingIterator<[Field]> { fields.makeIterator() }
}
