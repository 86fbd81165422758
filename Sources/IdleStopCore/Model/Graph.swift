/// One GES graph as the list-graphs API describes it, reduced to what the decisions need.
///
/// `sizeIndex` stays a string, as the API sends it (`"1"`); so does the status code inside `GraphStatus`.
public struct Graph: Sendable, Equatable, Hashable, Codable {
    public var id: String
    public var name: String
    /// `running`, `stopped`, `stopping`, … (docs/ges-api.md §2.4).
    public var status: GraphStatus
    /// `InMemory` or `Persistence` (the database edition, which cannot be stopped).
    public var productType: String
    /// `graph_size_type_index`, e.g. `"1"` for a million edges.
    public var sizeIndex: String
    public var replication: Int
    public var created: Instant?
    public var tags: [String: String]

    public init(
        id: String,
        name: String,
        status: GraphStatus,
        productType: String = "InMemory",
        sizeIndex: String,
        replication: Int = 1,
        created: Instant? = nil,
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

    /// GES restarts a stopped graph by itself after this long (docs/ges-api.md §1), so no stop lasts longer.
    public static let automaticRestartAfter = TimeSpan.days(7)

    public var isRunning: Bool { status == .running }
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
