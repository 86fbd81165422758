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
        let problems = FileValidator.validate(paths: files)
        for problem in problems { CommandLogging.printError("\(problem)") }
        if problems.isEmpty {
            print("\(files.count) file(s) valid")
            throw ExitCode(ExitStatus.done.rawValue)
        }
        throw ExitCode(ExitStatus.badInput.rawValue)
    }
}
