import ArgumentParser
import Foundation
import GESKit
import IdleStopCore
import IdleStopStorage
import Logging

/// `ges-idle-stop usage`: usage records without deciding anything.
struct UsageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "usage",
        abstract: "Work with usage records.",
        subcommands: [UsageExportCommand.self]
    )
}

/// `ges-idle-stop usage export --since 7d --out FILE`: fetch usage from Cloud Eye and write it as CSV.
struct UsageExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Fetch the running graphs' request counts from Cloud Eye and write them in the usage CSV format.",
        discussion: [
            """
            Decides and stops nothing: it reads the inventory (the API, or --inventory), \
            asks Cloud Eye for ges004_request_count over --since before --now, and writes \
            the records as a usage CSV that run --usage FILE reads back.
            """,
            HelpText.credentials, HelpText.output,
            ExitStatus.helpParagraph([.done, .badInput, .authenticationFailed, .cloudUnreadable, .internalError]),
        ].joined(separator: "\n\n")
    )

    @Option(help: "How far back: a duration such as 24h, 7d or 2w.")
    var since: String = "7d"

    @Option(help: "CSV file to write (atomically).")
    var out: String

    @Option(help: "Cloud Eye period in seconds (1, 60, 300, 1200, 3600, 14400, 86400). Default: chosen from --since.")
    var period: Int64?

    @OptionGroup(title: "Connection, time and logging options")
    var connection: ConnectionOptions

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let logger = CommandLogging.logger(quiet: connection.quiet, verbose: connection.verbose)
        let status = await execute(environment: environment, logger: logger)
        throw ExitCode(status.rawValue)
    }

    /// Reads the inventory, fetches, writes; returns the exit status (1 bad input, 3 auth, 5 cloud unreadable).
    ///
    /// `--deadline` bounds the reads as in `run`: past it the transfer is cancelled and the export fails with 5.
    func execute(environment: [String: String], logger: Logger) async -> ExitStatus {
        do throws(CommandError) {
            let (span, period) = try Self.range(since: since, period: period)
            let startedAt = Date()
            let settings = try RunSettings.resolve(connection: connection, run: nil, environment: environment)
            let records = try await fetch(
                span: span,
                period: period,
                settings: settings,
                startedAt: startedAt,
                environment: environment,
                logger: logger
            )
            do { try UsageCSVWriter.write(records, to: URL(fileURLWithPath: out)) } catch {
                throw CommandError(.storage(error))
            }
            // Like run's summary line: printed also with --quiet, the proof in a cron log that the export ran.
            let graphCount = Set(records.map(\.graphID)).count
            print(
                "ges-idle-stop usage export: \(records.count) records of \(graphCount) graph(s) over \(span) "
                    + "at period \(period.rawValue)s; written to \(out)"
            )
            return .done
        } catch {
            CommandLogging.printError("\(error)")
            return error.status
        }
    }

    /// `--since` as a span, and `--period` (else the period Cloud Eye allows for that span).
    static func range(since: String, period: Int64?) throws(CommandError) -> (TimeSpan, CloudEyePeriod) {
        guard let span = TimeSpan(parsing: since) else {
            throw .setting("--since \(since.debugDescription) is not a duration like 7d")
        }
        guard let period else { return (span, CloudEyePeriod.choose(forWindows: [span])) }
        guard let value = CloudEyePeriod(rawValue: period) else {
            throw .setting("--period \(period) is not one of 1, 60, 300, 1200, 3600, 14400, 86400")
        }
        return (span, value)
    }

    /// The running graphs' request counts over `span` before `--now`, each read within the deadline.
    private func fetch(
        span: TimeSpan,
        period: CloudEyePeriod,
        settings: RunSettings,
        startedAt: Date,
        environment: [String: String],
        logger: Logger
    ) async throws(CommandError) -> [UsageRecord] {
        let deadline = RunDeadline(instant: startedAt.addingTimeInterval(settings.deadline), seconds: settings.deadline)
        let clients = try ClientFactory(settings: settings, environment: environment, logger: logger)
            .makeClients(cloudEye: true)
        let pipeline = RunPipeline(settings: settings, environment: environment, logger: logger)
        let ges = clients.ges
        let graphs = try await deadline.run("reading the inventory") { () async throws(CommandError) in
            try await pipeline.readInventory(client: ges)
        }
        let now = settings.now?.date ?? startedAt
        let collector = UsageCollector(settings: settings, logger: logger)
        guard let cloudEye = clients.cloudEye else { throw .setting("no Cloud Eye client") }
        let fetched = try await deadline.run("reading usage from Cloud Eye") { () async throws(CommandError) in
            try await collector.fetch(
                cloudEye: cloudEye,
                graphIDs: graphs.filter(\.isRunning).map(\.id),
                from: now.addingTimeInterval(-TimeInterval(span.seconds)),
                to: now,
                period: period
            )
        }
        return Array(fetched.records)
    }
}
