import Foundation
import IdleStopStorage

extension RunPipeline {
    /// Writes the metrics file of a run that finished, with every figure (docs/SPEC.md §8, metrics file).
    static func writeMetrics(of outcome: Outcome, to path: String?) {
        let document = MetricsDocument(
            startedAt: outcome.run.startedAt,
            finishedAt: Date(),
            exitStatus: outcome.status.rawValue,
            figures: outcome.figures
        )
        writeMetrics(document, to: path)
    }

    /// Writes the metrics file of a run that failed before it finished: exit status, end time and duration only.
    ///
    /// A run refused because another holds the lock (75) never started: the file keeps the last run's figures,
    /// and the run holding the lock writes its own when it ends. A stuck run shows as a stale timestamp.
    static func writeMetrics(failure status: ExitStatus, startedAt: Date, to path: String?) {
        guard status != .locked else { return }
        writeMetrics(MetricsDocument(startedAt: startedAt, finishedAt: Date(), exitStatus: status.rawValue), to: path)
    }

    /// Writes `document` to `path` when one is set; a failure is a warning and never changes the exit status.
    ///
    /// The metrics watch the job, they are not its record (the history and the report are): stops are never held
    /// back for them, and a file that stops being written shows as a stale last-run timestamp.
    private static func writeMetrics(_ document: MetricsDocument, to path: String?) {
        guard let path else { return }
        do { try document.write(to: URL(fileURLWithPath: path)) } catch {
            CommandLogging.printWarning("the metrics file \(path) could not be written: \(error)")
        }
    }
}
