import Foundation

/// A stop or start job: it runs for the job delay on the simulated clock, then moves the graph to its target status.
struct SimulatedJob: Sendable, Equatable {
    enum Kind: String, Sendable {
        case stop = "StopGraph"
        case start = "StartGraph"

        /// The graph status once the job succeeds.
        var targetStatus: SimulatedStatus { self == .stop ? .stopped : .running }
    }

    enum State: String, Sendable {
        case running
        case success
        case failed
    }

    let id: String
    let graphID: String
    let graphName: String
    let kind: Kind
    let begin: Date
    let end: Date
    var state: State = .running
    var failReason: String = ""

    /// The job-status answer (docs/ges-api.md §3.2); times UTC `yyyy-MM-dd'T'HH:mm:ss`, end time empty while running.
    var statusDocument: JSONValue {
        [
            "job_id": .string(id),
            "status": .string(state.rawValue),
            "job_type": .string(kind.rawValue),
            "job_name": .string(kind.rawValue),
            "related_graph": .string(graphName),
            "begin_time": .string(SimulatedClock.jobTime(begin)),
            "end_time": .string(state == .running ? "" : SimulatedClock.jobTime(end)),
            "fail_reason": .string(failReason),
        ]
    }
}
