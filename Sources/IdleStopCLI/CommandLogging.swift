import Foundation
import Logging

/// Logging for the commands: everything to standard error, at the level `--quiet`/`--verbose` choose.
///
/// `--quiet` keeps errors only; it never silences a command's summary line, which is output, not a log.
enum CommandLogging {
    static func logger(quiet: Bool, verbose: Bool) -> Logger {
        var logger = Logger(label: "ges-idle-stop") { label in StreamLogHandler.standardError(label: label) }
        logger.logLevel = quiet ? .error : (verbose ? .debug : .warning)
        return logger
    }

    /// Prints an error for a person to read on standard error.
    static func printError(_ message: String) {
        FileHandle.standardError.write(Data(("ges-idle-stop: error: " + message + "\n").utf8))
    }

    /// Prints a warning for a person to read on standard error.
    static func printWarning(_ message: String) {
        FileHandle.standardError.write(Data(("ges-idle-stop: warning: " + message + "\n").utf8))
    }
}
