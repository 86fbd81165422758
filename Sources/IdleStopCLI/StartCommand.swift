import ArgumentParser
import Foundation
import Logging

/// `ges-idle-stop start`: undo the job's stops in one command, for the graphs still stopped.
struct StartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Start the graphs the job stopped (a run's, named ones, or a recent span's) that are still stopped.",
        discussion: [
            """
            Undo: only graphs the history says the job stopped (result requested, \
            confirmed or unknown, in a live run), that have not run since, and that \
            GES lists as stopped (900) are started (POST .../graphs/{id}/start). \
            Others are listed in the report with result already-running or refused \
            and the reason. Each start is recorded, so later runs treat the graph \
            as started by a person (a whole window of grace) and its realized \
            savings end at that instant.
            """,
            HelpText.credentials, HelpText.output,
            ExitStatus.helpParagraph(
                [.done, .badInput, .someStopsFailed, .authenticationFailed, .cloudUnreadable, .internalError, .locked],
                meanings: [
                    .badInput: "bad input or config (also: every graph named by --graph refused); nothing sent",
                    .someStopsFailed: "done, but some starts failed or have an unknown outcome (see the report)",
                ]
            ),
        ].joined(separator: "\n\n")
    )

    @Option(name: .customLong("run"), help: "Start the graphs this run stopped (a live run's ID, from its report).")
    var runID: String?

    @Option(name: .customLong("graph"), help: "Start this graph, if the job stopped it; may repeat.")
    var graphs: [String] = []

    @Option(help: "Start the graphs the job stopped in this span before --now: a duration such as 24h or 7d.")
    var since: String?

    @Flag(help: "Decide and report; send no start request.")
    var dryRun = false

    @Flag(help: "Poll each start job until it succeeds or fails (result confirmed or failed).")
    var wait = false

    @Option(help: "SQLite history database (env GES_IDLE_STOP_DB). Default: var/ges-idle-stop.sqlite.")
    var db: String?

    @Option(help: "CSV report path. Default: <report_dir or reports>/ges-idle-stop-<UTC timestamp>-<run id>.csv.")
    var report: String?

    /// No `--inventory`: the statuses come from GES's listing only; no `--ces-endpoint`: no usage is read.
    @OptionGroup(title: "Connection, time and logging options")
    var access: AccessOptions

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let logger = CommandLogging.logger(quiet: access.quiet, verbose: access.verbose)
        throw ExitCode(await execute(environment: environment, logger: logger).rawValue)
    }

    /// Resolves the settings, starts, and prints the summary line (also with `--quiet`) or the error.
    func execute(
        environment: [String: String],
        logger: Logger,
        hostClock: @escaping @Sendable () -> Date = { Date() }
    ) async -> ExitStatus {
        do throws(CommandError) {
            let pipeline = StartPipeline(
                settings: try settings(environment: environment),
                environment: environment,
                logger: logger,
                selection: try StartSelection(run: runID, graphs: graphs, since: since),
                hostClock: hostClock
            )
            let outcome = try await pipeline.execute()
            print(SummaryLine.render(outcome))
            if let failure = outcome.reportFailure { CommandLogging.printError(failure) }
            for line in outcome.errors { CommandLogging.printError(line) }
            return outcome.status
        } catch {
            CommandLogging.printError("\(error)")
            return error.status
        }
    }

    /// The run's settings: the shared access options, then this command's flags over them.
    func settings(environment: [String: String]) throws(CommandError) -> RunSettings {
        var settings = try RunSettings.resolve(access: access, run: nil, environment: environment)
        settings.isDryRun = dryRun
        settings.wait = wait
        if let db { settings.dbPath = db }
        settings.reportPath = report
        return settings
    }
}
