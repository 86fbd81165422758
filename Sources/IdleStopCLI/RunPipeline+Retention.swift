import Foundation
import IdleStopCore
import IdleStopStorage

extension RunPipeline {
    /// Retain: deletes the rows `history:` lets go and compacts the file, last in the run and inside its lock.
    ///
    /// The cut-offs count back from the run's evaluated time, but never from later than its reference clock (a
    /// replay of the future deletes no more than a run now would), and never reach into the restart rule's
    /// look-back (`HistoryRetention.cutoffs`). A failure is a warning: the stops, the report and the exit status
    /// stand, and the next run deletes what this one could not.
    func retain(_ inputs: Inputs, clock: RunClock, store: HistoryStore) {
        let now = min(inputs.run.evaluatedAt, Instant(clock.reference))
        let lookBack = RestartEvidence.historyStart(windows: inputs.policies.usageNeeds.windows, now: now)
        let retention = settings.retention
        for shortfall in retention.shortfalls(now: now, lookBack: lookBack) { logger.warning("\(shortfall)") }
        let started = ContinuousClock.now
        do {
            let deleted = try store.applyRetention(retention.cutoffs(now: now, lookBack: lookBack), at: Date())
            logger.info(
                "retention: deleted \(deleted.decisions) decision rows, \(deleted.runs) runs, \(deleted.usageRecords) usage records and \(deleted.notifications) notifications\(deleted.vacuumed ? ", compacted the file" : "") in \(ContinuousClock.now - started)"
            )
        } catch {
            logger.warning("could not apply the history retention (the next run tries again): \(error)")
        }
    }
}
