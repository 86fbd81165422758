/// How the simulated Cloud Eye misbehaves, to rehearse a run that cannot read its usage.
///
/// Kept with the usage it serves (`SimulatedUsage.faults`): the GES fault settings draw per request over every
/// service, whereas these hit only Cloud Eye, so a run can list its graphs and then fail to read their usage.
public struct CloudEyeFaults: Sendable, Equatable {
    /// Graphs whose metric entry is left out of every answer, as if Cloud Eye had lost them.
    public var omittedGraphIDs: Set<String>
    /// When set, every Cloud Eye query is answered with this HTTP status (400-599) and Cloud Eye's error body.
    public var failureStatus: Int?

    public init(omittedGraphIDs: Set<String> = [], failureStatus: Int? = nil) {
        self.omittedGraphIDs = omittedGraphIDs
        self.failureStatus = failureStatus
    }

    /// No fault: Cloud Eye answers every query as the real service would.
    public static let none = CloudEyeFaults()
}
