import IdleStopCore

/// One graph's Cloud Eye datapoints of one period length from one run, packed as text: a `usage_series` row.
///
/// A night's Cloud Eye fetch for 10,000 graphs is about 600,000 datapoints; one row per datapoint took about 150
/// bytes with its indexes, one row per graph and period about 4 bytes per datapoint (schema v8-compact).
struct UsageSeries: Sendable, Equatable {
    var graphID: String
    var periodSeconds: Int64
    /// Start of the first datapoint, Unix seconds.
    var firstStart: Int64
    /// Start of the last datapoint, Unix seconds.
    var lastStart: Int64
    /// `offset:requests` pairs separated by spaces: the datapoint's start is `firstStart + offset × periodSeconds`,
    /// requests spelled as in the usage CSV (`UsageCSVWriter.number`).
    var points: String

    /// Packs records (in any order) per graph and period length in time order; a datapoint whose start is off the
    /// grid of the series' first start begins a new series.
    static func pack(_ records: some Collection<UsageRecord>) -> [UsageSeries] {
        let inOrder: (UsageRecord, UsageRecord) -> Bool = {
            ($0.graphID, $0.periodSeconds, $0.periodStart) < ($1.graphID, $1.periodSeconds, $1.periodStart)
        }
        // A Cloud Eye fetch comes in this order already: no sorted copy of ~600,000 records then.
        let sorted = zip(records, records.dropFirst()).allSatisfy { !inOrder($1, $0) }
        return sorted ? packOrdered(records) : packOrdered(records.sorted(by: inOrder))
    }

    /// `pack` of records already in graph, period length and time order.
    private static func packOrdered(_ ordered: some Sequence<UsageRecord>) -> [UsageSeries] {
        var series: [UsageSeries] = []
        for record in ordered {
            let point = UsageCSVWriter.number(record.requests)
            // In place (no copy of the last series, which would share its text and copy it at every append).
            let last = series.count - 1
            if last >= 0, series[last].graphID == record.graphID, series[last].periodSeconds == record.periodSeconds,
                (record.periodStart - series[last].firstStart) % record.periodSeconds == 0
            {
                let offset = (record.periodStart - series[last].firstStart) / record.periodSeconds
                series[last].points += " \(offset):\(point)"
                series[last].lastStart = record.periodStart
            } else {
                series.append(
                    UsageSeries(
                        graphID: record.graphID,
                        periodSeconds: record.periodSeconds,
                        firstStart: record.periodStart,
                        lastStart: record.periodStart,
                        points: "0:\(point)"
                    )
                )
            }
        }
        return series
    }

    /// The datapoints back as records, in time order (requests NaN when a stored number cannot be read).
    func records() -> [UsageRecord] {
        points.split(separator: " ").compactMap { pair in
            guard let colon = pair.firstIndex(of: ":"), let offset = Int64(pair[..<colon]) else { return nil }
            return UsageRecord(
                graphID: graphID,
                periodStart: firstStart + offset * periodSeconds,
                periodSeconds: periodSeconds,
                requests: Double(pair[pair.index(after: colon)...]) ?? .nan
            )
        }
    }

    /// The end of the first datapoint that starts in `[since, before)`, or nil when none does.
    func firstEnd(startingFrom since: Int64, before: Int64) -> Int64? {
        records().first { $0.periodStart >= since && $0.periodStart < before }.map { $0.periodStart + periodSeconds }
    }
}
