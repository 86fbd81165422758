import Foundation

/// Request counts read from Cloud Eye: per graph, the datapoints it sent, sorted by time.
///
/// A period without a datapoint is a gap (Cloud Eye reports nothing for a stopped graph), never a zero:
/// nothing is filled in. Every graph asked for has an entry, possibly empty.
public struct CloudEyeUsage: Sendable, Equatable {
    public var period: CloudEyePeriod
    /// Start of the range asked, aligned down to a whole datapoint.
    public var from: Date
    /// End (exclusive) of the range asked, aligned up to a whole datapoint.
    public var to: Date
    /// Datapoints by graph ID, in increasing timestamp order.
    public var datapoints: [String: [CloudEyeDatapoint]]

    public init(period: CloudEyePeriod, from: Date, to: Date, datapoints: [String: [CloudEyeDatapoint]]) {
        self.period = period
        self.from = from
        self.to = to
        self.datapoints = datapoints
    }

    /// The usage records of docs/SPEC.md §3, one per datapoint, ordered by graph ID then period start.
    ///
    /// `periodSeconds` is the time one datapoint stands for (`period.datapointSeconds`: 60 for raw data).
    public func records() -> [(graphID: String, periodStart: Int64, periodSeconds: Int64, requests: Double)] {
        let seconds = period.datapointSeconds
        return datapoints.keys.sorted().flatMap { graphID in
            (datapoints[graphID] ?? []).map { point in
                (graphID: graphID, periodStart: point.periodStart, periodSeconds: seconds, requests: point.sum)
            }
        }
    }
}
