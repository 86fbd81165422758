/// Folds usage records, one at a time, into a `GraphUsage` per graph for every window of a `UsageQuery`.
///
/// Pure and order-independent. Memory grows with the number of graphs (and the gaps in their coverage),
/// never with the number of records: each graph keeps one `IntervalSet` clipped to the largest window (and one
/// per queried metric column, of the periods that have a value for it) and running totals per window; per-window
/// coverage is derived in `summary()`.
///
/// Rules (docs/SPEC.md §3, §4 "Idle, precisely"): a window is `[now − window, now)`; a record counts toward a
/// window when its period overlaps it, and then its requests and metric values count whole (over-counting
/// activity can only keep a graph); coverage is the union of periods clipped to the window, and a metric's coverage
/// the union of the periods that have a value for that metric (a blank cell is a gap, not a zero). Records that
/// start at or after `now` are future rows: counted, otherwise ignored (checked before the graph, so a
/// future row of an unknown graph counts as future). Records of graphs outside `query.graphIDs` are only
/// counted. A non-positive period length is treated as one second (the reader rejects such rows).
public struct UsageAggregator: Sendable {
    public let query: UsageQuery
    /// The query's windows, largest first.
    let windows: [TimeSpan]
    /// `now − window` for each of `windows`: ascending.
    let windowStarts: [Int64]
    /// The query's metric columns in a fixed order; metric values travel as arrays in this order.
    let metricNames: [String]
    let metricIndex: [String: Int]
    var graphIndex: [String: Int] = [:]
    var graphs: [GraphAccumulator] = []
    /// Records that counted toward a graph (not future, not unknown).
    public private(set) var recordsAdded = 0
    public private(set) var futureRows = 0
    public private(set) var rowsForUnknownGraphs = 0

    public init(query: UsageQuery) {
        self.query = query
        windows = query.windows.sorted(by: >)
        windowStarts = windows.map { query.now.unixSeconds.subtractingSaturated($0.seconds) }
        metricNames = query.metrics.sorted()
        metricIndex = Dictionary(uniqueKeysWithValues: metricNames.enumerated().map { ($1, $0) })
        if let ids = query.graphIDs {
            for id in ids.sorted() { _ = addGraph(id) }
        }
    }

    /// Adds one record.
    public mutating func add(_ record: UsageRecord) {
        guard record.periodStart < query.now.unixSeconds else {
            futureRows += 1
            return
        }
        guard let slot = slot(for: record.graphID) else {
            rowsForUnknownGraphs += 1
            return
        }
        var values = [Double](repeating: .nan, count: metricNames.count)
        for (name, value) in record.metrics {
            if let index = metricIndex[name] { values[index] = value }
        }
        accumulate(
            slot: slot,
            periodStart: record.periodStart,
            periodSeconds: record.periodSeconds,
            requests: record.requests,
            metricValues: values
        )
    }

    /// Folds in what another aggregator of the same query has seen (e.g. another file read in parallel).
    public mutating func merge(_ other: UsageAggregator) {
        precondition(other.query == query, "merging aggregators of different queries")
        recordsAdded += other.recordsAdded
        futureRows += other.futureRows
        rowsForUnknownGraphs += other.rowsForUnknownGraphs
        for theirs in other.graphs {
            let slot = graphIndex[theirs.id] ?? addGraph(theirs.id)
            graphs[slot].merge(theirs)
        }
    }

    /// Usage per graph and window: every graph of `query.graphIDs` (or every graph seen when nil).
    public func summary() -> UsageSummary {
        var usage: [String: GraphUsage] = [:]
        usage.reserveCapacity(graphs.count)
        for graph in graphs {
            var result = GraphUsage(
                graphID: graph.id,
                lastActivity: graph.lastActivity,
                lastRecordEnd: graph.lastRecordEnd
            )
            let covered = graph.coverage.merged
            let metricCovered = graph.metricCoverage.map(\.merged)
            for (w, window) in windows.enumerated() {
                let range = windowStarts[w]..<query.now.unixSeconds
                var metrics: [String: MetricStats] = [:]
                for (m, name) in metricNames.enumerated() {
                    var stats = graph.metrics[w * metricNames.count + m]
                    guard stats.count > 0 else { continue }
                    stats.coveredSeconds = metricCovered[m].coveredSeconds(in: range)
                    metrics[name] = stats
                }
                result.windows[window] = WindowUsage(
                    window: window,
                    coveredSeconds: covered.coveredSeconds(in: range),
                    requests: graph.requests[w],
                    metrics: metrics
                )
            }
            usage[graph.id] = result
        }
        return UsageSummary(
            graphs: usage,
            rowsRead: recordsAdded + futureRows + rowsForUnknownGraphs,
            rowsForUnknownGraphs: rowsForUnknownGraphs,
            futureRows: futureRows
        )
    }

    // MARK: - The reader's allocation-free path

    /// Counts a row that starts at or after `now`.
    mutating func noteFutureRow() { futureRows += 1 }

    /// Counts a row of a graph outside `query.graphIDs`.
    mutating func noteUnknownGraphRow() { rowsForUnknownGraphs += 1 }

