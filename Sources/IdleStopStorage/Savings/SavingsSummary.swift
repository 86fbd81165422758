import Foundation

/// A report's savings grouped per day, per graph and per currency, computed in one pass when the report is made.
///
/// The page and the CSV views read these many times (per currency, per section); a year of 10,000 graphs has
/// millions of graph-day cells, so grouping them again for each reader, or with a set of graph IDs per group,
/// cost seconds. Amounts are summed as integer cents (every cell is rounded to cents), exact.
struct SavingsSummary: Sendable, Equatable {
    /// Per day and currency, ordered by day, then currency (unpriced last).
    var byDay: [SavingsReport.Group] = []
    /// Per graph and currency, ordered by graph ID, then currency (unpriced last).
    var byGraph: [SavingsReport.Group] = []
    /// Per currency, ordered by currency (unpriced last).
    var totals: [SavingsReport.Group] = []
    /// The currencies that have priced savings, sorted.
    var currencies: [String] = []

    /// Groups `savings`, interning their texts; for any savings, in any order, even with repeated cells.
    init(savings: [RealizedSaving]) {
        var graphs = Interner()
        var days = Interner()
        var currencies = Interner()
        let numbers = savings.map { saving in
            (
                graph: graphs.number(saving.graphID), day: days.number(saving.day),
                currency: saving.currency.map { currencies.number($0) + 1 } ?? 0
            )
        }
        var builder = Builder(
            graphs: graphs.texts.count,
            days: days.texts.count,
            currencies: currencies.texts.count,
            cellsAreDistinct: false
        )
        for (saving, number) in zip(savings, numbers) {
            builder.add(
                graph: number.graph,
                day: number.day,
                currency: number.currency,
                name: saving.graphName,
                stops: saving.stops,
                seconds: saving.stoppedSeconds,
                amount: Amount(saving.amount)
            )
        }
        self = builder.summary(graphIDs: graphs.texts, days: days.texts, currencies: currencies.texts)
    }

    init() {}

    /// Texts numbered in the order first seen.
    struct Interner {
        private(set) var texts: [String] = []
        private var numbers: [String: Int32] = [:]

        mutating func number(_ text: String) -> Int32 {
            if let number = numbers[text] { return number }
            texts.append(text)
            numbers[text] = Int32(texts.count - 1)
            return Int32(texts.count - 1)
        }
    }

    /// Money as integer cents where it is whole cents (always, for amounts the history books), else a decimal.
    struct Amount: Sendable {
        var cents: Int128 = 0
        var rest: Decimal?

        init(cents: Int128) { self.cents = cents }

        /// `value` as cents when it is a whole number of cents, else kept as it is.
        init(_ value: Decimal) {
            var hundredfold = value * 100
            var whole = Decimal()
            NSDecimalRound(&whole, &hundredfold, 0, .plain)
            if whole == hundredfold, let cents = Int64(exactly: NSDecimalNumber(decimal: whole).int64Value),
                Decimal(cents) == whole
            {
                self.cents = Int128(cents)
            } else {
                rest = value
            }
        }

        static func += (lhs: inout Amount, rhs: Amount) {
            lhs.cents += rhs.cents
            if let rest = rhs.rest { lhs.rest = (lhs.rest ?? 0) + rest }
        }

        var decimal: Decimal {
            let whole = ScaledPrice.decimal(cents: cents)
            return rest.map { whole + $0 } ?? whole
        }
    }

    /// Sums cells keyed by numbers (graph, day, currency; currency 0 is unpriced, n names `currencies[n - 1]`).
    ///
    /// Groups are found by index in flat tables (no hashing per cell), sized by the numbers of graphs, days and
    /// currencies given up front.
    struct Builder {
        /// True when no (graph, day, currency) comes twice: a day's graphs are then counted without a set.
        private let cellsAreDistinct: Bool
        /// Currency slots per day or graph: the currencies and the unpriced slot.
        private let slots: Int
        private let graphCount: Int
        /// The group of each (day, currency), (graph, currency) and currency, as an index into the groups; -1 none.
        private var dayGroups: [Int32]
        private var graphGroups: [Int32]
        private var totalGroups: [Int32]
        private var byDay: [Accumulator] = []
        private var byGraph: [Accumulator] = []
        private var totals: [Accumulator] = []
        /// Whether a graph is counted in a currency's total, by currency × graphs + graph.
        private var totalGraphs: [Bool]
        /// Graphs already counted in a day group, as (group << 32 | graph), when cells may repeat.
        private var dayGraphs: Set<Int64> = []

