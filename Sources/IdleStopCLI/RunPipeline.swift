import Foundation
import GESKit
import IdleStopCore
import IdleStopStorage
import Logging

/// One `run` or `apply`, end to end: read and check every input, decide, record, stop, report.
///
/// Order matters for safety: everything that can be wrong with the input is found before the lock
/// is taken and before a single request is sent; the intent to stop is in SQLite before the request.
struct RunPipeline {
    var settings: RunSettings
    var environment: [String: String]
    var logger: Logger
    var command: String = "run"
    /// For `apply`: the graphs the reviewed report approved for stopping, and the report's path.
    var reviewedPlan: (path: String, graphIDs: Set<String>)?
    /// For `apply --expect-stops N`: the stops the operator expects; replaces the trip-wire's limits.
    var expectedStops: Int?
    /// The host clock the run's `--now` is checked against when GES gave none; tests of live runs from an
    /// `--inventory` file set it to match `--now`. (The deadline and the recorded times use the real clock.)
    var hostClock: @Sendable () -> Date = { Date() }

    /// What a finished run hands back to the command: its summary line's parts and its exit status.
    struct Outcome {
        var run: RunInfo
        var summary: RunSummary
        var status: ExitStatus
        var reportPath: String
        /// Why the report could not be written after stops were sent; the status is still the stop phase's.
        var reportFailure: String?
        /// Error lines for standard error that explain the status (a thin usage feed, a wrong `--expect-stops`).
        var errors: [String] = []
        /// The counts the metrics file reports (`RunPipeline+Metrics`).
        var figures: MetricsDocument.Figures?
    }

