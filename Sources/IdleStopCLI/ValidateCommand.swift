import ArgumentParser
import Foundation
import IdleStopCore

/// `ges-idle-stop validate FILE...`: check policy, pricing, config, usage and inventory files; print every problem.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract:
            "Check policy, pricing, config, usage and inventory files; print each problem with file, line and column.",
        discussion: """
            Unknown keys, wrong types, impossible values, YAML anchors and aliases, and \
            name patterns that could backtrack for hours are all problems. Prints \
            "N file(s) valid" when there is none.

            A usage CSV (*.csv, or a first line naming graph_id and period_start) is read \
            to its end: every bad row is shown up to \(FileValidator.badRowLimit) per file, then \
            "… and N more bad rows in FILE"; the metric columns of the policy files given \
            in the same call are checked as numbers. An inventory (*.json, or text that \
            starts with "{") is checked as run --inventory reads it. Any other file is YAML, \
            its kind told by its top-level keys.

            \(ExitStatus.helpParagraph([.done, .badInput, .internalError]))
            """
    )

    @Argument(
        help:
            "Policy, pricing or config YAML (kind told by top-level keys), usage CSVs (*.csv) or inventory JSON (*.json)."
    )
    var files: [String]

    func run() throws {
        throw ExitCode(Self.execute(files: files).rawValue)
    }

    /// Checks `files` and prints the verdict, every problem (standard error) and every warning (standard error,
    /// without changing the status); the closures are the printers, replaceable in tests.
    static func execute(
        files: [String],
        print: (String) -> Void = { Swift.print($0) },
        printError: (String) -> Void = CommandLogging.printError,
        printWarning: (String) -> Void = CommandLogging.printWarning
    ) -> ExitStatus {
        let findings = FileValidator.check(paths: files)
        for problem in findings.problems { printError("\(problem)") }
        for warning in findings.warnings { printWarning(warning) }
        guard findings.problems.isEmpty else { return .badInput }
        print("\(files.count) file(s) valid")
        return .done
    }
}