        init(graphs: Int, days: Int, currencies: Int, cellsAreDistinct: Bool) {
            self.cellsAreDistinct = cellsAreDistinct
            slots = currencies + 1
            graphCount = graphs
            dayGroups = Array(repeating: -1, count: days * slots)
            graphGroups = Array(repeating: -1, count: graphs * slots)
            totalGroups = Array(repeating: -1, count: slots)
            totalGraphs = Array(repeating: false, count: graphs * slots)
        }

        /// One group being summed: its numbers (-1 when it is not per graph or day), the latest graph name seen.
        private struct Accumulator {
            var graph: Int32 = -1
            var day: Int32 = -1
            var currency: Int32 = 0
            var name = ""
            var graphs = 0
            var stops = 0
            var seconds: Int64 = 0
            var amount = Amount(cents: 0)
        }

        /// Adds one cell; the latest name seen wins for its graph.
        mutating func add(
            graph: Int32,
            day: Int32,
            currency: Int32,
            name: String,
            stops: Int,
            seconds: Int64,
            amount: Amount
        ) {
            let currencySlot = Int(currency)
            let dayIndex = Self.index(Int(day) * slots + currencySlot, in: &dayGroups, &byDay) {
                Accumulator(day: day, currency: currency)
            }
            if cellsAreDistinct || dayGraphs.insert(Int64(dayIndex) << 32 | Int64(graph)).inserted {
                byDay[dayIndex].graphs += 1
            }
            Self.sum(&byDay[dayIndex], stops, seconds, amount)
            let graphIndex = Self.index(Int(graph) * slots + currencySlot, in: &graphGroups, &byGraph) {
                Accumulator(graph: graph, currency: currency, graphs: 1)
            }
            byGraph[graphIndex].name = name
            Self.sum(&byGraph[graphIndex], stops, seconds, amount)
            let totalIndex = Self.index(currencySlot, in: &totalGroups, &totals) { Accumulator(currency: currency) }
            if !totalGraphs[currencySlot * graphCount + Int(graph)] {
                totalGraphs[currencySlot * graphCount + Int(graph)] = true
                totals[totalIndex].graphs += 1
            }
            Self.sum(&totals[totalIndex], stops, seconds, amount)
        }

        /// The group at `slot` of `indexes`, made by `make` when it has none yet.
        @inline(__always)
        private static func index(
            _ slot: Int,
            in indexes: inout [Int32],
            _ groups: inout [Accumulator],
            _ make: () -> Accumulator
        ) -> Int {
            let index = indexes[slot]
            if index >= 0 { return Int(index) }
            groups.append(make())
            indexes[slot] = Int32(groups.count - 1)
            return groups.count - 1
        }

        @inline(__always)
        private static func sum(_ group: inout Accumulator, _ stops: Int, _ seconds: Int64, _ amount: Amount) {
            group.stops += stops
            group.seconds += seconds
            group.amount += amount
        }

        /// The groups, with their texts, in the report's orders.
        func summary(graphIDs: [String], days: [String], currencies: [String]) -> SavingsSummary {
            func group(_ accumulator: Accumulator) -> SavingsReport.Group {
                SavingsReport.Group(
                    day: accumulator.day < 0 ? nil : days[Int(accumulator.day)],
                    graphID: accumulator.graph < 0 ? nil : graphIDs[Int(accumulator.graph)],
                    graphName: accumulator.graph < 0 ? nil : accumulator.name,
                    currency: accumulator.currency == 0 ? nil : currencies[Int(accumulator.currency) - 1],
                    graphs: accumulator.graphs,
                    stops: accumulator.stops,
                    stoppedSeconds: accumulator.seconds,
                    amount: accumulator.amount.decimal
                )
            }
            var summary = SavingsSummary()
            summary.byDay = byDay.map(group).sorted { lhs, rhs in
                lhs.day != rhs.day
                    ? (lhs.day ?? "") < (rhs.day ?? "") : SavingsReport.currencyOrder(lhs.currency, rhs.currency)
            }
            summary.byGraph = byGraph.map(group).sorted { lhs, rhs in
                lhs.graphID != rhs.graphID
                    ? (lhs.graphID ?? "") < (rhs.graphID ?? "")
                    : SavingsReport.currencyOrder(lhs.currency, rhs.currency)
            }
            summary.totals = totals.map(group).sorted { SavingsReport.currencyOrder($0.currency, $1.currency) }
            summary.currencies = summary.totals.compactMap(\.currency).sorted()
            return summary
        }
    }
}
