import ArgumentParser
import CProcessGuard
import Foundation

/// The `ges-idle-stop` root command: stops idle GES graphs by policy and reports the savings.
public struct IdleStopCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "ges-idle-stop",
        abstract: "Stop idle Huawei Cloud GES graphs by policy, and report what it saves.",
        discussion: """
            Each command's --help lists its own options, the values they accept, the \
            credential variables it reads and its exit statuses. The contract is \
            docs/SPEC.md in the source repository, installed by scripts/install as \
            <prefix>/share/doc/ges-idle-stop/docs/SPEC.md.

            Shell completion: ges-idle-stop --generate-completion-script bash|zsh|fish
            """,
        version: BuildInfo.versionLine,
        subcommands: [
            RunCommand.self, ApplyCommand.self, StartCommand.self, ValidateCommand.self, ReportCommand.self,
            UsageCommand.self,
        ]
    )

    public init() {}

    /// Parses the process arguments, runs the command and returns the contract's exit status.
    ///
    /// A malformed command line is bad input: exit 1 (argument-parser alone would use 64).
    public static func runMain(arguments: [String]? = nil) async -> Int32 {
        guardProcess(environment: ProcessInfo.processInfo.environment)
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

    /// Process-wide guards, set before any secret is read: no core dumps, and a crash ends in one line.
    ///
    /// The environment credentials are in memory from the start, so core dumps are off for the whole
    /// process. A crash (a trap, a bad access) prints one error line and exits 70 instead of the runtime's
    /// register dump; `GES_IDLE_STOP_BACKTRACE=1` keeps the runtime's backtrace for a developer.
    static func guardProcess(environment: [String: String]) {
        _ = cpg_disable_core_dumps()
        guard environment["GES_IDLE_STOP_BACKTRACE"] != "1" else { return }
        cpg_install_crash_handler(
            "ges-idle-stop: internal error: the job crashed and stopped at once; every stop intent and outcome "
                + "committed before this moment is in the history, the next run reconciles the rest; please report "
                + "this line and the log (set GES_IDLE_STOP_BACKTRACE=1 for a backtrace) (signal ",
            ExitStatus.internalError.rawValue
        )
    }
}