    func execute() async throws(CommandError) -> Outcome {
        let startedAt = Date()
        let now = settings.now ?? startedAt
        let runID = Self.makeRunID()
        let run = RunInfo(
            id: runID,
            evaluatedAt: now,
            startedAt: startedAt,
            mode: settings.isDryRun ? .dryRun : .live,
            command: command
        )
        let deadline = startedAt.addingTimeInterval(settings.deadline)
        let runDeadline = RunDeadline(instant: deadline, seconds: settings.deadline)

        let policies = try loadPolicies()
        let prices = try loadPrices()
        guard !settings.usageSources.isEmpty else {
            throw .badInput("no usage records given: use --usage FILE|FOLDER|- (or `usage:` in the config file)")
        }
        let reportPath = settings.reportPath ?? Self.defaultReportPath(directory: settings.reportDirectory, run: run)
        do { try AtomicFile.checkWritable(URL(fileURLWithPath: reportPath)) } catch {
            throw .badInput("the report cannot be written: \(error)\nNo stop was sent.")
        }

        // One database, one lock, however the path is spelled: both use the resolved path.
        let dbPath: String
        do { dbPath = try HistoryStore.canonicalPath(settings.dbPath) } catch { throw .badInput("\(error)") }
        let lock: RunLock
        do { lock = try RunLock.acquire(path: RunLock.path(forDatabase: dbPath)) } catch { throw .locked("\(error)") }
        defer { lock.release() }
        let store: HistoryStore
        do { store = try HistoryStore(path: dbPath) } catch { throw .badInput("\(error)") }

        let collector = UsageCollector(settings: settings, logger: logger)
        let clients = try makeClientsIfNeeded(cloudEye: collector.usesCloudEye)
        let client = clients?.ges
        let pipeline = self
        let graphs = try await runDeadline.run("reading the inventory") {
            () async throws(CommandError) -> [Graph] in
            try await pipeline.readInventory(client: client)
        }
        let runClock = runClock(client: client, host: hostClock(), now: now)
        try check(runClock)
        let needs = policies.usageNeeds
        let query = UsageQuery(
            now: Int64(now.timeIntervalSince1970.rounded(.down)),
            windows: needs.windows,
            metrics: needs.metrics,
            graphIDs: Set(graphs.map(\.id))
        )
        let cloudEye = clients?.cloudEye
        let collected = try await runDeadline.run(
            collector.usesCloudEye ? "reading usage from Cloud Eye" : "reading usage"
        ) {
            () async throws(CommandError) -> UsageCollector.Collected in
            try await collector.collect(query: query, graphs: graphs, cloudEye: cloudEye)
        }
        let usage = collected.summary
        if let path = settings.saveUsagePath {
            do { try UsageCSVWriter.write(collected.fetched, to: URL(fileURLWithPath: path)) } catch {
                throw .badInput("\(error)")
            }
        }
        logger.info(
            "usage: \(usage.rowsRead) rows, \(usage.graphs.count) graphs, \(usage.rowsForUnknownGraphs) rows for graphs not in the inventory, \(usage.futureRows) rows after --now ignored"
        )
        for bad in usage.badRows { logger.warning("tolerated bad usage row: \(bad)") }

        try runDeadline.check(before: "reconciling earlier stops with unknown outcome")
        if settings.inventoryPath == nil {
            reconcileUnknownOutcomes(store: store, graphs: graphs, now: now)
        }

        let evidence = try restartEvidence(
            store: store,
            graphs: graphs,
            windows: needs.windows,
            fetched: collected.fetched,
            now: now
        )

        let engine = DecisionEngine(
            policies: policies,
            prices: prices,
            horizon: settings.horizon,
            now: now,
            isDryRun: settings.isDryRun
        )
        var decisions = engine.decide(
            graphs: graphs,
            usage: usage.graphs,
            tainted: usage.taintedGraphIDs,
            history: evidence,
            approvedStops: reviewedPlan?.graphIDs,
            expectedStops: expectedStops
        )
        let feed = UsageFeedCoverage.measure(
            graphs: graphs,
            usage: usage.graphs,
            tainted: usage.taintedGraphIDs,
            policies: policies,
            now: now
        )
        if let plan = reviewedPlan {
            let missing = plan.graphIDs.subtracting(graphs.map(\.id))
            if !missing.isEmpty {
                logger.warning(
                    "\(missing.count) graph(s) of the reviewed plan are no longer in the inventory: \(missing.sorted().joined(separator: ", "))"
                )
            }
        }

        // The last point before anything is recorded: past it, the stop phase handles the deadline itself.
        try runDeadline.check(before: "deciding")
        do {
            try store.beginRun(run, clock: runClock)
            let recordingStarted = ContinuousClock.now
            try store.recordDecisions(run: run, decisions)
            logger.info("recorded \(decisions.count) decisions in \(ContinuousClock.now - recordingStarted)")
            try store.recordUsage(runID: runID, records: collected.fetched)
        } catch {
            throw .badInput("\(error)")
        }

        var conditions: Set<ExitStatus> = []
        var errors: [String] = []
        var stopsWereSent = false
        let stopCount = decisions.filter { $0.kind == .stop }.count
        if let expected = expectedStops,
            let mismatch = DecisionEngine.expectedStopsMismatch(expected: expected, stops: stopCount)
        {
            conditions.insert(.tripWireHeld)
            errors.append("\(mismatch); nothing was sent")
        } else if decisions.contains(where: { $0.result == .held }) {
            conditions.insert(.tripWireHeld)
            logger.error("trip-wire: every stop is held; see the reason column of the report")
        } else if !settings.isDryRun, let client {
            let executor = StopExecutor(
                client: client,
                store: store,
                runID: runID,
                concurrency: settings.concurrency,
                wait: settings.wait,
                deadline: deadline,
                logger: logger
            )
            stopsWereSent = decisions.contains { $0.kind == .stop }
            let authenticationFailed = await executor.stopAll(&decisions)
            if authenticationFailed {
                conditions.insert(.authenticationFailed)
            } else if decisions.contains(where: { $0.result == .failed || $0.result == .unknown }) {
                conditions.insert(.someStopsFailed)
            }
        }
        if feed.isTooThin(minimumShare: policies.limits.minDataShare) {
            conditions.insert(.usageFeedTooThin)
            errors.append(
                feed.tooThinMessage(
                    minimumShare: policies.limits.minDataShare,
                    rowsForOtherGraphs: usage.rowsForUnknownGraphs
                )
            )
        }
        let status = ExitStatus.mostUrgent(of: conditions)

        let summary = RunSummary(decisions: decisions)
        var reportFailure: String?
        do {
            try CSVReportWriter.write(run: run, decisions: decisions, to: URL(fileURLWithPath: reportPath))
        } catch {
            // Exit 1 says "nothing sent": once stops were sent, the stop phase's status stands and an error says
            // the report is missing.
            guard stopsWereSent else {
                try? store.finishRun(
                    runID: runID,
                    summary: summary,
                    exitStatus: ExitStatus.badInput.rawValue,
                    reportPath: nil,
                    at: Date()
                )
                throw .badInput("the report \(reportPath) could not be written: \(error)")
            }
            reportFailure =
                "the report \(reportPath) could not be written after stops were sent: \(error); every decision and "
                + "outcome is in the history \(dbPath) (ges-idle-stop report --by run), and the exit status is the "
                + "stop phase's"
        }
        do {
            try store.finishRun(
                runID: runID,
                summary: summary,
                exitStatus: status.rawValue,
                reportPath: reportFailure == nil ? reportPath : nil,
                at: Date()
            )
        } catch {
            logger.error("could not record the end of the run: \(error)")
        }
        return Outcome(
            run: run,
            summary: summary,
            status: status,
            reportPath: reportPath,
            reportFailure: reportFailure,
            errors: errors,
            figures: MetricsDocument.Figures(decisions: decisions, isDryRun: settings.isDryRun, usage: feed)
        )
    }

