import Foundation

/// One GES graph as the list-graphs API describes it, reduced to what the decisions need.
///
/// `status` and `sizeIndex` stay strings, as the API sends them (`"200"`, `"1"`).
public struct Graph: Sendable, Equatable, Hashable, Codable {
    public var id: String
    public var name: String
    /// Status code string: `200` running, `900` stopped, `901` stopping, see docs/ges-api.md §2.4.
    public var status: String
    /// `InMemory` or `Persistence` (the database edition, which cannot be stopped).
    public var productType: String
    /// `graph_size_type_index`, e.g. `"1"` for a million edges.
    public var sizeIndex: String
    public var replication: Int
    public var created: Date?
    public var tags: [String: String]

    public init(
        id: String,
        name: String,
        status: String,
        productType: String = "InMemory",
        sizeIndex: String,
        replication: Int = 1,
        created: Date? = nil,
        tags: [String: String] = [:]
    ) {
        self.id = id
        self.name = name
        self.status = status
        self.productType = productType
        self.sizeIndex = sizeIndex
        self.replication = replication
        self.created = created
        self.tags = tags
    }

    public var isRunning: Bool { status == "200" }
    public var isDatabaseEdition: Bool { productType == "Persistence" }
}

/// Graph size names by `graph_size_type_index`, for policies (`size: { in: [million] }`) and reports.
public enum GraphSize {
    public static let names: [String: String] = [
        "0": "ten-thousand", "1": "million", "2": "ten-million", "3": "hundred-million",
        "4": "billion", "5": "ten-billion", "6": "hundred-billion", "401": "billion-enhanced",
    ]

    /// The size name for an index, or the index itself when it is not a known size.
    public static func name(forIndex index: String) -> String { names[index] ?? index }

    /// The index for a name or an index, or nil when neither is known.
    public static func index(forNameOrIndex value: String) -> String? {
        if names[value] != nil { return value }
        return names.first { $0.value == value }?.key
    }
}
