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
}
