import Foundation

/// A stop whose request was sent but whose answer was never recorded (result `unknown`).
public struct UnknownOutcome: Sendable, Equatable {
    public var runID: String
    public var graphID: String
    public var graphName: String
    /// When the request was about to be sent (wall clock).
    public var sentAt: Date?

    public init(runID: String, graphID: String, graphName: String, sentAt: Date?) {
        self.runID = runID
        self.graphID = graphID
        self.graphName = graphName
        self.sentAt = sentAt
    }
}
