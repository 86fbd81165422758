import Foundation
import IdleStopCore

extension SavingsReport {
    /// The most days the page draws: the latest ones of a longer period (the CSV has them all).
    static let chartDays = 92

    /// What "realized" means, for the page (and the README).
    static let realizedNote = """
        Realized savings are the hourly price of a graph the job stopped (result requested or confirmed) \
        multiplied by the hours it stayed stopped: from the run that stopped it until the first later run \
        that saw it running again (replays of old data do not count), at most 168 hours (GES restarts a \
        stopped graph after seven days), and at most until the end of this period for a graph that is still \
        stopped. A graph someone restarts between two runs counts as stopped until the next run sees it, so \
        the figures can be high by up to the time between runs; one started with ges-idle-stop start counts \
        until that start. Each day gets the hours the graph was stopped \
        on it: a stop from Monday 22:00 to Thursday 04:00 counts 2 hours on Monday, 24 on Tuesday and \
        Wednesday, 4 on Thursday; a stop made before the period counts for its hours inside it. Dry-runs, \
        held, failed and already-stopped graphs save nothing here. Amounts are exact decimals rounded half \
        up to cents once per graph and day; every other figure is a sum of those, so totals equal the sum of \
        their rows and differ from the unrounded amount by at most half a cent per graph and day. Money is \
        kept per currency, never converted or added across currencies. Projected savings (in the runs table) \
        are what each run expected: hourly price × its horizon.
        """

    /// One self-contained HTML page: period, totals per currency, a daily bar chart and the top graphs per
    /// currency, stops without a price, the runs, and what "realized" means.
    ///
    /// No script, no external asset, no link (a Content-Security-Policy forbids them too); every string from
    /// the history is escaped. Tables have fixed column widths so that they fit a 1280-px window and an A4
    /// page; every value is printed, none only in a tooltip.
    public func html(generatedAt: Date, topGraphLimit: Int = 10, runLimit: Int = 60) -> String {
        var page = Self.head(title: "ges-idle-stop: realized savings \(periodText)")
        page += "<h1>Realized savings</h1>\n"
        page += "<p class=\"period\">\(HTMLText.escape(summaryText(generatedAt: generatedAt)))</p>\n"
        if let note = retentionNote { page += "<p class=\"note\">\(HTMLText.escape(note))</p>\n" }
        page += totalsSection()
        for currency in currencies {
            page += currencySection(currency, topGraphLimit: topGraphLimit)
        }
        page += unpricedSection()
        page += runsSection(limit: runLimit)
        page += "<h2>What “realized” means</h2>\n<p class=\"note\">\(HTMLText.escape(Self.realizedNote))</p>\n"
        page += "</body>\n</html>\n"
        return page
    }

    /// Writes `html(generatedAt:)` to `url` atomically.
    public func writeHTML(to url: URL, generatedAt: Date) throws(StorageError) {
        let text = html(generatedAt: generatedAt)
        try AtomicFile.write(to: url) { (output: inout AtomicFile.Output) throws(StorageError) in
            try output.write(text)
        }
    }

    private var periodText: String {
        "\(ReportFormat.timestamp(since)) to \(ReportFormat.timestamp(until))"
    }

    /// "UTC days" or "days in Asia/Shanghai".
    private var daysText: String {
        calendar == .utc ? "UTC days" : "days in \(calendar.name)"
    }

    private func summaryText(generatedAt: Date) -> String {
        let live = runs.filter { $0.mode == .live }.count
        return "Period \(periodText) (end excluded); savings are booked on \(daysText). \(runs.count) run(s) "
            + "in the period: \(live) live, \(runs.count - live) dry-run. "
            + "Generated \(ReportFormat.timestamp(generatedAt))."
    }

    private func totalsSection() -> String {
        let totals = totals()
        guard !totals.isEmpty else {
            return "<h2>Totals</h2>\n<p>No stop made by the job in this period: nothing realized.</p>\n"
        }
        var html =
            "<h2>Totals</h2>\n<table class=\"totals\">\n"
            + Self.header([
                ("Currency", 22, false), ("Graphs", 14, true), ("Stops made", 16, true), ("Hours stopped", 20, true),
                ("Realized savings", 28, true),
            ])
        for total in totals {
            html += Self.row([
                (total.currency ?? "no price", false), (String(total.graphs), true), (String(total.stops), true),
                (ReportFormat.decimal(total.hoursStopped), true),
                (total.currency.map { ReportFormat.money(total.amount) + " " + $0 } ?? "unknown", true),
            ])
        }
        return html + "</tbody>\n</table>\n"
    }

