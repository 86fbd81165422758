import Foundation

/// A bar chart of amounts per day as inline SVG: one row per day, its value printed at the end of its bar.
///
/// Rows rather than columns so that every day label and every value is printed at full size, never skipped
/// or overlapping, for 30 days as for 90, and survives printing (a `<title>` tooltip does not). No script,
/// no external asset, every label escaped. Geometry is computed in `Double` (pixels are not money); labels
/// print the exact decimals.
struct SavingsReportChart: Sendable, Equatable {
    /// One bar: a day (`2026-11-27`) and its amount; a day without savings has amount 0 and no bar.
    struct Bar: Sendable, Equatable {
        var day: String
        var amount: Decimal
        var stops: Int
    }

    var bars: [Bar]
    var currency: String

    /// The SVG's width in user units; the page shows it at most this wide, so 1 unit is 1 CSS pixel on screen.
    static let width = 720.0
    static let left = 96.0
    static let plotWidth = 500.0
    static let top = 44.0
    static let rowHeight = 20.0
    static let bottom = 8.0

    /// The `<svg>` element, sized by its `viewBox` so that it scales with the page.
    func svg() -> String {
        let height = Self.top + Double(bars.count) * Self.rowHeight + Self.bottom
        let currencyText = HTMLText.escape(currency)
        var svg = """
            <svg class="chart" role="img" viewBox="0 0 \(Self.coordinate(Self.width)) \(Self.coordinate(height))" \
            preserveAspectRatio="xMinYMin meet">
            <title>Daily realized savings in \(currencyText)</title>
            <text class="unit" x="\(Self.coordinate(Self.left))" y="14">\(currencyText) saved per day</text>

            """
        let ticks = Self.ticks(maximum: bars.map(\.amount).max() ?? 0)
        let scaleTop = Self.double(ticks.last ?? 1)
        let plotBottom = height - Self.bottom
        for tick in ticks {
            let x = Self.left + Self.double(tick) / scaleTop * Self.plotWidth
            svg += """
                <line class="grid" x1="\(Self.coordinate(x))" y1="\(Self.coordinate(Self.top - 4))" \
                x2="\(Self.coordinate(x))" y2="\(Self.coordinate(plotBottom))"/>
                <text class="tick" x="\(Self.coordinate(x))" y="\(Self.coordinate(Self.top - 10))">\
                \(HTMLText.escape(ReportFormat.decimal(tick)))</text>

                """
        }
        for (index, bar) in bars.enumerated() {
            let rowTop = Self.top + Double(index) * Self.rowHeight
            let baseline = rowTop + Self.rowHeight / 2 + 4.5
            let barWidth = max(0, Self.double(bar.amount) / scaleTop * Self.plotWidth)
            svg += """
                <g class="row"><text class="day" x="\(Self.coordinate(Self.left - 8))" y="\(Self.coordinate(baseline))">\
                \(HTMLText.escape(bar.day))</text>
                """
            if bar.amount > 0 {
                let title = "\(bar.day): \(ReportFormat.money(bar.amount)) \(currency) (\(bar.stops) stop(s) made)"
                svg += """
                    <rect class="bar" x="\(Self.coordinate(Self.left))" y="\(Self.coordinate(rowTop + 3))" \
                    width="\(Self.coordinate(max(1, barWidth)))" height="\(Self.coordinate(Self.rowHeight - 6))">\
                    <title>\(HTMLText.escape(title))</title></rect>\
                    <text class="value" x="\(Self.coordinate(Self.left + max(1, barWidth) + 6))" \
                    y="\(Self.coordinate(baseline))">\(HTMLText.escape(ReportFormat.money(bar.amount)))</text>
                    """
            }
            svg += "</g>\n"
        }
        svg += """
            <line class="axis" x1="\(Self.coordinate(Self.left))" y1="\(Self.coordinate(Self.top - 4))" \
            x2="\(Self.coordinate(Self.left))" y2="\(Self.coordinate(plotBottom))"/>
            </svg>
            """
        return svg
    }

    /// Axis ticks from 0 in steps of 1, 2 or 5 × 10ⁿ (at least 0.01), about four of them, the last ≥ `maximum`.
    static func ticks(maximum: Decimal) -> [Decimal] {
        guard maximum > 0 else { return [0, 1] }
        let raw = maximum / 4
        let exponent = Int(log10(double(raw)).rounded(.down))
        let power = Decimal(sign: .plus, exponent: exponent, significand: 1)
        var step = [Decimal(1), 2, 5, 10].map { $0 * power }.first { $0 >= raw } ?? power * 10
        step = max(step, Decimal(string: "0.01")!)
        var ticks: [Decimal] = [0]
        while ticks.last! < maximum { ticks.append(ticks.last! + step) }
        return ticks
    }

    /// A pixel coordinate with at most one decimal and a `.` separator whatever the locale (`12.5`, `40`).
    static func coordinate(_ value: Double) -> String {
        let tenths = Int64((value * 10).rounded())
        let whole = tenths / 10
        let fraction = abs(tenths % 10)
        let sign = tenths < 0 && whole == 0 ? "-" : ""
        return fraction == 0 ? "\(sign)\(whole)" : "\(sign)\(whole).\(fraction)"
    }

    static func double(_ value: Decimal) -> Double {
        NSDecimalNumber(decimal: value).doubleValue
    }
}
