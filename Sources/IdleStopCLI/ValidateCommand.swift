import ArgumentParser
import Foundation
import IdleStopCore

/// `ges-idle-stop validate FILE...`: check policy, pricing and config files and print every problem.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check policy, pricing and config files; print each problem with file, line and column.",
        discussion: """
            Unknown keys, wrong types, impossible values, YAML anchors and aliases, and \
            name patterns that could backtrack for hours are all problems. Prints \
            "N file(s) valid" when there is none.

            \(ExitStatus.helpParagraph([.done, .badInput, .internalError]))
            """
    )

    @Argument(help: "Policy, pricing or config files (the kind is told by their top-level keys).")
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
