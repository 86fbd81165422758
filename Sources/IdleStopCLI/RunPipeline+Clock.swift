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

    /// The run's clock, read once the inventory is, and checked (see `check(_:)`).
    func checkedClock(client: GESClient?, now: Instant) throws(CommandError) -> RunClock {
        let clock = runClock(client: client, host: hostClock(), now: now)
        try check(clock)
        return clock
    }

    /// Refuses a live run whose `--now` is not the present (exit 1, nothing sent); warns about clock skew.
    func check(_ clock: RunClock) throws(CommandError) {
        if let warning = clock.skewWarning { logger.warning("\(warning)") }
        if !settings.isDryRun, let refusal = clock.liveRefusal {
            throw .setting("\(refusal).", notes: [CommandError.nothingSent])
        }
        if clock.isReplay {
            let reference = clock.source == .endpoint ? "the GES endpoint's clock" : "the host clock"
            let text =
                "replay: --now is more than \(Int(RunClock.tolerance / 60)) minutes from \(reference); later runs "
                + "will not take this run's rows as evidence that a graph ran or stopped"
            logger.notice("\(text)")
        }
    }

    /// For an authentication failure: the clock skew GES's answer showed, which breaks AK/SK signatures, or nil.
    static func skewWarning(_ client: GESClient) -> String? {
        guard let reading = client.serverClock else { return nil }
        let clock = RunClock(
            reference: reading.serverDate,
            source: .endpoint,
            host: reading.receivedAt,
            evaluatedAt: Instant(reading.receivedAt),
            isNowGiven: false
        )
        return clock.skewWarning
    }
}
