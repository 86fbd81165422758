import ArgumentParser
import Foundation
import IdleStopCore
import Logging

/// `ges-idle-stop run`: evaluate, stop, record.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Decide which graphs are idle, stop them (unless --dry-run), and write the report.",
        discussion: HelpText.runDiscussion
    )

    @OptionGroup var options: RunOptions

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let logger = CommandLogging.logger(quiet: options.quiet, verbose: options.verbose)
        let status = await Self.execute(options: options, environment: environment, logger: logger) { settings in
            RunPipeline(settings: settings, environment: environment, logger: logger, command: "run")
        }
        throw ExitCode(status.rawValue)
    }

    /// Resolves settings, runs the pipeline and prints the summary line or the error.
    ///
    /// The summary line is printed whatever `--quiet` says: in a cron log it is the proof that the run happened
    /// and what it did. `--quiet` only silences the logs on standard error.
    static func execute(
        options: RunOptions,
        environment: [String: String],
        logger: Logger,
        pipeline: (RunSettings) throws(CommandError) -> RunPipeline
    ) async -> ExitStatus {
        let startedAt = Date()
        var metricsFile = options.metricsFile
        do {
            let settings = try RunSettings.resolve(options: options, environment: environment)
            metricsFile = settings.metricsFile
            let outcome = try await pipeline(settings).execute()
            print(SummaryLine.render(outcome))
            if let failure = outcome.reportFailure { CommandLogging.printError(failure) }
            for line in outcome.errors { CommandLogging.printError(line) }
            RunPipeline.writeMetrics(of: outcome, to: metricsFile)
            return outcome.status
        } catch {
            CommandLogging.printError("\(error)")
            RunPipeline.writeMetrics(failure: error.status, startedAt: startedAt, to: metricsFile)
            return error.status
        }
    }
}
