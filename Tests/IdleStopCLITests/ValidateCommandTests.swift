import Foundation
import Testing

@testable import IdleStopCLI

/// `ges-idle-stop validate` (tests `ValidateCommand`).
struct ValidateCommandTests {
    /// Validates `files` in-process; returns the status and what went to each printer.
    static func validate(
        _ files: [String]
    ) -> (
        status: IdleStopCLI.ExitStatus, output: [String], errors: [String], warnings: [String]
    ) {
        var output: [String] = []
        var errors: [String] = []
        var warnings: [String] = []
        let status = ValidateCommand.execute(
            files: files,
            print: { output.append($0) },
            printError: { errors.append($0) },
            printWarning: { warnings.append($0) }
        )
        return (status, output, errors, warnings)
    }

    @Test func anAnchoredLiteralNamePatternIsAWarningThatKeepsTheFileValid() throws {
        let harness = try CLIHarness()
        let path = harness.path("anchored.yml")
        let yaml = """
            version: 1
            policies:
              - name: suffix
                match:
                  - name: { matches: "prod$" }
                  - idle: { window: 24h }
                action: report
            """
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        let result = Self.validate([path, CLIHarness.policy])
        #expect(result.status == .done)
        #expect(result.output == ["2 file(s) valid"])
        #expect(result.errors.isEmpty)
        #expect(
            result.warnings == [
                path + ":5:26: name pattern \"prod$\" matches only a graph named exactly \"prod\" (patterns match the "
                    + "whole name); for names that end with \"prod\" write \".*prod\""
            ]
        )
    }

    @Test func problemsStillFailTheFile() throws {
        let harness = try CLIHarness()
        let path = harness.path("broken.yml")
        let yaml = "version: 1\npolicies:\n  - name: x\n    action: stop\n"
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        let result = Self.validate([path])
        #expect(result.status == .badInput)
        #expect(result.output.isEmpty)
        #expect(result.errors == [path + ":3:5: missing key \"match\" in a policy"])
    }

    /// A data fixture of the core tests: `usage/NAME.csv` or `inventory/NAME.json`.
    static func coreFixture(_ relativePath: String) -> String {
        CLIHarness.repository.appendingPathComponent("Tests/IdleStopCoreTests/Fixtures/\(relativePath)").path
    }

    @Test func aUsageFileWithThreeBadRowsReportsAllThree() {
        let path = Self.coreFixture("usage/three-bad-rows.csv")
        let result = Self.validate([path])
        #expect(result.status == .badInput)
        #expect(result.output.isEmpty)
        #expect(
            result.errors == [
                path + ":3:4 (requests): \"-5\" is not a non-negative number",
                path + ":5:1 (graph_id): \"g/4\" is not a safe graph ID (1 to 128 ASCII letters, digits, \"-\" and "
                    + "\"_\")",
                path + ":7:2 (period_start): \"2026-11-27T00:00:00\" has no UTC offset (add Z or +hh:mm): the instant "
                    + "is ambiguous",
            ]
        )
    }

    @Test func twentyFiveBadRowsShowTwentyAndCountFive() {
        let path = Self.coreFixture("usage/many-bad-rows.csv")
        let result = Self.validate([path])
        #expect(result.status == .badInput)
        #expect(result.errors.count == 21)
        #expect(result.errors.prefix(20).allSatisfy { $0.hasPrefix(path + ":") && $0.contains(":3 (period_seconds)") })
        #expect(result.errors.last == "… and 5 more bad rows in \(path)")
    }

    @Test func anInventoryThatIsNotJSONReportsLineAndColumn() {
        let path = Self.coreFixture("inventory/not-json.json")
        let result = Self.validate([path])
        #expect(result.status == .badInput)
        #expect(result.errors == [path + ":4:29: not valid JSON: unexpected \"'\" (expected a value)"])
    }

    @Test func validDataFilesNextToYAMLFilesAreValid() {
        let result = Self.validate([CLIHarness.usage, CLIHarness.fleet, CLIHarness.policy, CLIHarness.pricing])
        #expect(result.status == .done)
        #expect(result.errors.isEmpty)
        #expect(result.output == ["4 file(s) valid"])
    }

    @Test func oneBadFileAmongGoodOnesFailsTheCallAndNamesOnlyIt() {
        let inventory = Self.coreFixture("inventory/status-number.json")
        let result = Self.validate([CLIHarness.usage, inventory, CLIHarness.policy])
        #expect(result.status == .badInput)
        #expect(result.output.isEmpty)
        #expect(result.errors == [inventory + ":5:29: graphs[1].status has the wrong type (expected String)"])
    }
}
