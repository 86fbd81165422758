import Foundation

extension SavingsReport {
    /// Realized savings summed over several `RealizedSaving`s of one currency: per graph, per day, or in total.
    ///
    /// Amounts are sums of the per-graph-per-day amounts, each already rounded to cents, so that a total
    /// always equals the sum of the rows it summarises.
    public struct Group: Sendable, Equatable {
        /// The day (UTC or the report's zone), when grouped by day.
        public var day: String?
        /// The graph, when grouped by graph.
        public var graphID: String?
        public var graphName: String?
        /// nil for stops without a price: hours are counted, money is not.
        public var currency: String?
        /// Distinct graphs in the group.
        public var graphs: Int
        public var stops: Int
        public var stoppedSeconds: Int64
        public var amount: Decimal

        public init(
            day: String? = nil,
            graphID: String? = nil,
            graphName: String? = nil,
            currency: String?,
            graphs: Int,
            stops: Int,
            stoppedSeconds: Int64,
            amount: Decimal
        ) {
            self.day = day
            self.graphID = graphID
            self.graphName = graphName
            self.currency = currency
            self.graphs = graphs
            self.stops = stops
            self.stoppedSeconds = stoppedSeconds
            self.amount = amount
        }

        /// Hours stopped, exact to four decimals.
        public var hoursStopped: Decimal { ReportFormat.hours(seconds: stoppedSeconds) }
    }

    /// Per graph and currency over the whole period, ordered by graph ID, then currency (unpriced last).
    public func byGraph() -> [Group] { summary.byGraph }

    /// Per day and currency over all graphs, ordered by day, then currency (unpriced last).
    public func byDay() -> [Group] { summary.byDay }

    /// Per currency over the whole period, ordered by currency (unpriced last). Never summed across currencies.
    public func totals() -> [Group] { summary.totals }

    /// The currencies that have priced savings, sorted.
    public var currencies: [String] { summary.currencies }

    /// The `limit` graphs that saved most in `currency`, highest first (ties by graph ID).
    public func topGraphs(currency: String, limit: Int) -> [Group] {
        let ranked = summary.byGraph.filter { $0.currency == currency }.sorted { lhs, rhs in
            lhs.amount != rhs.amount ? lhs.amount > rhs.amount : (lhs.graphID ?? "") < (rhs.graphID ?? "")
        }
        return Array(ranked.prefix(max(0, limit)))
    }

    /// Currencies in text order, with "no currency" (unpriced) after all of them.
    static func currencyOrder(_ lhs: String?, _ rhs: String?) -> Bool {
        switch (lhs, rhs) {
        case (let left?, let right?): left < right
        case (.some, nil): true
        case (nil, _): false
        }
    }
}
