import GESKit
import IdleStopCore

/// The datapoints a run fetched from Cloud Eye, read as usage records one at a time.
///
/// Holding them as Cloud Eye answered (16 bytes a datapoint) instead of an array of `UsageRecord`s (48 bytes, plus
/// its growth) keeps a Cloud Eye night within the memory of a CSV night (issue 15: 10,000 graphs at 7d windows is
/// up to 1.7 million datapoints).
struct FetchedUsage: Sendable {
    /// Nothing fetched (a run on CSV usage).
    static let none = FetchedUsage(usage: nil)

    var usage: CloudEyeUsage?

    /// Every datapoint as a record (docs/SPEC.md §3), by graph ID then period start, made as it is read.
    var records: some Collection<UsageRecord> {
        let datapoints = usage?.datapoints ?? [:]
        let seconds = usage?.period.datapointSeconds ?? 60
        return datapoints.keys.sorted().lazy.flatMap { graphID in
            (datapoints[graphID] ?? []).lazy.map { point in
                UsageRecord(
                    graphID: graphID,
                    periodStart: point.periodStart,
                    periodSeconds: seconds,
                    requests: point.sum
                )
            }
        }
    }
}