    private func currencySection(_ currency: String, topGraphLimit: Int) -> String {
        let daily = Dictionary(
            byDay().filter { $0.currency == currency }.compactMap { group in group.day.map { ($0, group) } },
            uniquingKeysWith: { first, _ in first }
        )
        let shownDays = days(maximumDays: Self.chartDays)
        let bars = shownDays.map { day in
            SavingsReportChart.Bar(day: day, amount: daily[day]?.amount ?? 0, stops: daily[day]?.stops ?? 0)
        }
        let chart = SavingsReportChart(bars: bars, currency: currency)
        let escaped = HTMLText.escape(currency)
        var caption = "Realized savings in \(currency) per day (\(daysText)): each day counts the hours graphs were "
        caption += "stopped on it."
        if shownDays.count < days().count {
            caption +=
                " The latest \(shownDays.count) days of the period; ges-idle-stop report --by day lists them all."
        }
        var html = "<h2>Daily realized savings (\(escaped))</h2>\n<figure>\n\(chart.svg())\n"
        html += "<figcaption>\(HTMLText.escape(caption))</figcaption>\n</figure>\n"
        html +=
            "<h2>Top graphs (\(escaped))</h2>\n<table>\n"
            + Self.header([
                ("#", 5, true), ("Graph", 27, false), ("Graph ID", 24, false), ("Stops made", 12, true),
                ("Hours stopped", 14, true), ("Realized savings", 18, true),
            ])
        for (rank, group) in topGraphs(currency: currency, limit: topGraphLimit).enumerated() {
            html += Self.row([
                (String(rank + 1), true), (group.graphName ?? "", false), (group.graphID ?? "", false),
                (String(group.stops), true), (ReportFormat.decimal(group.hoursStopped), true),
                (ReportFormat.money(group.amount) + " " + currency, true),
            ])
        }
        return html + "</tbody>\n</table>\n"
    }

    private func unpricedSection() -> String {
        let unpriced = byGraph().filter { $0.currency == nil }
        guard !unpriced.isEmpty else { return "" }
        var html =
            "<h2>Stops without a price</h2>\n<p>No pricing entry matched these graphs when they were "
            + "stopped: their hours are counted, their money is unknown (not zero).</p>\n<table>\n"
            + Self.header([
                ("Graph", 36, false), ("Graph ID", 32, false), ("Stops made", 14, true), ("Hours stopped", 18, true),
            ])
        for group in unpriced {
            html += Self.row([
                (group.graphName ?? "", false), (group.graphID ?? "", false), (String(group.stops), true),
                (ReportFormat.decimal(group.hoursStopped), true),
            ])
        }
        return html + "</tbody>\n</table>\n"
    }

