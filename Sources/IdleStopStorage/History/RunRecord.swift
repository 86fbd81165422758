import Foundation
import IdleStopCore

/// One row of the `runs` table.
public struct RunRecord: Sendable, Equatable {
    public var id: String
    public var command: String
    public var mode: RunInfo.Mode
    public var startedAt: Date
    public var evaluatedAt: Date
    public var finishedAt: Date?
    /// Counts and projected savings; all zero while the run is unfinished.
    public var summary: RunSummary
    public var exitStatus: Int32?
    public var reportPath: String?
    /// False while the run is going on, or when it died before `finishRun`.
    public var isFinished: Bool
    /// A `start` run's counts (its `failed` and `unknown` are also in `summary`); nil for other runs.
    public var starts: StartSummary?

    public init(
        id: String,
        command: String,
        mode: RunInfo.Mode,
        startedAt: Date,
        evaluatedAt: Date,
        finishedAt: Date?,
        summary: RunSummary,
        exitStatus: Int32?,
        reportPath: String?,
        isFinished: Bool,
        starts: StartSummary? = nil
    ) {
        self.id = id
        self.command = command
        self.mode = mode
        self.startedAt = startedAt
        self.evaluatedAt = evaluatedAt
        self.finishedAt = finishedAt
        self.summary = summary
        self.exitStatus = exitStatus
        self.reportPath = reportPath
        self.isFinished = isFinished
        self.starts = starts
    }
}
