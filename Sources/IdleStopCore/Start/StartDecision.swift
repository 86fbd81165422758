/// One row of a `start` report: a graph asked for, the job's stop it would undo, and what was done.
public struct StartDecision: Sendable, Equatable {
    public var graphID: String
    /// The graph as GES lists it now; nil when GES does not list it.
    public var graph: Graph?
    /// The job's stop this start undoes; nil when the history has none.
    public var stop: JobStop?
    /// Nil only between the plan and the request: a start to send.
    public var result: StartResult?
    /// A sentence with the instants and statuses that decided it.
    public var reason: String
    public var jobID: String?
    public var errorCode: String?
    public var errorMessage: String?

    public init(
        graphID: String,
        graph: Graph?,
        stop: JobStop?,
        result: StartResult?,
        reason: String,
        jobID: String? = nil,
        errorCode: String? = nil,
        errorMessage: String? = nil
    ) {
        self.graphID = graphID
        self.graph = graph
        self.stop = stop
        self.result = result
        self.reason = reason
        self.jobID = jobID
        self.errorCode = errorCode
        self.errorMessage = errorMessage
    }
}