    private func runsSection(limit: Int) -> String {
        guard !runs.isEmpty else { return "<h2>Runs</h2>\n<p>No run in this period.</p>\n" }
        let shown = runs.suffix(max(0, limit)).reversed()
        var html = "<h2>Runs</h2>\n"
        if shown.count < runs.count {
            html +=
                "<p>The latest \(shown.count) of \(runs.count) runs; ges-idle-stop report --by run lists them all.</p>\n"
        }
        let zone = calendar == .utc ? "UTC" : calendar.name
        html +=
            "<table class=\"runs\">\n"
            + Self.header([
                ("Evaluated (\(zone))", 19, false), ("Run", 12, false), ("Mode", 10, false), ("Graphs", 9, true),
                ("Stops", 14, true), ("Other outcomes", 18, false), ("Projected savings", 18, true),
            ])
        for run in shown {
            let summary = run.summary
            let projected = summary.projectedSavings.keys.sorted().map { currency in
                HTMLText.escape(ReportFormat.money(summary.projectedSavings[currency] ?? 0) + " " + currency)
            }.joined(separator: "<br>")
            let (verb, count) = run.starts.map { ("start", $0.started) } ?? ("stop", summary.stopped)
            let stops =
                run.mode == .dryRun ? "would \(verb) \(count)" : "\(verb == "stop" ? "stopped" : "started") \(count)"
            html += "<tr><td class=\"time\">\(HTMLText.escape(calendar.minute(of: run.evaluatedAt)))</td>"
            html += "<td>\(Self.runID(run))</td>"
            html += "<td>\(HTMLText.escape(Self.modeText(run)))</td>"
            html += "<td class=\"num\">\(summary.graphsSeen)</td><td class=\"num\">\(stops)</td>"
            html += "<td>\(HTMLText.escape(Self.otherOutcomes(summary)))</td>"
            html += "<td class=\"num\">\(projected.isEmpty ? "–" : projected)</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    /// The run ID, shortened to 8 characters when longer, with the whole ID in the cell's tooltip.
    private static func runID(_ run: RunRecord) -> String {
        let short = run.id.count > 9 ? String(run.id.prefix(8)) + "…" : run.id
        return "<span class=\"id\" title=\"\(HTMLText.escape(run.id))\">\(HTMLText.escape(short))</span>"
    }

    /// `live`, `dry-run`, `apply (live)`, with `, unfinished` for a run that never recorded its end.
    private static func modeText(_ run: RunRecord) -> String {
        var text = run.command == "run" ? run.mode.rawValue : "\(run.command) (\(run.mode.rawValue))"
        if !run.isFinished { text += ", unfinished" }
        return text
    }

    /// The outcomes other than stops that a run had, e.g. `1 failed, 2 kept, 5 skipped`; `–` when none.
    private static func otherOutcomes(_ summary: RunSummary) -> String {
        let counts = [
            (summary.alreadyStopped, "already stopped"), (summary.failed, "failed"), (summary.held, "held"),
            (summary.unknown, "unknown"), (summary.noticed, "noticed"), (summary.kept, "kept"),
            (summary.skipped, "skipped"),
            (summary.flagged, "flagged"),
        ]
        let text = counts.filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
        return text.isEmpty ? "–" : text
    }

    /// A table's column widths and header, then `<tbody>`; widths in percent of the table.
    private static func header(_ columns: [(title: String, percent: Int, isNumeric: Bool)]) -> String {
        "<colgroup>" + columns.map { "<col style=\"width: \($0.percent)%\">" }.joined() + "</colgroup>\n<thead><tr>"
            + columns.map { column in
                (column.isNumeric ? "<th class=\"num\">" : "<th>") + HTMLText.escape(column.title) + "</th>"
            }.joined() + "</tr></thead>\n<tbody>\n"
    }

    /// A table row; each cell's text is escaped, numeric cells are right-aligned.
    private static func row(_ cells: [(text: String, isNumeric: Bool)]) -> String {
        "<tr>"
            + cells.map { cell in
                (cell.isNumeric ? "<td class=\"num\">" : "<td>") + HTMLText.escape(cell.text) + "</td>"
            }.joined() + "</tr>\n"
    }

    private static func head(title: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
        <title>\(HTMLText.escape(title))</title>
        <style>
        body { font: 15px/1.5 system-ui, sans-serif; margin: 24px auto; max-width: 1120px; padding: 0 24px; color: #1b1f24; }
        h1 { font-size: 26px; margin: 0 0 4px; } h2 { font-size: 19px; margin: 28px 0 8px; }
        p { max-width: 60em; }
        table { border-collapse: collapse; table-layout: fixed; width: 100%; margin: 8px 0; }
        table.totals { max-width: 760px; }
        th, td { padding: 4px 8px; border-bottom: 1px solid #d0d7de; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
        th { border-bottom: 2px solid #6e7781; font-weight: 600; }
        .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        th { overflow-wrap: normal; } th.num { white-space: normal; }
        .time { font-variant-numeric: tabular-nums; white-space: nowrap; }
        .id { font-family: ui-monospace, monospace; }
        .period, .note, figcaption { color: #32383f; }
        figure { margin: 8px 0; }
        svg.chart { display: block; width: 100%; max-width: 720px; height: auto; }
        svg text { font-family: system-ui, sans-serif; font-size: 12px; fill: #1b1f24; font-variant-numeric: tabular-nums; }
        svg .day { text-anchor: end; } svg .tick { text-anchor: middle; fill: #32383f; } svg .value { font-weight: 600; }
        svg .unit { font-size: 13px; font-weight: 600; }
        svg .bar { fill: #2f6fd6; } svg .grid { stroke: #d0d7de; } svg .axis { stroke: #57606a; }
        @page { size: A4; margin: 12mm; }
        @media print {
        body { font-size: 10pt; max-width: none; margin: 0; padding: 0; }
        h2 { break-after: avoid; } tr, figcaption { break-inside: avoid; } thead { display: table-header-group; }
        th, td { padding: 3px 5px; } table { font-size: 9pt; }
        }
        </style>
        </head>
        <body>

        """
    }
}
