import Foundation

/// The JSON bodies of webhooks: `generic` carries the run and its rows as fields, `slack` a text message.
///
/// Money is written as JSON strings holding the exact decimal (`"12.50"` stays `"12.5"`, never a binary
/// floating-point number), so a receiver can parse it without rounding.
public struct NotificationDocument: Sendable, Equatable, Encodable {
    public var runID: String
    public var command: String
    public var mode: String
    public var evaluatedAt: String
    public var exitStatus: Int32
    public var exitStatusName: String
    public var reportPath: String?
    public var ownerTag: String?
    public var owner: String?
    public var counts: [String: Int]
    /// Currency → exact decimal text.
    public var projectedSavings: [String: String]
    public var rows: [Row]

    /// One graph of the generic document.
    public struct Row: Sendable, Equatable, Encodable {
        public var graphID: String
        public var name: String
        public var owner: String?
        public var decision: String
        public var result: String?
        public var section: String
        public var reason: String
        public var projectedSavings: String?
        public var currency: String?
        public var error: String?

        enum CodingKeys: String, CodingKey {
            case graphID = "graph_id"
            case name, owner, decision, result, section, reason
            case projectedSavings = "projected_savings"
            case currency, error
        }
    }

    enum CodingKeys: String, CodingKey {
        case runID = "run_id"
        case command, mode
        case evaluatedAt = "evaluated_at"
        case exitStatus = "exit_status"
        case exitStatusName = "exit_status_name"
        case reportPath = "report_path"
        case ownerTag = "owner_tag"
        case owner, counts
        case projectedSavings = "projected_savings"
        case rows
    }

    public init(_ notification: RunNotification) {
        let s = notification.summary
        runID = notification.run.id
        command = notification.run.command
        mode = notification.run.mode.rawValue
        evaluatedAt = NotificationText.timestamp(notification.run.evaluatedAt)
        exitStatus = notification.exitStatus
        exitStatusName = notification.exitStatusName
        reportPath = notification.reportPath
        ownerTag = notification.ownerTag
        owner = notification.owner
        counts = [
            "graphs_seen": s.graphsSeen, "stopped": s.stopped, "already_stopped": s.alreadyStopped,
            "failed": s.failed, "unknown": s.unknown, "held": s.held, "noticed": s.noticed, "kept": s.kept,
            "skipped": s.skipped,
            "flagged": s.flagged,
        ]
        projectedSavings = s.projectedSavings.mapValues { "\($0)" }
        rows = notification.rows.map { row in
            Row(
                graphID: row.graphID,
                name: row.name,
                owner: row.owner,
                decision: row.decision.rawValue,
                result: row.result?.rawValue,
                section: row.section.rawValue,
                reason: row.reason,
                projectedSavings: row.projectedSavings.map { "\($0)" },
                currency: row.currency,
                error: row.error
            )
        }
    }

    /// The generic webhook body: this document as JSON with sorted keys.
    public func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data("{}".utf8)
    }

    /// Slack's limit on a message's `text` is 40,000 characters; bytes are a safe bound for it.
    public static let slackTextLimit = 40_000

    /// The slack webhook body: `{"text": subject + message}`.
    public static func slackBody(_ notification: RunNotification) -> Data {
        let text =
            NotificationText.subject(notification) + "\n"
            + NotificationText.message(notification, limit: slackTextLimit - 600)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(["text": text])) ?? Data("{}".utf8)
    }
}
