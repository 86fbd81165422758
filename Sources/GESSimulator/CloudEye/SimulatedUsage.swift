import Foundation

/// The usage records behind the simulator's Cloud Eye endpoint: per graph, periods and their request counts.
///
/// Loaded once from a usage CSV (docs/SPEC.md §3) and never changed, so queries read it without the state actor.
public struct SimulatedUsage: Sendable, Equatable {
    /// One usage record: `requests` requests in `[periodStart, periodStart + periodSeconds)`, Unix seconds.
    public struct Record: Sendable, Equatable, Hashable {
        public var graphID: String
        public var periodStart: Int64
        public var periodSeconds: Int64
        public var requests: Int64

        public init(graphID: String, periodStart: Int64, periodSeconds: Int64, requests: Int64) {
            self.graphID = graphID
            self.periodStart = periodStart
            self.periodSeconds = periodSeconds
            self.requests = requests
        }
    }

    /// One record of a graph, without the graph ID.
    struct Slot: Sendable, Equatable {
        var start: Int64
        var seconds: Int64
        var requests: Int64

        var end: Int64 { start + seconds }
    }

    /// One graph's records sorted by start, and the longest period among them (to find overlaps quickly).
    struct Series: Sendable, Equatable {
        var slots: [Slot]
        var longest: Int64
    }

    private(set) var series: [String: Series]

    /// How Cloud Eye misbehaves while serving these records; `.none` by default.
    public var faults: CloudEyeFaults

    /// No records: every query answers without datapoints.
    public static let empty = SimulatedUsage(records: [])

    public init(records: [Record], faults: CloudEyeFaults = .none) {
        self.faults = faults
        var grouped: [String: [Slot]] = [:]
        for record in records {
            grouped[record.graphID, default: []].append(
                Slot(start: record.periodStart, seconds: record.periodSeconds, requests: record.requests)
            )
        }
        series = grouped.mapValues { slots in
            let sorted = slots.sorted {
                ($0.start, $0.seconds, $0.requests) < ($1.start, $1.seconds, $1.requests)
            }
            return Series(slots: sorted, longest: sorted.map(\.seconds).max() ?? 0)
        }
    }

    /// How many records were loaded.
    public var recordCount: Int { series.values.reduce(0) { $0 + $1.slots.count } }

    /// The graph IDs that have at least one record, sorted.
    public var graphIDs: [String] { series.keys.sorted() }

    /// Every record, ordered by graph ID, then start.
    public var records: [Record] {
        graphIDs.flatMap { graphID in
            (series[graphID]?.slots ?? []).map {
                Record(
                    graphID: graphID,
                    periodStart: $0.start,
                    periodSeconds: $0.seconds,
                    requests: $0.requests
                )
            }
        }
    }
}
