import ArgumentParser
import Foundation
import IdleStopCore
import IdleStopStorage

/// `ges-idle-stop report`: realized savings and runs of a period from the SQLite history, as CSV and HTML.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Realized savings and runs from the SQLite history, as CSV (and optionally one HTML page).",
        discussion: """
            Realized savings = hourly price × the hours a graph the job stopped stayed stopped (until a later \
            run saw it running, at most 168h), booked on each day (UTC, or --tz) it was stopped, rounded to \
            cents once per graph and day. Money is kept per currency, never summed across currencies.

            The history is --db, else GES_IDLE_STOP_DB, else db: in --config, else \
            var/ges-idle-stop.sqlite; a missing one is an error, never an empty report.

            \(ExitStatus.helpParagraph([.done, .badInput, .internalError, .locked]))
            """
    )

    @Option(help: "YAML config file; only its db setting is used.")
    var config: String?

    @Option(help: "SQLite history database (env GES_IDLE_STOP_DB). Default: var/ges-idle-stop.sqlite.")
    var db: String?

    @Option(help: "Start of the period: a duration before --until (30d, 2w, 24h) or an ISO 8601 time or date.")
    var since: String = "30d"

    @Option(
        help: "End of the period, excluded: an ISO 8601 time with offset, or a date (midnight in --tz). Default: now."
    )
    var until: String?

    @Option(
        help:
            "Time zone of the days savings are booked on and of bare dates: UTC (default), Asia/Shanghai, +08:00, --tz=-05:00."
    )
    var tz: String = "UTC"

    @Option(
        help: "CSV file, written atomically; - for standard output. Default: standard output unless --html is given."
    )
    var out: String?

    @Option(help: "Also write one self-contained HTML page (chart, top graphs, totals) to this file.")
    var html: String?

    @Option(help: "CSV rows: graph-day (default), graph, day, or run.")
    var by: View = .graphDay

    /// The CSV views `--by` chooses from.
    enum View: String, ExpressibleByArgument, CaseIterable, Sendable {
        case graphDay = "graph-day"
        case graph, day, run

        var savingsView: SavingsReport.View {
            switch self {
            case .graphDay: .graphDay
            case .graph: .graph
            case .day: .day
            case .run: .run
            }
        }
    }

    func run() throws {
        let status = Self.execute(self, environment: ProcessInfo.processInfo.environment, now: Date()) { text in
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        throw ExitCode(status.rawValue)
    }

    /// Reads the history and writes the CSV and HTML; returns the exit status (errors go to standard error).
    ///
    /// `now` is the default end of the period and the page's "generated" time; `standardOutput` receives the
    /// CSV when no file is named. Tests call this in-process.
    static func execute(
        _ command: ReportCommand,
        environment: [String: String],
        now: Date,
        standardOutput: (String) -> Void
    ) -> ExitStatus {
        do {
            try command.write(environment: environment, now: now, standardOutput: standardOutput)
            return .done
        } catch {
            CommandLogging.printError("\(error)")
            return error.status
        }
    }

    private func write(
        environment: [String: String],
        now: Date,
        standardOutput: (String) -> Void
    ) throws(CommandError) {
        let calendar = try Self.calendar(tz)
        let period = try Self.period(since: since, until: until, now: now, calendar: calendar)
        let store = try Self.openHistory(at: databasePath(environment: environment))
        do {
            // The graph-day rows are the only output that needs every cell (millions over a year).
            let writesCSV = out != nil || html == nil
            let report = try SavingsReport.load(
                from: store,
                since: period.since,
                until: period.until,
                calendar: calendar,
                keepingCells: writesCSV && by == .graphDay
            )
            if let note = report.retentionNote { CommandLogging.printWarning(note) }
            if let html {
                try report.writeHTML(to: URL(fileURLWithPath: html), generatedAt: now)
            }
            switch out {
            case "-": standardOutput(report.csv(by.savingsView))
            case let path?: try report.writeCSV(by.savingsView, to: URL(fileURLWithPath: path))
            case nil where html == nil: standardOutput(report.csv(by.savingsView))
            case nil: break
            }
        } catch {
            throw CommandError(.storage(error))
        }
    }

    /// Opens the history read-only; one at an older schema is first migrated holding the run lock.
    ///
    /// A report never writes the history while a run may be writing it, so it never makes a run wait or fail.
    /// Upgrading the schema writes, so it takes the run lock like a run (exit 75 while a run holds it).
    static func openHistory(at path: String) throws(CommandError) -> HistoryStore {
        do {
            let canonical = try HistoryStore.canonicalPath(path)
            let store = try HistoryStore(readingAt: canonical)
            guard try !store.isAtCurrentSchema() else { return store }
            let lock = try RunLock.acquire(path: RunLock.path(forDatabase: canonical))
            defer { lock.release() }
            _ = try HistoryStore(path: canonical)
            return try HistoryStore(readingAt: canonical)
        } catch {
            let context =
                error.kind == .lockHeld
                ? "\(path): the history was written by an earlier release and needs upgrading, which takes the run "
                    + "lock: " : ""
            throw CommandError(.storage(error), context: context)
        }
    }

    /// `--db`, else `GES_IDLE_STOP_DB`, else the config's `db`, else the default; it must exist.
    ///
    /// A missing database is an error, not an empty report: a wrong path would otherwise look like a job
    /// that never saved anything (and opening it would create it).
    func databasePath(environment: [String: String]) throws(CommandError) -> String {
        var configured: String?
        if let config {
            do { configured = try ConfigFile.load(path: config).db } catch { throw CommandError(.configFiles(error)) }
        }
        let path = db ?? environment["GES_IDLE_STOP_DB"] ?? configured ?? RunSettings.defaultDB
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else {
            throw .setting(
                "\(path): no history database there (run ges-idle-stop run first, or name one with --db or GES_IDLE_STOP_DB)"
            )
        }
        return path
    }

    /// The zone `--tz` names; a bad one is bad input.
    static func calendar(_ text: String) throws(CommandError) -> ReportCalendar {
        guard let calendar = ReportCalendar(parsing: text) else {
            throw .setting(
                "--tz \(text.debugDescription) is not a time zone: give UTC, an IANA name (Asia/Shanghai) or an offset (+08:00)"
            )
        }
        return calendar
    }

    /// The period `[since, until)`: `until` defaults to `now`; `since` is a duration before it or an instant.
    ///
    /// A bare date is midnight in `calendar`'s zone, so `--tz Asia/Shanghai --since 2026-11-01` starts the
    /// report on the first Shanghai day of November.
    static func period(
        since: String,
        until: String?,
        now: Date,
        calendar: ReportCalendar = .utc
    ) throws(CommandError) -> (since: Date, until: Date) {
        var end = now
        if let until {
            guard let date = instant(until, calendar: calendar) else {
                throw .setting(
                    "--until \(until.debugDescription) is not an ISO 8601 time with an offset (2026-11-27T02:00:00Z) or a date (2026-11-27)"
                )
            }
            end = date
        }
        let start: Date
        if let span = TimeSpan(parsing: since) {
            start = end.addingTimeInterval(-TimeInterval(span.seconds))
        } else if let date = instant(since, calendar: calendar) {
            start = date
        } else {
            throw .setting(
                "--since \(since.debugDescription) is not a duration (30d, 2w, 24h) or an ISO 8601 time with an offset (2026-11-01T00:00:00Z) or a date (2026-11-01)"
            )
        }
        guard start < end else {
            throw .setting(
                "--since \(ReportFormat.timestamp(start)) is not before --until \(ReportFormat.timestamp(end)): the period is empty"
            )
        }
        return (start, end)
    }

    /// An ISO 8601 time with an offset, or a bare date read as midnight in `calendar`'s zone; nil otherwise
    /// (also for Unix seconds).
    static func instant(_ text: String, calendar: ReportCalendar = .utc) -> Date? {
        guard !text.isEmpty, !text.allSatisfy(\.isNumber) else { return nil }
        guard let date = CivilDate(parsingISODate: text) else {
            return TimestampParser.parse(text).map { Date(timeIntervalSince1970: TimeInterval($0)) }
        }
        return calendar.midnight(year: Int(date.year), month: Int(date.month), day: Int(date.day))
    }
}
