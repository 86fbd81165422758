import Foundation
import IdleStopCore
import IdleStopStorage

/// The one line a run (or a `start`) prints on standard output (docs/SPEC.md §8), `--quiet` or not.
///
/// In a cron log it is the proof that a run happened and what it did, so only a run that ends before deciding
/// (its error is on standard error) goes without it.
enum SummaryLine {
    static func render(_ outcome: RunPipeline.Outcome) -> String {
        let s = outcome.summary
        let dry = outcome.run.mode == .dryRun
        var parts = [
            "\(s.graphsSeen) graphs",
            dry ? "\(s.stopped) to stop (dry-run)" : "\(s.stopped) stopped",
            "\(s.alreadyStopped) already stopped",
            "\(s.failed) failed",
        ]
        if s.unknown > 0 { parts.append("\(s.unknown) outcome unknown") }
        if s.held > 0 { parts.append("\(s.held) held by the trip-wire") }
        if s.noticed > 0 { parts.append("\(s.noticed) noticed") }
        parts += ["\(s.kept) kept", "\(s.skipped) skipped", "\(s.flagged) flagged"]
        let money = s.projectedSavings.keys.sorted().map { currency in
            "\(ReportFormat.money(s.projectedSavings[currency] ?? 0)) \(currency)"
        }
        let unpriced = s.unpriced > 0 ? " (\(s.unpriced) \(dry ? "to stop" : "stopped") without a price)" : ""
        parts.append("projected savings \(money.isEmpty ? "0" : money.joined(separator: " + "))\(unpriced)")
        return "ges-idle-stop \(outcome.run.command) \(outcome.run.mode.rawValue) \(outcome.run.id): "
            + parts.joined(separator: ", ")
            + (outcome.reportFailure == nil ? "; report \(outcome.reportPath)" : "; no report (see the error)")
    }

    /// `ges-idle-stop start MODE RUN_ID: N graphs, N started (or N to start (dry-run)), N already running, N refused,
    /// N failed[, N outcome unknown]; report PATH`.
    static func render(_ outcome: StartPipeline.Outcome) -> String {
        let s = outcome.summary
        var parts = [
            "\(s.graphs) graphs",
            outcome.run.mode == .dryRun ? "\(s.started) to start (dry-run)" : "\(s.started) started",
            "\(s.alreadyRunning) already running",
            "\(s.refused) refused",
            "\(s.failed) failed",
        ]
        if s.unknown > 0 { parts.append("\(s.unknown) outcome unknown") }
        return "ges-idle-stop start \(outcome.run.mode.rawValue) \(outcome.run.id): " + parts.joined(separator: ", ")
            + (outcome.reportFailure == nil ? "; report \(outcome.reportPath)" : "; no report (see the error)")
    }
}
