import Foundation

extension SavingsReport {
    /// What "realized" means, for the page (and the README).
    static let realizedNote = """
        Realized savings are the hourly price of a graph the job stopped (result requested or confirmed) \
        multiplied by the hours it stayed stopped: from the run that stopped it until the first later run \
        that saw it running again, at most 168 hours (GES restarts a stopped graph after seven days), and at \
        most until the end of this period for a graph that is still stopped. A graph someone restarts between \
        two runs counts as stopped until the next run sees it, so the figures can be high by up to the time \
        between runs. Savings count on the UTC day of the stop. Dry-runs, held, failed and already-stopped \
        graphs save nothing here. Amounts are exact decimals rounded to cents per graph and day, kept per \
        currency, never converted or added across currencies. Projected savings (in the runs table) are what \
        each run expected: hourly price × its horizon.
        """

    /// One self-contained HTML page: period, totals per currency, a daily bar chart and the top graphs per
    /// currency, stops without a price, the runs, and what "realized" means.
    ///
    /// No script, no external asset, no link (a Content-Security-Policy forbids them too); every string from
    /// the history is escaped.
    public func html(generatedAt: Date, topGraphLimit: Int = 10, runLimit: Int = 60) -> String {
        var page = Self.head(title: "ges-idle-stop: realized savings \(periodText)")
        page += "<h1>Realized savings</h1>\n"
        page += "<p class=\"period\">\(HTMLText.escape(summaryText(generatedAt: generatedAt)))</p>\n"
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

    private func summaryText(generatedAt: Date) -> String {
        let live = runs.filter { $0.mode == .live }.count
        return "Period \(periodText) (UTC, end excluded). \(runs.count) run(s) in the period: \(live) live, "
            + "\(runs.count - live) dry-run. Generated \(ReportFormat.timestamp(generatedAt))."
    }

    private func totalsSection() -> String {
        let totals = totals()
        guard !totals.isEmpty else {
            return "<h2>Totals</h2>\n<p>No stop made by the job in this period: nothing realized.</p>\n"
        }
        var html =
            "<h2>Totals</h2>\n<table>\n<thead><tr><th>Currency</th><th class=\"num\">Graphs</th>"
            + "<th class=\"num\">Stops</th><th class=\"num\">Hours stopped</th><th class=\"num\">Realized savings</th>"
            + "</tr></thead>\n<tbody>\n"
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
        let bars = days().map { day in
            SavingsReportChart.Bar(day: day, amount: daily[day]?.amount ?? 0, stops: daily[day]?.stops ?? 0)
        }
        let chart = SavingsReportChart(bars: bars, currency: currency)
        let escaped = HTMLText.escape(currency)
        var html = "<h2>Daily realized savings (\(escaped))</h2>\n<figure>\n\(chart.svg())\n"
        html += "<figcaption>Realized savings in \(escaped) per UTC day of the stop.</figcaption>\n</figure>\n"
        html +=
            "<h2>Top graphs (\(escaped))</h2>\n<table>\n<thead><tr><th class=\"num\">#</th><th>Graph</th>"
            + "<th>Graph ID</th><th class=\"num\">Stops</th><th class=\"num\">Hours stopped</th>"
            + "<th class=\"num\">Realized savings</th></tr></thead>\n<tbody>\n"
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
            + "stopped: their hours are counted, their money is unknown (not zero).</p>\n<table>\n<thead><tr>"
            + "<th>Graph</th><th>Graph ID</th><th class=\"num\">Stops</th><th class=\"num\">Hours stopped</th>"
            + "</tr></thead>\n<tbody>\n"
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
        html +=
            "<table>\n<thead><tr><th>Evaluated at</th><th>Run</th><th>Command</th><th>Mode</th><th>State</th>"
            + "<th class=\"num\">Graphs</th><th class=\"num\">Stopped</th><th class=\"num\">Already stopped</th>"
            + "<th class=\"num\">Failed</th><th class=\"num\">Held</th><th class=\"num\">Kept</th>"
            + "<th class=\"num\">Skipped</th><th class=\"num\">Flagged</th><th class=\"num\">Projected savings</th>"
            + "</tr></thead>\n<tbody>\n"
        for run in shown {
            let summary = run.summary
            let projected = summary.projectedSavings.keys.sorted().map { currency in
                ReportFormat.money(summary.projectedSavings[currency] ?? 0) + " " + currency
            }.joined(separator: ", ")
            html += Self.row([
                (ReportFormat.timestamp(run.evaluatedAt), false), (run.id, false), (run.command, false),
                (run.mode.rawValue, false), (run.isFinished ? "finished" : "unfinished", false),
                (String(summary.graphsSeen), true), (String(summary.stopped), true),
                (String(summary.alreadyStopped), true), (String(summary.failed), true), (String(summary.held), true),
                (String(summary.kept), true), (String(summary.skipped), true), (String(summary.flagged), true),
                (projected, true),
            ])
        }
        return html + "</tbody>\n</table>\n"
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
        body { font: 14px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 60em; padding: 0 1em; color: #1b1f24; }
        h1 { font-size: 1.6em; } h2 { font-size: 1.15em; margin-top: 2em; }
        table { border-collapse: collapse; margin: .5em 0; }
        th, td { padding: .25em .7em; border-bottom: 1px solid #d8dee4; text-align: left; vertical-align: top; }
        td { overflow-wrap: anywhere; }
        .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .period, .note, figcaption { color: #57606a; }
        figure { margin: 0; }
        svg.chart { width: 100%; height: auto; max-width: 50em; }
        svg .bar { fill: #2f81f7; } svg .grid { stroke: #d8dee4; } svg .axis { stroke: #57606a; }
        svg text { font-size: 10px; fill: #57606a; } svg .y { text-anchor: end; } svg .x { text-anchor: middle; }
        </style>
        </head>
        <body>

        """
    }
}