    /// The slot of a graph to aggregate, or nil when the query does not ask about it.
    mutating func slot(for graphID: String) -> Int? {
        if let slot = graphIndex[graphID] { return slot }
        guard query.graphIDs == nil else { return nil }
        return addGraph(graphID)
    }

    /// Adds a record that starts before `now`; `metricValues` follow `metricNames`, NaN where absent.
    mutating func accumulate(
        slot: Int,
        periodStart start: Int64,
        periodSeconds: Int64,
        requests: Double,
        metricValues: [Double]
    ) {
        recordsAdded += 1
        let now = query.now.unixSeconds
        let end = start.addingSaturated(Swift.max(periodSeconds, 1))
        let clippedEnd = Swift.min(end, now)
        let metricCount = metricNames.count
        // The windows the period reaches: a prefix, since their starts ascend.
        var reached = 0
        windowStarts.withUnsafeBufferPointer { starts in
            while reached < starts.count, end > starts[reached] { reached &+= 1 }
        }
        graphs[slot].withState { graph in
            if requests > 0, clippedEnd > graph.lastActivity ?? .min { graph.lastActivity = clippedEnd }
            if clippedEnd > graph.lastRecordEnd ?? .min { graph.lastRecordEnd = clippedEnd }
            if reached > 0 {
                graph.requests.withUnsafeMutableBufferPointer { totals in
                    for w in 0..<reached { totals[w] += requests }
                }
            }
            if metricCount > 0 {
                for w in 0..<reached {
                    for m in 0..<metricCount where !metricValues[m].isNaN {
                        graph.metrics[w * metricCount + m].add(metricValues[m])
                    }
                }
            }
            if let earliest = windowStarts.first {
                let coveredStart = Swift.max(start, earliest)
                graph.coverage.insert(start: coveredStart, end: clippedEnd)
                if metricCount > 0 { graph.coverMetrics(metricValues, start: coveredStart, end: clippedEnd) }
            }
        }
    }

    private mutating func addGraph(_ id: String) -> Int {
        let slot = graphs.count
        graphs.append(
            GraphAccumulator(
                id: id,
                windowCount: windows.count,
                metricCount: metricNames.count,
                bounds: windowStarts.first.map { $0..<Swift.max($0, query.now.unixSeconds) }
            )
        )
        graphIndex[id] = slot
        return slot
    }
}

/// Running totals of one graph.
struct GraphAccumulator: Sendable {
    var id: String
    /// Periods clipped to the largest window.
    var coverage: PeriodUnion
    /// Per metric, in the aggregator's order: the periods (clipped likewise) that have a value for it.
    var metricCoverage: [PeriodUnion]
    /// Requests per window, in the aggregator's window order.
    var requests: [Double]
    /// Metric statistics, window-major: `[window * metricCount + metric]`.
    var metrics: [MetricStats]
    var lastActivity: Int64?
    var lastRecordEnd: Int64?

    /// `bounds`: the largest window, where every period added to the coverage lies.
    init(id: String, windowCount: Int, metricCount: Int, bounds: Range<Int64>?) {
        self.id = id
        coverage = PeriodUnion(bounds: bounds)
        requests = Array(repeating: 0, count: windowCount)
        metrics = Array(repeating: MetricStats(), count: windowCount * metricCount)
        metricCoverage = Array(repeating: PeriodUnion(bounds: bounds), count: metricCount)
    }

    /// Runs `body` on the state in place (one exclusive access instead of one per field).
    @inline(__always) mutating func withState(_ body: (inout GraphAccumulator) -> Void) { body(&self) }

    /// Adds `[start, end)` to the coverage of each metric that has a value (`values` NaN where absent).
    ///
    /// Out of line, so that reading without metric filters keeps the small inlined path it had.
    @inline(never) mutating func coverMetrics(_ values: [Double], start: Int64, end: Int64) {
        for m in values.indices where !values[m].isNaN { metricCoverage[m].insert(start: start, end: end) }
    }

    /// Folds in what another aggregator saw of the same graph.
    mutating func merge(_ other: GraphAccumulator) {
        coverage.formUnion(other.coverage)
        for index in metricCoverage.indices { metricCoverage[index].formUnion(other.metricCoverage[index]) }
        for index in requests.indices { requests[index] += other.requests[index] }
        for index in metrics.indices {
            let theirs = other.metrics[index]
            metrics[index].sum += theirs.sum
            metrics[index].count += theirs.count
            if theirs.max > metrics[index].max { metrics[index].max = theirs.max }
        }
        if let theirs = other.lastActivity, theirs > lastActivity ?? .min { lastActivity = theirs }
        if let theirs = other.lastRecordEnd, theirs > lastRecordEnd ?? .min { lastRecordEnd = theirs }
    }
}

extension Int64 {
    /// `self + other`, clamped to the representable range.
    func addingSaturated(_ other: Int64) -> Int64 {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? .max : .min) : sum
    }

    /// `self − other`, clamped to the representable range.
    func subtractingSaturated(_ other: Int64) -> Int64 {
        let (difference, overflow) = subtractingReportingOverflow(other)
        return overflow ? (other > 0 ? .min : .max) : difference
    }
}
