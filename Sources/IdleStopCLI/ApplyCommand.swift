import ArgumentParser
import Foundation
import IdleStopStorage
import Logging

/// `ges-idle-stop apply REPORT.csv`: stop exactly what a reviewed dry-run report approved, after re-checking.
struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Stop the graphs a reviewed dry-run report marks decision=stop (result dry-run or held), after "
            + "re-checking each.",
        discussion: HelpText.runDiscussion
    )

    @Argument(help: "A dry-run report, possibly with rows removed by a reviewer.")
    var reviewedReport: String

    @Option(
        help: """
            The number of approved graphs the re-check must still stop. It replaces the trip-wire's limits for \
            this plan; any other number holds every stop (exit 4, nothing sent).
            """
    )
    var expectStops: Int?

    @OptionGroup var options: RunOptions

    func validate() throws {
        if let expectStops, expectStops < 0 { throw ValidationError("--expect-stops must be 0 or more") }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let logger = CommandLogging.logger(quiet: options.quiet, verbose: options.verbose)
        let status = await Self.execute(
            reviewedReport: reviewedReport,
            expectedStops: expectStops,
            options: options,
            environment: environment,
            logger: logger
        )
        throw ExitCode(status.rawValue)
    }

    /// Reads the reviewed report (refusing a malformed one before anything is sent), then runs with it as the plan.
    static func execute(
        reviewedReport path: String,
        expectedStops: Int? = nil,
        options: RunOptions,
        environment: [String: String],
        logger: Logger
    ) async -> ExitStatus {
        await RunCommand.execute(options: options, environment: environment, logger: logger) {
            settings throws(CommandError) in
            try pipeline(
                reviewedReport: path,
                expectedStops: expectedStops,
                settings: settings,
                environment: environment,
                logger: logger
            )
        }
    }

    /// The run for a reviewed report: its approved rows are the plan.
    static func pipeline(
        reviewedReport path: String,
        expectedStops: Int?,
        settings: RunSettings,
        environment: [String: String],
        logger: Logger
    ) throws(CommandError) -> RunPipeline {
        let approved: Set<String>
        do {
            approved = try CSVReportReader.read(from: URL(fileURLWithPath: path)).approvedStops
        } catch {
            throw CommandError(.storage(error), notes: ["The reviewed report was refused; no stop was sent."])
        }
        logger.info("reviewed plan \(path): \(approved.count) graph(s) approved for stopping")
        return RunPipeline(
            settings: settings,
            environment: environment,
            logger: logger,
            command: "apply",
            reviewedPlan: (path, approved),
            expectedStops: expectedStops
        )
    }
}
