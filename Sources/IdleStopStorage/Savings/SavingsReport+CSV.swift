import Foundation

extension SavingsReport {
    /// Which rows the CSV holds; each view has its own header (see `header(for:)`).
    public enum View: String, Sendable, Equatable, CaseIterable {
        /// One row per graph, day it was stopped on and currency (the default).
        case graphDay = "graph-day"
        /// One row per graph and currency over the period.
        case graph
        /// One row per day and currency over all graphs.
        case day
        /// One row per run in the period (and per currency of its projected savings).
        case run
    }

    /// The CSV header of a view.
    ///
    /// - `graph-day`: `period_start, period_end, day, graph_id, graph_name, currency, stops, hours_stopped,
    ///   realized_savings`
    /// - `graph`: `period_start, period_end, graph_id, graph_name, currency, stops, hours_stopped,
    ///   realized_savings`
    /// - `day`: `period_start, period_end, day, currency, graphs, stops, hours_stopped, realized_savings`
    /// - `run`: `run_id, command, mode, evaluated_at, finished_at, state, exit_status, graphs_seen, stopped,
    ///   already_stopped, failed, held, unknown, kept, skipped, flagged, currency, projected_savings, started,
    ///   already_running, refused` (the last three only for `start` runs, whose `failed` and `unknown` are starts)
    ///
    /// `period_start`/`period_end` are the report's `[since, until)` in ISO 8601 UTC. `day` is a day (UTC, or
    /// in the report's `--tz`) the graphs were stopped on: a stop lasting several days books each day its own
    /// hours. `stops` counts stops the job made that day (result `requested` or `confirmed`); `hours_stopped`
    /// is the hours of that day the graphs were stopped (until a later run saw them running, at most 168h
    /// per stop, only inside the period), exact to 4 decimals; `realized_savings` is hourly price × those
    /// hours in `currency`, rounded half up to cents once per graph and day (the `graph` and `day` views add
    /// those cells up), empty (never 0) when the stops had no price. `graphs` counts distinct graphs. In the `run` view
    /// `state` is `finished` or `unfinished` (running, or died before recording its end; its counts are 0),
    /// and a run with projected savings in two currencies has two rows, alike but for the last two cells.
    /// Money is never summed across currencies.
    public static func header(for view: View) -> [String] {
        switch view {
        case .graphDay:
            [
                "period_start", "period_end", "day", "graph_id", "graph_name", "currency", "stops", "hours_stopped",
                "realized_savings",
            ]
        case .graph:
            [
                "period_start", "period_end", "graph_id", "graph_name", "currency", "stops", "hours_stopped",
                "realized_savings",
            ]
        case .day:
            ["period_start", "period_end", "day", "currency", "graphs", "stops", "hours_stopped", "realized_savings"]
        case .run:
            [
                "run_id", "command", "mode", "evaluated_at", "finished_at", "state", "exit_status", "graphs_seen",
                "stopped", "already_stopped", "failed", "held", "unknown", "kept", "skipped", "flagged", "currency",
                "projected_savings", "noticed", "started", "already_running", "refused",
            ]
        }
    }

    /// The rows of a view, as text cells (not yet CSV-quoted or neutralised), in a stable order.
    public func rows(for view: View) -> [[String]] {
        let period = [ReportFormat.timestamp(since), ReportFormat.timestamp(until)]
        switch view {
        case .graphDay:
            return savings.map { saving in
                period + [
                    saving.day, saving.graphID, saving.graphName, saving.currency ?? "", String(saving.stops),
                    ReportFormat.decimal(saving.hoursStopped), Self.money(saving.amount, currency: saving.currency),
                ]
            }
        case .graph:
            return byGraph().map { group in
                period + [
                    group.graphID ?? "", group.graphName ?? "", group.currency ?? "", String(group.stops),
                    ReportFormat.decimal(group.hoursStopped), Self.money(group.amount, currency: group.currency),
                ]
            }
        case .day:
            return byDay().map { group in
                period + [
                    group.day ?? "", group.currency ?? "", String(group.graphs), String(group.stops),
                    ReportFormat.decimal(group.hoursStopped), Self.money(group.amount, currency: group.currency),
                ]
            }
        case .run:
            return runs.flatMap(Self.runRows)
        }
    }

    /// The whole CSV of a view: header, then rows (RFC 4180, formulas neutralised, LF line ends).
    public func csv(_ view: View) -> String {
        CSVWriter.document(header: Self.header(for: view), rows: rows(for: view))
    }

    /// Writes the CSV of a view to `url` atomically.
    public func writeCSV(_ view: View, to url: URL) throws(StorageError) {
        let text = csv(view)
        try AtomicFile.write(to: url) { (output: inout AtomicFile.Output) throws(StorageError) in
            try output.write(text)
        }
    }

    /// Money with two decimals, or empty when there is no currency (unpriced: unknown, not zero).
    static func money(_ amount: Decimal, currency: String?) -> String {
        currency == nil ? "" : ReportFormat.money(amount)
    }

    /// One row per currency of the run's projected savings, or one row with empty currency and savings.
    ///
    /// Columns added after `projected_savings` (noticed, then the start counts) go last, so older readers keep
    /// their positions.
    private static func runRows(_ run: RunRecord) -> [[String]] {
        let summary = run.summary
        let cells = [
            run.id, run.command, run.mode.rawValue, ReportFormat.timestamp(run.evaluatedAt),
            run.finishedAt.map(ReportFormat.timestamp) ?? "", run.isFinished ? "finished" : "unfinished",
            run.exitStatus.map { String($0) } ?? "", String(summary.graphsSeen), String(summary.stopped),
            String(summary.alreadyStopped), String(summary.failed), String(summary.held), String(summary.unknown),
            String(summary.kept), String(summary.skipped), String(summary.flagged),
        ]
        let starts = run.starts.map { [String($0.started), String($0.alreadyRunning), String($0.refused)] }
        let startCells = [String(summary.noticed)] + (starts ?? ["", "", ""])
        let currencies = summary.projectedSavings.keys.sorted()
        guard !currencies.isEmpty else { return [cells + ["", ""] + startCells] }
        return currencies.map { currency in
            cells + [currency, ReportFormat.money(summary.projectedSavings[currency] ?? 0)] + startCells
        }
    }
}
