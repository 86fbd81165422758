import Foundation
import GESKit
import IdleStopCore
import Logging

/// Gathers a run's usage: from CSV sources through the streaming reader, or from Cloud Eye (`--usage cloud-eye`).
///
/// The two are not mixed in one run: coverage is a union of periods, and records from two feeds of the same
/// metric would only double-count requests. Cloud Eye failures are `cloudUnreadable` (exit 5) before any stop.
struct UsageCollector {
    static let cloudEyeSource = "cloud-eye"

    var settings: RunSettings
    var logger: Logger

    /// What was read, and the records fetched from Cloud Eye (empty for CSV) to keep and to save.
    struct Collected {
        var summary: UsageSummary
        var fetched: FetchedUsage
    }

    var usesCloudEye: Bool { settings.usageSources.contains(Self.cloudEyeSource) }

    func collect(
        query: UsageQuery,
        graphs: [Graph],
        cloudEye: CloudEyeClient?
    )
        async throws(CommandError) -> Collected
    {
        guard usesCloudEye else {
            do {
                let summary = try UsageReader(query: query, maxBadRows: settings.maxBadRows, logger: logger)
                    .read(sources: settings.usageSources)
                return Collected(summary: summary, fetched: .none)
            } catch {
                throw CommandError(.usage(error), notes: [CommandError.nothingSent])
            }
        }
        guard settings.usageSources.allSatisfy({ $0 == Self.cloudEyeSource }) else {
            throw .setting("--usage cloud-eye cannot be combined with CSV sources in one run")
        }
        guard let cloudEye else { throw .setting("--usage cloud-eye needs the cloud: no Cloud Eye client") }
        let longest = query.windows.max() ?? .hours(24)
        let fetched = try await fetch(
            cloudEye: cloudEye,
            graphIDs: graphs.filter(\.isRunning).map(\.id),
            from: (query.now - longest).date,
            to: query.now.date,
            period: CloudEyePeriod.choose(forWindows: query.windows)
        )
        var aggregator = UsageAggregator(query: query)
        for record in fetched.records { aggregator.add(record) }
        var summary = aggregator.summary()
        summary.sources = [Self.cloudEyeSource]
        return Collected(summary: summary, fetched: fetched)
    }

    /// Fetches `ges004_request_count` sums of `graphIDs` over `[from, to)`; every failure fails the run.
    func fetch(
        cloudEye: CloudEyeClient,
        graphIDs: [String],
        from: Date,
        to: Date,
        period: CloudEyePeriod
    )
        async throws(CommandError) -> FetchedUsage
    {
        guard !graphIDs.isEmpty else { return .none }
        logger.info("reading usage of \(graphIDs.count) graph(s) from Cloud Eye at period \(period.rawValue)s")
        do {
            return FetchedUsage(
                usage: try await cloudEye.requestCounts(graphIDs: graphIDs, from: from, to: to, period: period)
            )
        } catch {
            let context = error.kind == .authenticationFailed ? "Cloud Eye: " : "could not read usage from Cloud Eye: "
            throw CommandError(.cloudEye(error), context: context, notes: [CommandError.nothingSent])
        }
    }
}
