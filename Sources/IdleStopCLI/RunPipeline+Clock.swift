import Foundation
import GESKit
import IdleStopCore
import IdleStopStorage

extension RunPipeline {
    /// The run's reference clock: the GES endpoint's (its first answer's `Date`) when it listed the inventory,
    /// else the host clock `host`, read once the inventory is.
    func runClock(client: GESClient?, host: Date, now: Instant) -> RunClock {
        let isNowGiven = settings.now != nil
        if settings.inventoryPath != nil {
            return RunClock(
                reference: host,
                source: .inventoryFile,
                host: host,
                evaluatedAt: now,
                isNowGiven: isNowGiven
            )
        }
        guard let reading = client?.serverClock else {
            return RunClock(
                reference: host,
                source: .host,
                host: host,
                evaluatedAt: now,
                isNowGiven: isNowGiven
            )
        }
        return RunClock(
            reference: reading.serverDate,
            source: .endpoint,
            host: reading.receivedAt,
            evaluatedAt: now,
            isNowGiven: isNowGiven
        )
    }

    /// Refuses a live run whose `--now` is not the present (exit 1, nothing sent); warns about clock skew.
    func check(_ clock: RunClock) throws(CommandError) {
        if let warning = clock.skewWarning { logger.warning("\(warning)") }
        if !settings.isDryRun, let refusal = clock.liveRefusal {
            throw .badInput("\(refusal).\nNo stop was sent.")
        }
        if clock.isReplay {
            let reference = clock.source == .endpoint ? "the GES endpoint's clock" : "the host clock"
            let text =
                "replay: --now is more than \(Int(RunClock.tolerance / 60)) minutes from \(reference); later runs "
                + "will not take this run's rows as evidence that a graph ran or stopped"
            logger.notice("\(text)")
        }
    }

    /// What earlier runs, and this run's Cloud Eye datapoints, say about each graph for the restart rule.
    func restartEvidence(
        store: HistoryStore,
        graphs: [Graph],
        windows: Set<TimeSpan>,
        fetched: [UsageRecord],
        now: Instant
    ) throws(CommandError) -> [String: RestartEvidence] {
        // Far enough back to see the stop before a seven-day automatic restart inside the longest window.
        let longest = windows.max() ?? .hours(24)
        let since = now - longest - Graph.automaticRestartAfter - .days(1)
        var evidence: [String: RestartEvidence]
        do {
            evidence = try store.graphHistory(graphIDs: Set(graphs.map(\.id)), since: since, now: now)
                .mapValues(\.restartEvidence)
        } catch {
            throw .badInput("\(error)")
        }
        for record in fetched where evidence[record.graphID] != nil {
            evidence[record.graphID]?.observeDatapoint(
                start: record.periodStart,
                seconds: record.periodSeconds,
                now: now
            )
        }
        return evidence
    }

    /// For an authentication failure: the clock skew GES's answer showed, which breaks AK/SK signatures, or "".
    static func skewHint(_ client: GESClient) -> String {
        guard let reading = client.serverClock else { return "" }
        let clock = RunClock(
            reference: reading.serverDate,
            source: .endpoint,
            host: reading.receivedAt,
            evaluatedAt: Instant(reading.receivedAt),
            isNowGiven: false
        )
        return clock.skewWarning.map { "\n\($0)" } ?? ""
    }
}
