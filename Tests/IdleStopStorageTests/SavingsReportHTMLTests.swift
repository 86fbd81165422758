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

    @Test func drawsOneChartPerCurrencyWithABarPerDayThatSaved() throws {
        let html = try SavingsHistory.twoCurrencies().november().html(generatedAt: Self.generatedAt)
        #expect(count("<svg", in: html) == 2)
        #expect(count("class=\"bar\"", in: html) == 3)
        #expect(html.contains("<title>2026-11-20: 2028.50 USD (2 stop(s))</title>"))
        #expect(html.contains("<title>2026-11-21: 30.00 USD (1 stop(s))</title>"))
        #expect(html.contains("<title>2026-11-20: 120.00 EUR (1 stop(s))</title>"))
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
