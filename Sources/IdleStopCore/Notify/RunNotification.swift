import Foundation

/// What one notification says about a run: the run, its counts and money, its exit status, and the graphs to tell.
///
/// Built from the run's final decisions after the report is written. Only graphs a person should hear about are
/// rows: stops (sent, would be sent, already stopped, failed, held, unknown) and flagged graphs; kept and skipped
/// graphs are only counted. With an owner tag the rows carry the owner so a message can group them per team.
public struct RunNotification: Sendable, Equatable {
    public var run: RunInfo
    public var summary: RunSummary
    public var exitStatus: Int32
    /// A word for the exit status, e.g. `done` or `someStopsFailed`.
    public var exitStatusName: String
    /// The CSV report, or nil when it could not be written.
    public var reportPath: String?
    /// The tag whose value names a graph's owner, when rows are grouped by owner.
    public var ownerTag: String?
    /// The owner this notification is restricted to (owner routing), or nil for the whole run.
    public var owner: String?
    public var rows: [NotificationRow]

    public init(
        run: RunInfo,
        decisions: [Decision],
        exitStatus: Int32,
        exitStatusName: String,
        reportPath: String?,
        ownerTag: String? = nil,
        owner: String? = nil
    ) {
        let chosen = owner.map { name in decisions.filter { Self.owner(of: $0, tag: ownerTag) == name } } ?? decisions
        self.run = run
        self.summary = RunSummary(decisions: chosen)
        self.exitStatus = exitStatus
        self.exitStatusName = exitStatusName
        self.reportPath = reportPath
        self.ownerTag = ownerTag
        self.owner = owner
        self.rows = chosen.compactMap { decision in
            NotificationRow.Section(decision).map { section in
                NotificationRow(decision: decision, section: section, owner: Self.owner(of: decision, tag: ownerTag))
            }
        }
    }

    /// The graph's owner by `tag`, or nil without a tag or a value.
    public static func owner(of decision: Decision, tag: String?) -> String? {
        guard let tag, let value = decision.graph.tags[tag], !value.isEmpty else { return nil }
        return value
    }

    /// The owners that have at least one row, sorted.
    public var owners: [String] { Set(rows.compactMap(\.owner)).sorted() }

    /// The rows grouped by owner: owners in name order, graphs without an owner last (under nil).
    public var rowsByOwner: [(owner: String?, rows: [NotificationRow])] {
        guard ownerTag != nil else { return rows.isEmpty ? [] : [(nil, rows)] }
        var groups: [(owner: String?, rows: [NotificationRow])] = owners.map { name in
            (name, rows.filter { $0.owner == name })
        }
        let unowned = rows.filter { $0.owner == nil }
        if !unowned.isEmpty { groups.append((nil, unowned)) }
        return groups
    }
}
