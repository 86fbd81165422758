import Foundation
import GRDB
import IdleStopCore

extension HistoryStore {
    /// Realized savings (docs/SPEC.md §5) in `[since, until)`, per graph, day of `calendar` and currency.
    ///
    /// A stop (result requested or confirmed, in a run that is not a replay) lasts from its run's `evaluated_at`
    /// until the first later run that is not a replay and saw the graph running (status running), or the first later
    /// `ges-idle-stop start` of it (a start sent, or one that found it running), at most
    /// `Graph.automaticRestartAfter` (168h).
    /// The part of it inside `[since, until)` is cut at `calendar`'s midnights and each day books its own
    /// seconds × the hourly price, so a stop made before `since` still counts for the days it held in the
    /// period and consecutive periods never count the same hour twice. A stop counts in `stops` on the day it
    /// was made. Each cell's exact sum is rounded half up to cents once. Ordered by day, graph ID, currency.
    public func realizedSavings(
        since: Date,
        until: Date,
        calendar: ReportCalendar = .utc
    ) throws(StorageError) -> [RealizedSaving] {
        try realizedSavingsWithSummary(since: since, until: until, calendar: calendar).savings
    }

    /// `realizedSavings(since:until:calendar:)` and its groups, summed in the same pass (what `report` reads);
    /// without `keepingCells` the groups only (the savings are then empty).
    ///
    /// The stops are read with a cursor and booked in a `SavingsLedger`: timestamps by a fixed-format parser,
    /// each price text scaled once, days from a table made once, so that a year of 10,000 graphs takes well
    /// under a second.
    func realizedSavingsWithSummary(
        since: Date,
        until: Date,
        calendar: ReportCalendar,
        keepingCells: Bool = true
    ) throws(StorageError) -> (savings: [RealizedSaving], summary: SavingsSummary) {
        let sinceSeconds = Int64(since.timeIntervalSince1970.rounded(.down))
        let untilSeconds = Int64(until.timeIntervalSince1970.rounded(.down))
        let restart = Graph.automaticRestartAfter.seconds
        var ledger = SavingsLedger(calendar: calendar, from: sinceSeconds, through: untilSeconds)
        let firstStop = Instant(unixSeconds: sinceSeconds - restart).description
        try read("read the stops for realized savings") { db in
            let graphs = try Self.graphIDs(db)
            let labels = try Self.savingsLabels(db)
            let starts = try Self.startsEndingStops(db, after: firstStop)
            let rows = try Row.fetchCursor(
                db,
                sql: HistoryQuery.realizedSavings,
                arguments: [firstStop, ReportFormat.timestamp(until)]
            )
            // Columns: graph_key, label_key, evaluated_at, ended_at.
            while let row = try rows.next() {
                let graphKey = Int(row[0] as Int64)
                let labelKey = Int(row[1] as Int64)
                guard let stopSeconds = Self.seconds(row[2]), graphs.indices.contains(graphKey),
                    let graphID = graphs[graphKey]
                else { continue }
                var end = min(stopSeconds + restart, untilSeconds)
                if let seen = Self.seconds(row[3]) { end = min(end, seen) }
                if let started = starts[graphID]?.first(where: { $0 > stopSeconds }) { end = min(end, started) }
                let label =
                    (labels.indices.contains(labelKey) ? labels[labelKey] : nil)
                    ?? SavingsLabel(name: "", price: nil, currency: nil)
                ledger.book(
                    graphID: graphID,
                    name: label.name,
                    price: label.price,
                    currency: label.currency,
                    from: max(stopSeconds, sinceSeconds),
                    to: end,
                    countsStop: stopSeconds >= sinceSeconds
                )
            }
        }
        return ledger.finish(keepingCells: keepingCells)
    }

    /// A label combination as the savings read it: the graph's name, its price (scaled once) and currency.
    struct SavingsLabel {
        var name: String
        var price: SavingsLedger.Price?
        var currency: String?
    }

    /// Every graph ID at the index of its key (keys are small integers: an array, not a hash per stop).
    static func graphIDs(_ db: Database) throws -> [String?] {
        var graphs: [String?] = []
        for row in try Row.fetchAll(db, sql: HistoryQuery.graphKeys) {
            let key = Int(row[0] as Int64)
            guard key >= 0 else { continue }
            if key >= graphs.count { graphs += Array(repeating: nil, count: key + 1 - graphs.count) }
            graphs[key] = row[1]
        }
        return graphs
    }

    /// Every label at the index of its key, each price text parsed once.
    static func savingsLabels(_ db: Database) throws -> [SavingsLabel?] {
        var prices: [String: SavingsLedger.Price?] = [:]
        var labels: [SavingsLabel?] = []
        for row in try Row.fetchAll(db, sql: HistoryQuery.labels) {
            let priceText: String = row[2]
            var price: SavingsLedger.Price?
            if !priceText.isEmpty {
                if let known = prices[priceText] {
                    price = known
                } else {
                    price = SavingsLedger.Price(priceText)
                    prices[priceText] = .some(price)
                }
            }
            let currency: String = row[3]
            let key = Int(row[0] as Int64)
            guard key >= 0 else { continue }
            if key >= labels.count { labels += Array(repeating: nil, count: key + 1 - labels.count) }
            labels[key] = SavingsLabel(name: row[1], price: price, currency: currency.isEmpty ? nil : currency)
        }
        return labels
    }

    /// The instants (Unix seconds) of the starts that end a stop's savings, per graph in time order.
    static func startsEndingStops(_ db: Database, after: String) throws -> [String: [Int64]] {
        var starts: [String: [Int64]] = [:]
        for row in try Row.fetchAll(db, sql: HistoryQuery.startsEndingStops, arguments: [after]) {
            if let seconds = seconds(row[1]) { starts[row[0] as String, default: []].append(seconds) }
        }
        return starts
    }

    /// The Unix seconds (truncated) of a stored timestamp: `2026-11-27T02:00:00Z` by a fixed-format parser, any
    /// other ISO 8601 spelling as `ReportFormat.date(from:)` reads it; nil for NULL or anything else.
    static func seconds(_ text: String?) -> Int64? {
        guard var text else { return nil }
        let fast = text.withUTF8 { bytes -> Int64? in
            guard bytes.count == 20, bytes[10] == UInt8(ascii: "T"), bytes[19] == UInt8(ascii: "Z") else { return nil }
            return TimestampParser.parse(UnsafeRawBufferPointer(bytes))
        }
        return fast ?? date(text).map { Int64($0.timeIntervalSince1970) }
    }
}
