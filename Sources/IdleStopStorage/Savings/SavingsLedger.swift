import Foundation

/// Sums stop spans into per graph, day and currency cells with integer keys and exact integer money.
///
/// `HistoryStore.realizedSavings` feeds it one stop at a time (in the order of its query: by time); it cuts each
/// span at the days of a `ReportDayTable` and books price × seconds on each cell as an `Int128` of 10⁻⁹ units
/// (`ScaledPrice`), or as a `Decimal` for a price text that does not scale exactly. A graph's cells are kept in
/// day order per graph, so finding a cell is a short search back from the graph's newest, not a hash per piece.
struct SavingsLedger {
    private var table: ReportDayTable
    private var graphs = SavingsSummary.Interner()
    private var names = SavingsSummary.Interner()
    private var currencies = SavingsSummary.Interner()
    /// Each graph's cells (indexes into `cells`), in day order.
    private var cellsOfGraph: [[Int32]] = []
    private var cells: [Cell] = []
    /// Price × seconds of the pieces whose price did not scale, by cell (rare: kept out of `Cell`).
    private var rests: [Int: Decimal] = [:]

    /// One graph, day and currency (0 unpriced, n is `currencies[n - 1]`).
    private struct Cell {
        var graph: Int32
        var day: Int32
        var currency: Int32
        var name: Int32
        var stops = 0
        var seconds: Int64 = 0
        /// Price units × seconds of the pieces with a scaled price.
        var unitSeconds: Int128 = 0
        /// Whether `rests` holds a sum for this cell.
        var hasRest = false
    }

    /// An hourly price: scaled when its text allows, else the decimal.
    enum Price {
        case scaled(Int128)
        case decimal(Decimal)

