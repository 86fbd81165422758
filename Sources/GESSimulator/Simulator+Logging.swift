import Logging

extension Simulator {
    /// A logger that writes to standard error, for the `ges-sim` executable (stdout carries only the listening line).
    public static func standardErrorLogger(verbose: Bool) -> Logger {
        var logger = Logger(label: "ges-sim", factory: { label in StreamLogHandler.standardError(label: label) })
        logger.logLevel = verbose ? .debug : .info
        return logger
    }
}
