import Foundation
import GESKit
import IdleStopCore
import IdleStopStorage
import Logging

/// One `ges-idle-stop start`, end to end: lock, select the job's stops, list GES, decide, record, start, report.
///
/// It keeps `run`'s order for safety: the report path and the selection are checked before anything is sent, the
/// lock is held throughout, the statuses come from GES's listing (never a file), every row is in the history
/// before the first request, and each start's intent before it is sent.
struct StartPipeline {
    var settings: RunSettings
    var environment: [String: String]
    var logger: Logger
    var selection: StartSelection
    /// The host clock the run's `--now` is checked against when GES gave none (see `RunPipeline.hostClock`).
    var hostClock: @Sendable () -> Date = { Date() }

    /// What a finished start hands back to the command: its summary line's parts and its exit status.
    struct Outcome {
        var run: RunInfo
        var summary: StartSummary
        var status: ExitStatus
        var reportPath: String
        /// Why the report could not be written after starts were sent; the status is still the start phase's.
        var reportFailure: String?
        /// Error lines for standard error that explain the status.
        var errors: [String] = []
    }

    /// The `run` pipeline with the same settings, for the phases both share (lock, inventory, clock).
    var shared: RunPipeline {
        var pipeline = RunPipeline(settings: settings, environment: environment, logger: logger, command: "start")
        pipeline.hostClock = hostClock
        return pipeline
    }

    /// Runs the phases in order: paths, lock, history, selection, listing, clock, decide, record, start, finish.
    func execute() async throws(CommandError) -> Outcome {
        let startedAt = Date()
        let run = RunInfo(
            id: RunPipeline.makeRunID(),
            evaluatedAt: settings.now ?? Instant(startedAt),
            startedAt: startedAt,
            mode: settings.isDryRun ? .dryRun : .live,
            command: "start"
        )
        let deadline = RunDeadline(instant: startedAt.addingTimeInterval(settings.deadline), seconds: settings.deadline)
        let reportPath =
            settings.reportPath ?? RunPipeline.defaultReportPath(directory: settings.reportDirectory, run: run)
        let dbPath = try shared.checkedPaths(reportPath: reportPath)
        let lock = try shared.lockHistory(dbPath: dbPath)
        defer { lock.release() }
        let store = try shared.openHistory(dbPath: dbPath)
        let stops = try selectedStops(store: store, now: run.evaluatedAt)
        let client = try ClientFactory(settings: settings, environment: environment, logger: logger)
            .makeClients(cloudEye: false).ges
        let pipeline = shared
        let graphs = try await deadline.run("reading the inventory") { () async throws(CommandError) -> [Graph] in
            try await pipeline.readInventory(client: client)
        }
        let clock = try shared.checkedClock(client: client, now: run.evaluatedAt)
        var decisions = StartPlanner.plan(
            graphIDs: requestedGraphIDs(stops),
            stops: Dictionary(stops.map { ($0.graphID, $0) }, uniquingKeysWith: { _, latest in latest }),
            graphs: graphs,
            isDryRun: settings.isDryRun
        )
        try deadline.check(before: "recording the starts")
        do {
            try store.beginRun(run, clock: clock)
            try store.recordStarts(run: run, decisions)
        } catch {
            throw .history(error)
        }
        let startsSent = !settings.isDryRun && decisions.contains { $0.result == nil }
        var authenticationFailed = false
        if !settings.isDryRun {
            let executor = StartExecutor(
                client: client,
                store: store,
                runID: run.id,
                wait: settings.wait,
                deadline: deadline,
                logger: logger
            )
            authenticationFailed = await executor.startAll(&decisions)
        }
        return try finish(
            run: run,
            decisions: decisions,
            authenticationFailed: authenticationFailed,
            startsSent: startsSent,
            reportPath: reportPath,
            store: store
        )
    }

    /// The job's stops the selection names, read from the history; refuses a `--run` that stopped nothing by nature.
    func selectedStops(store: HistoryStore, now: Instant) throws(CommandError) -> [JobStop] {
        do {
            switch selection {
            case .run(let id):
                guard let run = try store.stoppingRun(id: id) else {
                    throw CommandError.setting("--run \(id): the history \(store.path ?? "") has no such run")
                }
                guard run.command != "start" else {
                    throw CommandError.setting("--run \(id) is a start run: it stopped nothing")
                }
                guard run.mode == .live, !run.isReplay else {
                    throw CommandError.setting(
                        "--run \(id) is a dry-run: it stopped nothing (start --run takes the ID of a live run)"
                    )
                }
                return try store.jobStops(ofRun: id, now: now)
            case .graphs(let ids):
                return try store.latestJobStops(ofGraphs: ids, now: now)
            case .since(let span):
                return try store.latestJobStops(since: now - span, now: now)
            }
        } catch let error as StorageError {
            throw .history(error)
        } catch let error as CommandError {
            throw error
        } catch {
            throw .setting("\(error)")
        }
    }

    /// The graphs asked for, in the order the report lists them: the named ones, else the stopped ones.
    func requestedGraphIDs(_ stops: [JobStop]) -> [String] {
        if case .graphs(let ids) = selection { return ids }
        return stops.map(\.graphID)
    }

    /// The verdict and its error lines, the CSV report, and the end of the run in the history.
    func finish(
        run: RunInfo,
        decisions: [StartDecision],
        authenticationFailed: Bool,
        startsSent: Bool,
        reportPath: String,
        store: HistoryStore
    ) throws(CommandError) -> Outcome {
        let summary = StartSummary(decisions: decisions)
        var status = ExitStatus(summary.verdict(authenticationFailed: authenticationFailed))
        var errors: [String] = []
        if case .graphs = selection, summary.refused == summary.graphs {
            status = .badInput
            errors.append(
                "none of the \(summary.graphs) graph(s) named by --graph can be started (see the reason column of "
                    + "the report); nothing was sent"
            )
        }
        let rows = decisions.map { ReportRow(run: run, start: $0) }.sorted(by: ReportRow.reportOrder)
        var reportFailure: String?
        do {
            try CSVReportWriter.write(rows: rows, to: URL(fileURLWithPath: reportPath))
        } catch {
            let failure = CommandError(.storage(error), context: "the report \(reportPath) could not be written: ")
            guard startsSent else {
                try? store.finishStartRun(
                    runID: run.id,
                    summary: summary,
                    exitStatus: failure.status.rawValue,
                    reportPath: nil,
                    at: Date()
                )
                throw failure
            }
            reportFailure =
                "the report \(reportPath) could not be written after starts were sent: \(error); every decision and "
                + "outcome is in the history (table starts), and the exit status is the start phase's"
        }
        do {
            try store.finishStartRun(
                runID: run.id,
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
            errors: errors
        )
    }
}
