import Foundation

/// Hourly prices per replica by graph size and product type, from `pricing.yml` (docs/SPEC.md §5).
///
/// Money is `Decimal` from the file's text to the report; no binary floating point on the way.
public struct PriceTable: Sendable, Equatable {
    /// No stop saves for longer than GES leaves a graph stopped (168h), nor does a projection.
    public static let maximumHorizon = Graph.automaticRestartAfter

    /// The currency of entries that do not name one.
    public var currency: String
    public var entries: [PriceEntry]

    public init(currency: String, entries: [PriceEntry]) {
        self.currency = currency
        self.entries = entries
    }

    /// The entry for a graph: the one naming its product type wins over one for any product type.
    public func entry(for graph: Graph) -> PriceEntry? {
        let sized = entries.filter { $0.sizeIndex == graph.sizeIndex }
        return sized.first { $0.productType == graph.productType } ?? sized.first { $0.productType == nil }
    }

    /// The graph's hourly cost: price per replica × replication; nil when no price is known (never zero).
    public func hourlyCost(for graph: Graph) -> (price: Decimal, currency: String)? {
        guard let entry = entry(for: graph), graph.replication >= 1 else { return nil }
        return (entry.hourly * Decimal(graph.replication), entry.currency ?? currency)
    }

    /// Why `span` cannot be a horizon (`is longer than 168h: …`), or nil when it is at most `maximumHorizon`.
    public static func horizonProblem(_ span: TimeSpan) -> String? {
        guard span > maximumHorizon else { return nil }
        return "is longer than \(maximumHorizon.seconds / 3600)h: GES restarts a stopped graph after seven days"
    }

    /// Hourly cost × horizon, the horizon capped at 168h; a non-positive horizon saves nothing.
    public static func projectedSavings(hourly: Decimal, horizon: TimeSpan) -> Decimal {
        let seconds = min(max(horizon.seconds, 0), maximumHorizon.seconds)
        return hourly * Decimal(seconds) / 3600
    }
}

/// One line of the price table: a size (index), optionally a product type, and the hourly price per replica.
public struct PriceEntry: Sendable, Equatable {
    /// `graph_size_type_index`, e.g. `"1"`.
    public var sizeIndex: String
    /// `InMemory`, `Persistence`…; nil matches any product type.
    public var productType: String?
    public var hourly: Decimal
    /// nil: the table's currency.
    public var currency: String?
    public var position: SourcePosition?

    public init(
        sizeIndex: String,
        productType: String? = nil,
        hourly: Decimal,
        currency: String? = nil,
        position: SourcePosition? = nil
    ) {
        self.sizeIndex = sizeIndex
        self.productType = productType
        self.hourly = hourly
        self.currency = currency
        self.position = position
    }
}
