import Foundation
import GESKit
import IdleStopCore
import IdleStopStorage
import Logging

/// One `run` or `apply`, end to end: load, inventory, usage, decide, record, act, report, finish, retain.
///
/// Order matters for safety: everything that can be wrong with the input is found before the lock
/// is taken and before a single request is sent; the intent to stop is in SQLite before the request.
/// The rules each phase applies live in `IdleStopCore`; a phase reads, calls them and writes.
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

    /// What the load phase read and checked, before the lock is taken.
    struct Inputs {
        var run: RunInfo
        var deadline: RunDeadline
        var policies: PolicySet
        var prices: PriceTable?
        var reportPath: String
        /// The database's resolved path: one database, one lock, however the path is spelled.
        var dbPath: String
    }

    /// What the act phase did: whether it held the stops for a wrong `--expect-stops`, sent any, met a 401.
    struct StopPhase {
        var expectedStopsMismatch: String?
        var stopsWereSent = false
        var authenticationFailed = false
    }

    /// Runs the phases in order: load, lock, inventory, usage, decide, record, act, report and finish, notify, then
    /// retain (still holding the lock).
    func execute() async throws(CommandError) -> Outcome {
        let inputs = try load()
        let lock = try lockHistory(dbPath: inputs.dbPath)
        defer { lock.release() }
        let store = try openHistory(dbPath: inputs.dbPath)
        let collector = UsageCollector(settings: settings, logger: logger)
        let clients = try makeClientsIfNeeded(cloudEye: collector.usesCloudEye)
        let graphs = try await inventory(inputs, client: clients?.ges)
        let clock = try checkedClock(client: clients?.ges, now: inputs.run.evaluatedAt)
        let collected = try await usage(inputs, graphs: graphs, collector: collector, cloudEye: clients?.cloudEye)
        var decisions = try decide(inputs, graphs: graphs, collected: collected, store: store)
        try record(inputs, decisions: decisions, fetched: collected.fetched, store: store, clock: clock)
        let stopPhase = await act(on: &decisions, inputs, store: store, client: clients?.ges)
        let outcome = try finish(
            inputs,
            decisions: decisions,
            graphs: graphs,
            usage: collected.summary,
            stopPhase: stopPhase,
            store: store
        )
        await notify(outcome, decisions: decisions, store: store, deadline: inputs.deadline.instant)
        retain(inputs, clock: clock, store: store)
        return outcome
    }

    /// Load: the run's identity and deadline, its policies and prices, and the paths it will write.
    func load() throws(CommandError) -> Inputs {
        let startedAt = Date()
        let run = RunInfo(
            id: Self.makeRunID(),
            evaluatedAt: settings.now ?? Instant(startedAt),
            startedAt: startedAt,
            mode: settings.isDryRun ? .dryRun : .live,
            command: command
        )
        let deadline = RunDeadline(instant: startedAt.addingTimeInterval(settings.deadline), seconds: settings.deadline)
        let policies = try loadPolicies()
        let prices = try loadPrices()
        guard !settings.usageSources.isEmpty else {
            throw .setting("no usage records given: use --usage FILE|FOLDER|- (or `usage:` in the config file)")
        }
        let reportPath = settings.reportPath ?? Self.defaultReportPath(directory: settings.reportDirectory, run: run)
        let dbPath = try checkedPaths(reportPath: reportPath)
        return Inputs(
            run: run,
            deadline: deadline,
            policies: policies,
            prices: prices,
            reportPath: reportPath,
            dbPath: dbPath
        )
    }

    /// Checks that the report can be written (exit 1, nothing sent) and returns the database's resolved path.
    func checkedPaths(reportPath: String) throws(CommandError) -> String {
        do { try AtomicFile.checkWritable(URL(fileURLWithPath: reportPath)) } catch {
            throw CommandError(
                .storage(error),
                context: "the report cannot be written: ",
                notes: [CommandError.nothingSent]
            )
        }
        do { return try HistoryStore.canonicalPath(settings.dbPath) } catch { throw CommandError(.storage(error)) }
    }

    /// Takes the run lock next to the database `dbPath` (exit 75 while another run holds it).
    func lockHistory(dbPath: String) throws(CommandError) -> RunLock {
        do { return try RunLock.acquire(path: RunLock.path(forDatabase: dbPath)) } catch {
            throw CommandError(.storage(error))
        }
    }

    /// Opens (creating or upgrading) the history database.
    func openHistory(dbPath: String) throws(CommandError) -> HistoryStore {
        do { return try HistoryStore(path: dbPath) } catch { throw .history(error) }
    }

    /// Inventory: the graph list, from the file or GES, within the deadline.
    func inventory(_ inputs: Inputs, client: GESClient?) async throws(CommandError) -> [Graph] {
        let pipeline = self
        return try await inputs.deadline.run("reading the inventory") { () async throws(CommandError) -> [Graph] in
            try await pipeline.readInventory(client: client)
        }
    }

    /// Usage: the usage summary (and Cloud Eye's records) for the graphs listed, within the deadline; saved and
    /// logged.
    func usage(
        _ inputs: Inputs,
        graphs: [Graph],
        collector: UsageCollector,
        cloudEye: CloudEyeClient?
    ) async throws(CommandError) -> UsageCollector.Collected {
        let needs = inputs.policies.usageNeeds
        let query = UsageQuery(
            now: inputs.run.evaluatedAt,
            windows: needs.windows,
            metrics: needs.metrics,
            graphIDs: Set(graphs.map(\.id))
        )
        let doing = collector.usesCloudEye ? "reading usage from Cloud Eye" : "reading usage"
        let collected = try await inputs.deadline.run(doing) {
            () async throws(CommandError) -> UsageCollector.Collected in
            try await collector.collect(query: query, graphs: graphs, cloudEye: cloudEye)
        }
        if let path = settings.saveUsagePath {
            do { try UsageCSVWriter.write(Array(collected.fetched.records), to: URL(fileURLWithPath: path)) } catch {
                throw CommandError(.storage(error))
            }
        }
        let usage = collected.summary
        logger.info(
            "usage: \(usage.rowsRead) rows, \(usage.graphs.count) graphs, \(usage.rowsForUnknownGraphs) rows for graphs not in the inventory, \(usage.futureRows) rows after --now ignored"
        )
        for bad in usage.badRows { logger.warning("tolerated bad usage row: \(bad)") }
        return collected
    }

    /// Decide: earlier unknown stops reconciled, the restart evidence and standing notices gathered, and the engine's
    /// decisions.
    func decide(
        _ inputs: Inputs,
        graphs: [Graph],
        collected: UsageCollector.Collected,
        store: HistoryStore
    ) throws(CommandError) -> [Decision] {
        let now = inputs.run.evaluatedAt
        try inputs.deadline.check(before: "reconciling earlier stops with unknown outcome")
        // Only GES's own listing tells what a graph's status is now; a file may be of any day.
        if settings.inventoryPath == nil { reconcileUnknownOutcomes(store: store, graphs: graphs, now: now) }
        let evidence = try restartEvidence(
            store: store,
            graphs: graphs,
            windows: inputs.policies.usageNeeds.windows,
            fetched: collected.fetched,
            now: now
        )
        let notices = try standingNotices(store: store, graphs: graphs, policies: inputs.policies, now: now)
        let engine = DecisionEngine(
            policies: inputs.policies,
            prices: inputs.prices,
            horizon: settings.horizon,
            now: now,
            isDryRun: settings.isDryRun
        )
        warnAboutPlanGraphsNotListed(graphs)
        return engine.decide(
            graphs: graphs,
            usage: collected.summary.graphs,
            tainted: collected.summary.taintedGraphIDs,
            history: evidence,
            notices: notices,
            approvedStops: reviewedPlan?.graphIDs,
            expectedStops: expectedStops
        )
    }

    /// Record: the run, its decisions and the fetched usage in the history, before any stop is sent.
    func record(
        _ inputs: Inputs,
        decisions: [Decision],
        fetched: FetchedUsage,
        store: HistoryStore,
        clock: RunClock
    ) throws(CommandError) {
        // The last point before anything is recorded: past it, the stop phase handles the deadline itself.
        try inputs.deadline.check(before: "deciding")
        do {
            try store.beginRun(inputs.run, clock: clock)
            let recordingStarted = ContinuousClock.now
            try store.recordDecisions(run: inputs.run, decisions)
            logger.info("recorded \(decisions.count) decisions in \(ContinuousClock.now - recordingStarted)")
            try store.recordUsage(runID: inputs.run.id, records: fetched.records)
        } catch {
            throw .history(error)
        }
    }

    /// Act: sends the stops, unless the trip-wire held them, `--expect-stops` did not match, or this is a dry run.
    func act(
        on decisions: inout [Decision],
        _ inputs: Inputs,
        store: HistoryStore,
        client: GESClient?
    ) async -> StopPhase {
        var phase = StopPhase()
        let stopCount = decisions.filter(\.isStopToSend).count
        if let expected = expectedStops {
            phase.expectedStopsMismatch = DecisionEngine.expectedStopsMismatch(expected: expected, stops: stopCount)
        }
        if phase.expectedStopsMismatch != nil { return phase }
        if decisions.contains(where: { $0.result == .held }) {
            logger.error("trip-wire: every stop is held; see the reason column of the report")
            return phase
        }
        guard !settings.isDryRun, let client else { return phase }
        let executor = StopExecutor(
            client: client,
            store: store,
            runID: inputs.run.id,
            concurrency: settings.concurrency,
            wait: settings.wait,
            deadline: inputs.deadline.instant,
            logger: logger
        )
        phase.stopsWereSent = stopCount > 0
        phase.authenticationFailed = await executor.stopAll(&decisions)
        return phase
    }

    /// Report and finish: the verdict and its error lines, the CSV report, and the end of the run in the history.
    func finish(
        _ inputs: Inputs,
        decisions: [Decision],
        graphs: [Graph],
        usage: UsageSummary,
        stopPhase: StopPhase,
        store: HistoryStore
    ) throws(CommandError) -> Outcome {
        let feed = UsageFeedCoverage.measure(
            graphs: graphs,
            usage: usage.graphs,
            tainted: usage.taintedGraphIDs,
            policies: inputs.policies,
            now: inputs.run.evaluatedAt
        )
        let minimumShare = inputs.policies.limits.minDataShare
        let isFeedTooThin = feed.isTooThin(minimumShare: minimumShare)
        let verdict = RunVerdict(
            decisions: decisions,
            authenticationFailed: stopPhase.authenticationFailed,
            isUsageFeedTooThin: isFeedTooThin,
            isExpectedStopsMismatch: stopPhase.expectedStopsMismatch != nil
        )
        var errors = stopPhase.expectedStopsMismatch.map { ["\($0); nothing was sent"] } ?? []
        if isFeedTooThin {
            errors.append(
                feed.tooThinMessage(minimumShare: minimumShare, rowsForOtherGraphs: usage.rowsForUnknownGraphs)
            )
        }
        let summary = RunSummary(decisions: decisions)
        let reportFailure = try writeReport(
            inputs,
            decisions: decisions,
            summary: summary,
            stopPhase: stopPhase,
            store: store
        )
        let status = ExitStatus(verdict)
        do {
            try store.finishRun(
                runID: inputs.run.id,
                summary: summary,
                exitStatus: status.rawValue,
                reportPath: reportFailure == nil ? inputs.reportPath : nil,
                at: Date()
            )
        } catch {
            logger.error("could not record the end of the run: \(error)")
        }
        return Outcome(
            run: inputs.run,
            summary: summary,
            status: status,
            reportPath: inputs.reportPath,
            reportFailure: reportFailure,
            errors: errors,
            figures: MetricsDocument.Figures(decisions: decisions, isDryRun: settings.isDryRun, usage: feed)
        )
    }

    /// Writes the CSV report; returns why it could not be written after stops were sent, or nil when it was.
    ///
    /// Exit 1 says "nothing sent": before any stop a report that cannot be written fails the run (recorded as
    /// such); once stops were sent, the stop phase's status stands and an error says the report is missing.
    func writeReport(
        _ inputs: Inputs,
        decisions: [Decision],
        summary: RunSummary,
        stopPhase: StopPhase,
        store: HistoryStore
    ) throws(CommandError) -> String? {
        do {
            try CSVReportWriter.write(
                run: inputs.run,
                decisions: decisions,
                to: URL(fileURLWithPath: inputs.reportPath)
            )
            return nil
        } catch {
            guard stopPhase.stopsWereSent else {
                let failure = CommandError(
                    .storage(error),
                    context: "the report \(inputs.reportPath) could not be written: "
                )
                try? store.finishRun(
                    runID: inputs.run.id,
                    summary: summary,
                    exitStatus: failure.status.rawValue,
                    reportPath: nil,
                    at: Date()
                )
                throw failure
            }
            return "the report \(inputs.reportPath) could not be written after stops were sent: \(error); every "
                + "decision and outcome is in the history \(inputs.dbPath) (ges-idle-stop report --by run), and the "
                + "exit status is the stop phase's"
        }
    }

    /// For `apply`: warns about approved graphs that are no longer listed (they are simply not stopped).
    private func warnAboutPlanGraphsNotListed(_ graphs: [Graph]) {
        guard let plan = reviewedPlan else { return }
        let missing = plan.graphIDs.subtracting(graphs.map(\.id))
        guard !missing.isEmpty else { return }
        logger.warning(
            "\(missing.count) graph(s) of the reviewed plan are no longer in the inventory: \(missing.sorted().joined(separator: ", "))"
        )
    }

    private func loadPolicies() throws(CommandError) -> PolicySet {
        var sets: [PolicySet] = []
        for path in settings.policyPaths {
            do { sets.append(try PolicySet.load(path: path)) } catch { throw CommandError(.configFiles(error)) }
        }
        for warning in sets.flatMap(\.warnings) { logger.warning("\(warning)") }
        do { return try PolicySet.merged(sets) } catch { throw CommandError(.configFiles(error)) }
    }

    private func loadPrices() throws(CommandError) -> PriceTable? {
        if settings.pricingIsDefault, !FileManager.default.fileExists(atPath: settings.pricingPath) {
            logger.warning("\(settings.missingPricingWarning)")
            return nil
        }
        do { return try PriceTable.load(path: settings.pricingPath) } catch { throw CommandError(.configFiles(error)) }
    }

    private func makeClientsIfNeeded(cloudEye: Bool) throws(CommandError) -> ClientFactory.Clients? {
        if settings.isDryRun, settings.inventoryPath != nil, !cloudEye { return nil }
        return try ClientFactory(settings: settings, environment: environment, logger: logger)
            .makeClients(cloudEye: cloudEye)
    }

    /// The graph list: the `--inventory` file, else GES's listing (3 when GES refuses the credentials, else 5).
    func readInventory(client: GESClient?) async throws(CommandError) -> [Graph] {
        if let path = settings.inventoryPath {
            let data: Data
            do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
                let message = "cannot read the inventory file (\(error.localizedDescription))"
                throw CommandError(.inventory(InventoryError(source: path, message: message)))
            }
            do { return try GraphListDocument.decodeComplete(data, source: path).graphs } catch {
                throw CommandError(.inventory(error))
            }
        }
        guard let client else { throw .setting("no inventory: give --inventory FILE or a GES endpoint") }
        do {
            return try await client.listGraphs()
        } catch  where error.kind == .authenticationFailed {
            let notes = [Self.skewWarning(client), CommandError.nothingSent].compactMap { $0 }
            throw CommandError(.ges(error), notes: notes)
        } catch {
            throw CommandError(
                .ges(error),
                context: "could not read the graph list from GES: ",
                notes: [CommandError.nothingSent]
            )
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