        /// The price a stored text spells (as `Decimal(string:)` reads it), or nil for none.
        init?(_ text: String) {
            if let scaled = ScaledPrice(text) {
                self = .scaled(scaled.units)
            } else if let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) {
                self = .decimal(value)
            } else {
                return nil
            }
        }
    }

    /// A ledger whose days are those of `calendar`, with a table over `[lower, upper]` (it grows if asked outside).
    init(calendar: ReportCalendar, from lower: Int64, through upper: Int64) {
        table = ReportDayTable(calendar: calendar, from: lower, through: upper)
    }

    /// Books a stop of `graphID` over `[start, end)`; with `countsStop` it counts on the day of `start`, even
    /// when the span is empty. `currency` is ignored (unpriced) when `price` is nil.
    mutating func book(
        graphID: String,
        name: String,
        price: Price?,
        currency: String?,
        from start: Int64,
        to end: Int64,
        countsStop: Bool
    ) {
        let graph = graphs.number(graphID)
        if Int(graph) == cellsOfGraph.count { cellsOfGraph.append([]) }
        let nameNumber = names.number(name)
        let currencyNumber = price == nil ? 0 : currency.map { currencies.number($0) + 1 } ?? 0
        var isFirst = true
        let bookPiece = { (ledger: inout SavingsLedger, day: Int32, seconds: Int64) in
            let index = ledger.cell(graph: graph, day: day, currency: currencyNumber, name: nameNumber)
            ledger.cells[index].name = nameNumber
            if countsStop && isFirst { ledger.cells[index].stops += 1 }
            isFirst = false
            ledger.cells[index].seconds += seconds
            switch price {
            case .scaled(let units): ledger.cells[index].unitSeconds += units * Int128(seconds)
            case .decimal(let value):
                ledger.cells[index].hasRest = true
                ledger.rests[index, default: 0] += value * Decimal(seconds)
            case nil: break
            }
        }
        if start < end {
            table.cover(from: start, to: end)
            let days = table
            days.split(from: start, to: end) { day, seconds in bookPiece(&self, day, seconds) }
        } else if countsStop {
            let day = table.dayID(of: start)
            bookPiece(&self, day, 0)
        }
    }

    /// The index of the cell (graph, day, currency), made when new; searched back from the graph's newest cell.
    @inline(__always)
    private mutating func cell(graph: Int32, day: Int32, currency: Int32, name: Int32) -> Int {
        let owned = cellsOfGraph[Int(graph)]
        let dayStart = table.start(of: day)
        var position = owned.count
        while position > 0 {
            let candidate = cells[Int(owned[position - 1])]
            if candidate.day == day && candidate.currency == currency { return Int(owned[position - 1]) }
            if table.start(of: candidate.day) < dayStart { break }
            position -= 1
        }
        cells.append(Cell(graph: graph, day: day, currency: currency, name: name))
        cellsOfGraph[Int(graph)].insert(Int32(cells.count - 1), at: position)
        return cells.count - 1
    }

    /// The cells as savings ordered by day, graph ID, currency (unpriced first), and their groups.
    ///
    /// Each cell's exact sum is rounded half up to cents once. The order comes from two stable counting sorts on
    /// the ranks of the texts (graph and currency, then day), not from comparing strings per cell. Without
    /// `keepingCells` only the groups are made (the page and the per-graph and per-day views need no more): a year
    /// of 10,000 graphs is millions of cells.
    func finish(keepingCells: Bool = true) -> (savings: [RealizedSaving], summary: SavingsSummary) {
        let dayRanks = Self.ranks(table.days)
        let graphRanks = Self.ranks(graphs.texts)
        // Unpriced sorts as "" did: before every currency.
        let currencyRanks = [0] + Self.ranks(currencies.texts).map { $0 + 1 }
        let slots = currencyRanks.count
        // The groups alone need no order: each graph's cells of a currency are made in day order (stops come in
        // time order), so its latest name is the last one added either way, and the sums are integers.
        var order = Array(cells.indices)
        if keepingCells {
            // Keys in small arrays read in cell order: the second sort reads them out of order, cells it would miss.
            let minorKeys = cells.map { graphRanks[Int($0.graph)] * slots + currencyRanks[Int($0.currency)] }
            let dayKeys = cells.map { Int32(dayRanks[Int($0.day)]) }
            order = Self.stableSort(order, buckets: graphRanks.count * slots) { minorKeys[$0] }
            order = Self.stableSort(order, buckets: dayRanks.count) { Int(dayKeys[$0]) }
        }
        var builder = SavingsSummary.Builder(
            graphs: graphs.texts.count,
            days: table.days.count,
            currencies: currencies.texts.count,
            cellsAreDistinct: true
        )
        var savings: [RealizedSaving] = []
        savings.reserveCapacity(keepingCells ? cells.count : 0)
        for index in order {
            let cell = cells[index]
            let amount: SavingsSummary.Amount
            if cell.hasRest, let rest = rests[index] {
                let exact = ScaledPrice.decimal(unitSeconds: cell.unitSeconds) + rest
                amount = SavingsSummary.Amount(ReportFormat.round(exact / 3600, scale: 2, mode: .plain))
            } else {
                amount = SavingsSummary.Amount(cents: ScaledPrice.cents(unitSeconds: cell.unitSeconds))
            }
            let name = names.texts[Int(cell.name)]
            builder.add(
                graph: cell.graph,
                day: cell.day,
                currency: cell.currency,
                name: name,
                stops: cell.stops,
                seconds: cell.seconds,
                amount: amount
            )
            guard keepingCells else { continue }
            let saving = RealizedSaving(
                graphID: graphs.texts[Int(cell.graph)],
                graphName: name,
                day: table.days[Int(cell.day)],
                currency: cell.currency == 0 ? nil : currencies.texts[Int(cell.currency) - 1],
                stops: cell.stops,
                stoppedSeconds: cell.seconds,
                amount: amount.decimal
            )
            savings.append(saving)
        }
        let summary = builder.summary(graphIDs: graphs.texts, days: table.days, currencies: currencies.texts)
        return (savings, summary)
    }

    /// The rank of each text among them in `String` order (equal texts share none: each is interned once).
    private static func ranks(_ texts: [String]) -> [Int] {
        var ranks = Array(repeating: 0, count: texts.count)
        for (rank, index) in texts.indices.sorted(by: { texts[$0] < texts[$1] }).enumerated() { ranks[index] = rank }
        return ranks
    }

    /// `items` ordered by `key` (0..<buckets), keeping the order of items with equal keys (a counting sort).
    private static func stableSort(_ items: [Int], buckets: Int, key: (Int) -> Int) -> [Int] {
        var counts = Array(repeating: 0, count: buckets + 1)
        for item in items { counts[key(item) + 1] += 1 }
        for bucket in 0..<buckets { counts[bucket + 1] += counts[bucket] }
        var sorted = Array(repeating: 0, count: items.count)
        for item in items {
            let bucket = key(item)
            sorted[counts[bucket]] = item
            counts[bucket] += 1
        }
        return sorted
    }
}
