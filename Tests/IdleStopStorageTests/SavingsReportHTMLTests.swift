import Foundation
import IdleStopCore
import Testing

@testable import IdleStopStorage

struct SavingsReportHTMLTests {
    static let generatedAt = utc("2026-12-01T06:00:00Z")

    /// Occurrences of `needle` in `text`.
    func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test func isOneSelfContainedPageWithAnInlineChart() throws {
        let html = try SavingsHistory.twoCurrencies().november().html(generatedAt: Self.generatedAt)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.hasSuffix("</html>\n"))
        #expect(html.contains("<svg"))
        #expect(!html.lowercased().contains("http://"))
        #expect(!html.lowercased().contains("https://"))
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.lowercased().contains("<link"))
        #expect(!html.lowercased().contains("src="))
        #expect(!html.lowercased().contains("url("))
        #expect(html.contains("default-src 'none'"))
    }

    @Test func showsThePeriodTotalsPerCurrencyAndTheMeaningOfRealized() throws {
        let html = try SavingsHistory.twoCurrencies().november().html(generatedAt: Self.generatedAt)
        #expect(html.contains("Period 2026-11-01T00:00:00Z to 2026-12-01T00:00:00Z"))
        #expect(html.contains("Generated 2026-12-01T06:00:00Z"))
        #expect(html.contains("5 run(s) in the period: 4 live, 1 dry-run"))
        #expect(html.contains("<td class=\"num\">2058.50 USD</td>"))
        #expect(html.contains("<td class=\"num\">120.00 EUR</td>"))
        #expect(!html.contains("2178.50"))
        #expect(html.contains("What “realized” means"))
        #expect(html.contains("at most 168 hours"))
    }

    @Test func drawsOneChartPerCurrencyWithABarPerDayAGraphWasStopped() throws {
        let html = try SavingsHistory.twoCurrencies().november().html(generatedAt: Self.generatedAt)
        #expect(count("<svg", in: html) == 2)
        // USD: 2026-11-20 to 2026-11-27 (g-b's 168h); EUR: 2026-11-20 to 2026-11-22 (g-e's 48h).
        #expect(count("class=\"bar\"", in: html) == 8 + 3)
        #expect(html.contains("<title>2026-11-20: 276.50 USD (2 stop(s) made)</title>"))
        #expect(html.contains("<title>2026-11-23: 288.00 USD (0 stop(s) made)</title>"))
        #expect(html.contains("<title>2026-11-20: 55.00 EUR (1 stop(s) made)</title>"))
        #expect(html.contains(">USD saved per day</text>"))
        #expect(html.contains(">EUR saved per day</text>"))
    }

    /// The day and printed value of each bar of the chart in `currency`, parsed out of the page.
    static func chartValues(_ html: String, currency: String) throws -> [String: String] {
        let start = try #require(html.range(of: "<h2>Daily realized savings (\(currency))</h2>"))
        let end = try #require(html[start.upperBound...].range(of: "</svg>"))
        var values: [String: String] = [:]
        for row in html[start.upperBound..<end.lowerBound].components(separatedBy: "<g class=\"row\">").dropFirst() {
            let day = try #require(text(of: "day", in: row))
            if let value = text(of: "value", in: row) { values[day] = value }
        }
        return values
    }

    /// The content of the first `<text class="CLASS" …>` in `row`.
    static func text(of textClass: String, in row: String) -> String? {
        guard let open = row.range(of: "<text class=\"\(textClass)\""),
            let close = row[open.upperBound...].firstIndex(of: ">")
        else { return nil }
        return String(row[row.index(after: close)...].prefix { $0 != "<" })
    }

    @Test(arguments: ["UTC", "+08:00"])
    func theValuesPrintedOnThePageAreTheHistorysAndTheDayCSVs(zone: String) throws {
        let history = try SavingsHistory.twoCurrencies()
        let report = try SavingsReport.load(
            from: history.store,
            since: utc("2026-11-01T00:00:00Z"),
            until: utc("2026-12-01T00:00:00Z"),
            calendar: try #require(ReportCalendar(parsing: zone))
        )
        let html = report.html(generatedAt: Self.generatedAt)
        let csvDays = report.rows(for: .day)
        for currency in ["EUR", "USD"] {
            let printed = try Self.chartValues(html, currency: currency)
            let fromCSV = Dictionary(
                uniqueKeysWithValues: csvDays.filter { $0[3] == currency }.map { ($0[2], $0[7]) }
            )
            #expect(printed == fromCSV)
            #expect(!printed.isEmpty)
            // Every day of the period has a row, with or without a bar.
            #expect(count("<g class=\"row\">", in: html) == 2 * report.days().count)
            let total = try #require(report.totals().first { $0.currency == currency })
            #expect(printed.values.compactMap { Decimal(string: $0) }.reduce(Decimal(0), +) == total.amount)
            #expect(html.contains("<td class=\"num\">\(ReportFormat.money(total.amount)) \(currency)</td>"))
        }
    }

    @Test func dryRunRowsSayWouldStop() throws {
        let html = try SavingsHistory.twoCurrencies().november().html(generatedAt: Self.generatedAt)
        let runs = try #require(html.range(of: "<h2>Runs</h2>"))
        let dryRun = try #require(html[runs.upperBound...].range(of: "<td>dry-run</td>"))
        let row = html[dryRun.upperBound...].prefix { $0 != "\n" }
        #expect(row.contains("<td class=\"num\">would stop 1</td>"))
        #expect(!row.lowercased().contains("stopped"))
        #expect(html.contains("<td class=\"num\">stopped 3</td>"))
        #expect(html.contains("<td>1 failed, 1 kept</td>"))
    }

    @Test func startRunsSayStartedAndTheirStopEndsAtTheStart() throws {
        let history = try SavingsHistory()
        try history.run(
            "r-1",
            at: "2026-11-20T02:00:00Z",
            stops: [.init(graphID: "g-1", name: "lab", price: 2, currency: "USD")]
        )
        let start = RunInfo(
            id: "s-1",
            evaluatedAt: instant("2026-11-20T08:00:00Z"),
            startedAt: utc("2026-11-20T08:00:00Z"),
            mode: .live,
            command: "start"
        )
        try history.store.beginRun(start)
        let decision = StartDecision(graphID: "g-1", graph: nil, stop: nil, result: .requested, reason: "undo")
        try history.store.recordStarts(run: start, [decision])
        try history.store.finishStartRun(
            runID: "s-1",
            summary: StartSummary(decisions: [decision]),
            exitStatus: 0,
            reportPath: nil,
            at: utc("2026-11-20T08:00:00Z")
        )
        let report = try history.november()
        let html = report.html(generatedAt: Self.generatedAt)
        #expect(html.contains("<td>start (live)</td>"))
        #expect(html.contains("<td class=\"num\">started 1</td>"))
        // Six hours at 2 USD/h: the start ended the stop, not the end of the period.
        #expect(report.totals().first?.amount == 12)
        #expect(
            report.csv(.run).contains(
                "s-1,start,live,2026-11-20T08:00:00Z,2026-11-20T08:00:00Z,finished,0,1,0,0,0,0,0,0,0,0,,,0,1,0,0"
            )
        )
    }

    @Test func tablesHaveFixedColumnsThatFitAPrintedPage() throws {
        let history = try SavingsHistory()
        let id = "c53426b71635-20261120T020000Z"
        try history.run(
            id,
            at: "2026-11-20T02:00:00Z",
            stops: [.init(graphID: "g-1", name: "a", price: 1, currency: "USD")]
        )
        let html = try history.november().html(generatedAt: Self.generatedAt)
        #expect(html.contains("table-layout: fixed"))
        #expect(html.contains("@page { size: A4"))
        #expect(html.contains("@media print"))
        #expect(html.contains("<span class=\"id\" title=\"\(id)\">c53426b7…</span>"))
        for table in html.components(separatedBy: "<colgroup>").dropFirst() {
            let widths = table.prefix { $0 != "\n" }.components(separatedBy: "width: ").dropFirst()
            #expect(widths.compactMap { Int($0.prefix { $0.isNumber }) }.reduce(0, +) == 100)
        }
        // Every font size on screen is at least 12px; the chart's text is dark enough to print.
        let sizes = html.components(separatedBy: "font-size: ").dropFirst().filter { $0.prefix(6).contains("px") }
        #expect(sizes.allSatisfy { (Int($0.prefix { $0.isNumber }) ?? 0) >= 12 })
        #expect(html.contains("svg text { font-family: system-ui, sans-serif; font-size: 12px; fill: #1b1f24;"))
    }

    @Test func listsTheTopGraphsLargestFirst() throws {
        let html = try SavingsHistory.twoCurrencies().november().html(generatedAt: Self.generatedAt)
        let usd = try #require(html.range(of: "<h2>Top graphs (USD)</h2>"))
        let table = html[usd.upperBound...]
        let beta = try #require(table.range(of: "<td>beta</td>"))
        let alpha = try #require(table.range(of: "<td>alpha</td>"))
        #expect(beta.lowerBound < alpha.lowerBound)
        #expect(table.contains("<td class=\"num\">2016.00 USD</td>"))
        #expect(table.contains("<td class=\"num\">42.50 USD</td>"))
    }

    @Test func escapesAHostileGraphNameEverywhere() throws {
        let history = try SavingsHistory()
        let hostile = "<script>alert('x')</script>\"><img src=x onerror=alert(1)>&amp;"
        try history.run(
            "r-<b>",
            at: "2026-11-02T00:00:00Z",
            stops: [.init(graphID: "g-1", name: hostile, price: 1, currency: "US<D>")]
        )
        let html = try history.november().html(generatedAt: Self.generatedAt)
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<b>"))
        #expect(!html.contains("<D>"))
        #expect(
            html.contains(
                "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&amp;amp;"
            )
        )
        #expect(html.contains("r-&lt;b&gt;"))
        #expect(html.contains("US&lt;D&gt;"))
    }

    @Test func escapesEveryMarkupCharacterAndControls() {
        #expect(HTMLText.escape("a&b<c>d\"e'f") == "a&amp;b&lt;c&gt;d&quot;e&#39;f")
        #expect(HTMLText.escape("tab\tnl\nnul\u{0}esc\u{1B}c1\u{85}") == "tab\tnl\nnul\u{FFFD}esc\u{FFFD}c1\u{FFFD}")
        #expect(HTMLText.escape("Graph 图 ✓") == "Graph 图 ✓")
    }

    @Test func listsUnpricedStopsApartWithoutMoney() throws {
        let history = try SavingsHistory()
        try history.run(
            "r-1",
            at: "2026-11-02T00:00:00Z",
            stops: [.init(graphID: "g-u", name: "unpriced", price: nil, currency: nil)]
        )
        try history.run("r-2", at: "2026-11-02T10:00:00Z", running: ["g-u"])
        let html = try history.november().html(generatedAt: Self.generatedAt)
        #expect(html.contains("<h2>Stops without a price</h2>"))
        #expect(html.contains("<td>no price</td>"))
        #expect(html.contains("<td class=\"num\">unknown</td>"))
        #expect(!html.contains("<svg"))
    }

    @Test func saysSoWhenNothingWasStopped() throws {
        let html = try SavingsHistory().november().html(generatedAt: Self.generatedAt)
        #expect(html.contains("No stop made by the job in this period"))
        #expect(html.contains("No run in this period."))
    }

    @Test func writesThePageAtomically() throws {
        let history = try SavingsHistory.twoCurrencies()
        let report = try history.november()
        let url = history.folder.appendingPathComponent("savings.html")
        try report.writeHTML(to: url, generatedAt: Self.generatedAt)
        #expect(try String(contentsOf: url, encoding: .utf8) == report.html(generatedAt: Self.generatedAt))
    }
}
