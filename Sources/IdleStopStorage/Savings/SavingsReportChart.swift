import Foundation

/// A bar chart of amounts per day as inline SVG: no script, no external asset, every label escaped.
///
/// Geometry is computed in `Double` (pixels are not money); labels print the exact decimals.
struct SavingsReportChart: Sendable, Equatable {
    /// One bar: a UTC day (`2026-11-27`) and its amount; a day without savings has amount 0.
    struct Bar: Sendable, Equatable {
        var day: String
        var amount: Decimal
        var stops: Int
    }

    var bars: [Bar]
    var currency: String

    static let plotWidth = 720.0
    static let plotHeight = 220.0
    static let left = 64.0
    static let top = 12.0
    static let bottom = 36.0
    static let right = 12.0

    /// The `<svg>` element, sized by its `viewBox` so that it scales with the page.
    func svg() -> String {
        let width = Self.left + Self.plotWidth + Self.right
        let height = Self.top + Self.plotHeight + Self.bottom
        let currencyText = HTMLText.escape(currency)
        var svg = """
            <svg class="chart" role="img" viewBox="0 0 \(Self.coordinate(width)) \(Self.coordinate(height))" \
            preserveAspectRatio="xMidYMid meet">
            <title>Daily realized savings in \(currencyText)</title>

            """
        let ticks = Self.ticks(maximum: bars.map(\.amount).max() ?? 0)
        let scaleTop = Self.double(ticks.last ?? 1)
        for tick in ticks {
            let y = Self.top + Self.plotHeight - Self.double(tick) / scaleTop * Self.plotHeight
            svg += """
                <line class="grid" x1="\(Self.coordinate(Self.left))" y1="\(Self.coordinate(y))" \
                x2="\(Self.coordinate(Self.left + Self.plotWidth))" y2="\(Self.coordinate(y))"/>
                <text class="y" x="\(Self.coordinate(Self.left - 6))" y="\(Self.coordinate(y + 4))">\
                \(HTMLText.escape(ReportFormat.decimal(tick)))</text>

                """
        }
        guard !bars.isEmpty else { return svg + "</svg>" }
        let slot = Self.plotWidth / Double(bars.count)
        let barWidth = max(1, slot * 0.8)
        let labelEvery = max(1, (bars.count + 11) / 12)
        for (index, bar) in bars.enumerated() {
            let x = Self.left + Double(index) * slot + (slot - barWidth) / 2
            let barHeight = max(0, Self.double(bar.amount) / scaleTop * Self.plotHeight)
            if bar.amount > 0 {
                let title = "\(bar.day): \(ReportFormat.money(bar.amount)) \(currency) (\(bar.stops) stop(s))"
                svg += """
                    <rect class="bar" x="\(Self.coordinate(x))" y="\(Self.coordinate(Self.top + Self.plotHeight - barHeight))" \
                    width="\(Self.coordinate(barWidth))" height="\(Self.coordinate(barHeight))">\
                    <title>\(HTMLText.escape(title))</title></rect>

                    """
            }
            if index % labelEvery == 0 {
                let label = bar.day.count == 10 ? String(bar.day.dropFirst(5)) : bar.day
                svg += """
                    <text class="x" x="\(Self.coordinate(Self.left + (Double(index) + 0.5) * slot))" \
                    y="\(Self.coordinate(Self.top + Self.plotHeight + 16))">\(HTMLText.escape(label))</text>

                    """
            }
        }
        svg += """
            <line class="axis" x1="\(Self.coordinate(Self.left))" y1="\(Self.coordinate(Self.top + Self.plotHeight))" \
            x2="\(Self.coordinate(Self.left + Self.plotWidth))" y2="\(Self.coordinate(Self.top + Self.plotHeight))"/>
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
