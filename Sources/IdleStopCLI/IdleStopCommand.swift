import ArgumentParser
import Foundation

/// The `ges-idle-stop` root command: stops idle GES graphs by policy and reports the savings.
public struct IdleStopCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "ges-idle-stop",
        abstract: "Stop idle Huawei Cloud GES graphs by policy, and report what it saves.",
        subcommands: [RunCommand.self, ApplyCommand.self, ValidateCommand.self, ReportCommand.self, UsageCommand.self]
    )

    public init() {}

    /// Parses the process arguments, runs the command and returns the contract's exit status.
    ///
    /// A malformed command line is bad input: exit 1 (argument-parser alone would use 64).
    public static func runMain(arguments: [String]? = nil) async -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return ExitStatus.done.rawValue
        } catch let code as ExitCode {
            return code.rawValue
        } catch {
            let status = exitCode(for: error)
            let message = fullMessage(for: error)
            if status == .success {
                print(message)
                return ExitStatus.done.rawValue
            }
            FileHandle.standardError.write(Data((message + "\n").utf8))
            return ExitStatus.badInput.rawValue
        }
    }
}
