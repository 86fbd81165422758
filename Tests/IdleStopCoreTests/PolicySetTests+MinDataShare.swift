import Foundation
import Testing

@testable import IdleStopCore

/// `limits.min_data_share`: parsed like the other limits, half by default, the largest value wins a merge.
@Suite struct PolicySetMinDataShareTests {
    @Test func minDataShareParsesAndDefaultsToHalf() throws {
        let set = try PolicySet.parse(yaml: "version: 1\nlimits: { min_data_share: 0.8 }\n", file: "p.yml")
        #expect(set.limits.minDataShare == Decimal(string: "0.8"))
        let unset = try PolicySet.parse(yaml: "version: 1\npolicies: []\n", file: "p.yml")
        #expect(unset.limits.configuredMinDataShare == nil)
        #expect(unset.limits.minDataShare == Decimal(string: "0.5"))
    }

    @Test(arguments: [
        ("1.5", "p.yml:3:19: min_data_share must be between 0 and 1, found 1.5"),
        ("-0.1", "p.yml:3:19: min_data_share must be between 0 and 1, found -0.1"),
        ("half", "p.yml:3:19: expected a number like 0.5 for min_data_share"),
    ])
    func aBadMinDataShareIsAnErrorWithItsPosition(value: String, expected: String) {
        let yaml = "version: 1\nlimits:\n  min_data_share: \(value)\n"
        do {
            _ = try PolicySet.parse(yaml: yaml, file: "p.yml")
            Issue.record("accepted \(yaml)")
        } catch {
            #expect(error.errors.count == 1)
            #expect(error.errors.first?.description.hasPrefix(expected) == true, "\(error.errors)")
        }
    }

    @Test func mergingKeepsTheLargestMinDataShare() throws {
        let a = try PolicySet.parse(yaml: "version: 1\nlimits: { min_data_share: 0.3 }\n", file: "a.yml")
        let b = try PolicySet.parse(yaml: "version: 1\nlimits: { min_data_share: 0.7 }\n", file: "b.yml")
        let c = try PolicySet.parse(yaml: "version: 1\npolicies: []\n", file: "c.yml")
        #expect(try PolicySet.merged([a, b, c]).limits.minDataShare == Decimal(string: "0.7"))
        #expect(try PolicySet.merged([a, c]).limits.minDataShare == Decimal(string: "0.3"))
    }
}