    /// Settles stops an earlier run sent without recording the answer (it crashed), by the graph's status now.
    ///
    /// `UnknownStopReconciliation` decides: stopped, or running again, is a sent stop (`requested`) with a note;
    /// a status that cannot tell, or a graph gone from the inventory, stays unknown, with a log line.
    func reconcileUnknownOutcomes(store: HistoryStore, graphs: [Graph], now: Date) {
        let unknown: [UnknownOutcome]
        do { unknown = try store.unknownOutcomes() } catch {
            logger.error("could not read earlier stops with unknown outcome: \(error)")
            return
        }
        guard !unknown.isEmpty else { return }
        let byID = Dictionary(graphs.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for outcome in unknown {
            guard let graph = byID[outcome.graphID] else {
                logger.warning(
                    "stop of graph \(outcome.graphID) in run \(outcome.runID) has an unknown outcome and the graph is no longer listed"
                )
                continue
            }
            guard let settled = UnknownStopReconciliation(status: graph.status, seenAt: now) else {
                logger.warning(
                    "stop of graph \(graph.id) in run \(outcome.runID) stays unknown: its status is \(graph.status)"
                )
                continue
            }
            do {
                try store.recordOutcome(
                    runID: outcome.runID,
                    graphID: outcome.graphID,
                    result: settled.result,
                    jobID: nil,
                    errorCode: nil,
                    errorMessage: settled.note,
                    at: Date()
                )
                logger.warning(
                    "reconciled the stop of \(graph.name) (\(graph.id)) from run \(outcome.runID): \(settled.note)"
                )
            } catch {
                logger.error("could not reconcile the stop of graph \(graph.id): \(error)")
            }
        }
    }

    private func loadPolicies() throws(CommandError) -> PolicySet {
        var sets: [PolicySet] = []
        for path in settings.policyPaths {
            do { sets.append(try PolicySet.load(path: path)) } catch { throw .badInput("\(error)") }
        }
        for warning in sets.flatMap(\.warnings) { logger.warning("\(warning)") }
        do { return try PolicySet.merged(sets) } catch { throw .badInput("\(error)") }
    }

    private func loadPrices() throws(CommandError) -> PriceTable? {
        if settings.pricingIsDefault, !FileManager.default.fileExists(atPath: settings.pricingPath) {
            logger.warning("\(settings.missingPricingWarning)")
            return nil
        }
        do { return try PriceTable.load(path: settings.pricingPath) } catch { throw .badInput("\(error)") }
    }

    private func makeClientsIfNeeded(cloudEye: Bool) throws(CommandError) -> ClientFactory.Clients? {
        if settings.isDryRun, settings.inventoryPath != nil, !cloudEye { return nil }
        return try ClientFactory(settings: settings, environment: environment, logger: logger)
            .makeClients(cloudEye: cloudEye)
    }

    func readInventory(client: GESClient?) async throws(CommandError) -> [Graph] {
        if let path = settings.inventoryPath {
            let data: Data
            do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
                throw .badInput("\(path): cannot read the inventory file (\(error.localizedDescription))")
            }
            do { return try GraphListDocument.decodeComplete(data, source: path).graphs } catch {
                throw .badInput("\(error)")
            }
        }
        guard let client else { throw .badInput("no inventory: give --inventory FILE or a GES endpoint") }
        do {
            return try await client.listGraphs()
        } catch  where error.kind == .authenticationFailed {
            throw .authentication("\(error)\(Self.skewHint(client))\nNo stop was sent.")
        } catch {
            throw .cloudUnreadable("could not read the graph list from GES: \(error)\nNo stop was sent.")
        }
    }

    static func makeRunID() -> String {
        var generator = SystemRandomNumberGenerator()
        return String(format: "%012llx", generator.next() & 0xFFFF_FFFF_FFFF)
    }

    static func defaultReportPath(directory: String, run: RunInfo) -> String {
        "\(directory)/ges-idle-stop-\(Self.compactUTC(run.startedAt))-\(run.id).csv"
    }

    static func compactUTC(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }
}
