import Foundation

/// The subject and text of a notification, within SMN's limits (docs/ges-api.md §11).
///
/// A subject longer than 512 bytes is cut on a UTF-8 character boundary; a message that would pass its byte
/// limit lists as many graphs as fit and ends with "… N more graphs" instead of failing: the report path is
/// always in the message, so the rest is one file away.
public enum NotificationText {
    /// SMN's limit on `subject`, in bytes.
    public static let subjectLimit = 512
    /// SMN's limit on `message`, in bytes (256 KB).
    public static let messageLimit = 256 * 1024

    /// One line: the run, the counts that need attention, and the exit status.
    public static func subject(_ notification: RunNotification) -> String {
        let s = notification.summary
        let run = notification.run
        let stopped = run.mode == .dryRun ? "\(s.stopped) to stop" : "\(s.stopped) stopped"
        var parts = [stopped, "\(s.failed + s.unknown) failed", "\(s.held) held"]
        if s.noticed > 0 { parts.append("\(s.noticed) noticed") }
        parts.append("\(s.flagged) flagged")
        if let money = money(s.projectedSavings) { parts.append("saves \(money)") }
        let owner = notification.owner.map { " [\($0)]" } ?? ""
        let text =
            "ges-idle-stop \(run.command) \(run.mode.rawValue) \(run.id)\(owner): \(parts.joined(separator: ", "))"
            + " (exit \(notification.exitStatus))"
        return cut(text, toBytes: subjectLimit)
    }

    /// The message: a summary, then the graphs by owner and section, within `limit` bytes.
    public static func message(_ notification: RunNotification, limit: Int = messageLimit) -> String {
        let s = notification.summary
        let run = notification.run
        var head = [
            "ges-idle-stop \(run.command), \(run.mode.rawValue) run \(run.id), evaluated at \(timestamp(run.evaluatedAt))"
        ]
        if let owner = notification.owner { head.append("Graphs of owner \(owner)") }
        head += [
            "Exit status: \(notification.exitStatus) (\(notification.exitStatusName))",
            "Graphs: \(s.graphsSeen) seen, \(s.stopped) \(run.mode == .dryRun ? "to stop" : "stopped"), "
                + "\(s.alreadyStopped) already stopped, \(s.failed) failed, \(s.unknown) outcome unknown, "
                + "\(s.held) held, \(s.noticed) noticed, \(s.kept) kept, \(s.skipped) skipped, \(s.flagged) flagged",
            "Projected savings: \(money(s.projectedSavings) ?? "none")",
            "Report: \(notification.reportPath ?? "not written (see the run's log)")",
        ]
        var body: [String] = []
        for group in notification.rowsByOwner {
            if notification.ownerTag != nil {
                body.append("")
                body.append(group.owner.map { "Owner \($0):" } ?? "No \(notification.ownerTag ?? "owner") tag:")
            }
            for section in NotificationRow.Section.allCases {
                let rows = group.rows.filter { $0.section == section }
                guard !rows.isEmpty else { continue }
                body.append("  \(section.rawValue):")
                body += rows.map(line)
            }
        }
        return fit(head: head.joined(separator: "\n"), lines: body, rowCount: notification.rows.count, limit: limit)
    }

    /// One graph: name, ID, why, savings and error.
    static func line(_ row: NotificationRow) -> String {
        var text = "    - \(row.name) (\(row.graphID)): \(row.reason)"
        if let savings = row.projectedSavings, let currency = row.currency { text += "; saves \(savings) \(currency)" }
        if let error = row.error { text += "; error \(error)" }
        return text
    }

    /// `head`, then as many of `lines` as fit in `limit` bytes, then "… N more graphs" for the graphs left out.
    static func fit(head: String, lines: [String], rowCount: Int, limit: Int) -> String {
        let reserve = "\n… \(rowCount) more graphs (see the report)".utf8.count
        var text = head
        var graphsShown = 0
        for (index, line) in lines.enumerated() {
            let isLast = index == lines.count - 1
            guard text.utf8.count + 1 + line.utf8.count + (isLast ? 0 : reserve) <= limit else {
                let left = rowCount - graphsShown
                return cut(text + "\n… \(left) more graph\(left == 1 ? "" : "s") (see the report)", toBytes: limit)
            }
            text += "\n" + line
            if line.hasPrefix("    - ") { graphsShown += 1 }
        }
        return cut(text, toBytes: limit)
    }

    /// `text` cut to at most `limit` bytes of UTF-8, never inside a character.
    public static func cut(_ text: String, toBytes limit: Int) -> String {
        guard text.utf8.count > limit else { return text }
        var result = ""
        var used = 0
        for character in text {
            let size = character.utf8.count
            guard used + size <= limit else { break }
            result.append(character)
            used += size
        }
        return result
    }

    /// Sums per currency as `12.5 CNY + 3 USD`, exactly as the decimals hold them; nil when there are none.
    static func money(_ sums: [String: Decimal]) -> String? {
        guard !sums.isEmpty else { return nil }
        return sums.keys.sorted().map { "\(sums[$0] ?? 0) \($0)" }.joined(separator: " + ")
    }

    /// `2026-11-27T02:00:00Z`.
    static func timestamp(_ instant: Instant) -> String { "\(instant)" }
}
