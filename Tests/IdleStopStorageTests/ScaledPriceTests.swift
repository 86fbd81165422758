import Foundation
import Testing

@testable import IdleStopStorage

struct ScaledPriceTests {
    @Test(arguments: ["1.25", "30", "0", "0.000000001", "999999999999.999999999", "01.5", "1.", "12.500"])
    func scalesPlainDecimalsToTheValueDecimalReads(text: String) throws {
        let price = try #require(ScaledPrice(text))
        let decimal = try #require(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")))
        #expect(ScaledPrice.decimal(unitSeconds: price.units) == decimal)
    }

    @Test(arguments: ["", ".5", "-1", "+1", "1e3", "1.0000000001", "1000000000000", "1,5", " 1", "1.2.3", "١"])
    func leavesEveryOtherSpellingToDecimal(text: String) {
        #expect(ScaledPrice(text) == nil)
    }

    @Test func roundsCentsHalfUpAsReportFormatDoes() throws {
        let prices = ["1.25", "0.01", "0.333333333", "12", "0.000000001", "2.5", "0.0125", "7.777777777"]
        for text in prices {
            let units = try #require(ScaledPrice(text)).units
            let price = try #require(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")))
            for seconds: Int64 in [0, 1, 17, 36, 144, 1800, 3599, 3600, 52_200, 86_400, 604_800] {
                let cents = ScaledPrice.cents(unitSeconds: units * Int128(seconds))
                let expected = ReportFormat.round(price * Decimal(seconds) / 3600, scale: 2, mode: .plain)
                #expect(ScaledPrice.decimal(cents: cents) == expected, "\(text) × \(seconds)s")
            }
        }
    }

    @Test func writesCentsAsExactDecimals() {
        #expect(ScaledPrice.decimal(cents: 1250) == Decimal(string: "12.5")!)
        #expect(ScaledPrice.decimal(cents: -1) == Decimal(string: "-0.01")!)
        let large = Int128(UInt64.max) * 1000
        #expect(ScaledPrice.decimal(cents: large) == Decimal(string: "\(large)")! / 100)
    }
}
