import ArgumentParser
import Foundation
import IdleStopStorage
import Logging

/// `ges-idle-stop apply REPORT.csv`: stop exactly what a reviewed dry-run report approved, after re-checking.
struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract:
            "Stop the graphs a reviewed dry-run report marks decision=stop, result=dry-run, after re-checking each.",
        discussion: HelpText.runDiscussion
    )

    @Argument(help: "A dry-run report, possibly with rows removed by a reviewer.")
    var reviewedReport: String

    @OptionGroup var options: RunOptions

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let logger = CommandLogging.logger(quiet: options.quiet, verbose: options.verbose)
        let status = await Self.execute(
            reviewedReport: reviewedReport, options: options, environment: environment, logger: logger)
        throw ExitCode(status.rawValue)
    }

    /// Reads the reviewed report (refusing a malformed one before anything is sent), then runs with it as the plan.
    static func execute(reviewedReport path: String, options: RunOptions, environment: [String: String], logger: Logger)
        async -> ExitStatus
    {
        await RunCommand.execute(options: options, environment: environment, logger: logger) {
            settings throws(CommandError) in
            let approved: Set<String>
            do {
                let report = try CSVReportReader.read(from: URL(fileURLWithPath: path))
                approved = Set(report.rows.filter(\.isApprovedStop).map(\.graphID))
            } catch {
                throw .badInput("\(error)\nThe reviewed report was refused; no stop was sent.")
            }
            logger.info("reviewed plan \(path): \(approved.count) graph(s) approved for stopping")
            return RunPipeline(settings: settings, environment: environment, logger: logger, command: "apply",
                               reviewedPlan: (path, approved))
        }
    }
}
