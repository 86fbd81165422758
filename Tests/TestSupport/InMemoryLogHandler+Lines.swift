import InMemoryLogging
import Logging

extension InMemoryLogHandler {
    /// A logger writing into a fresh handler that keeps every line at `level` and above (default: all of them).
    public static func logger(label: String = "test", level: Logger.Level = .trace) -> (Logger, InMemoryLogHandler) {
        var handler = InMemoryLogHandler()
        handler.logLevel = level
        return (Logger(label: label, factory: { _ in handler }), handler)
    }

    /// Each entry as `level message key=value …` (metadata sorted), so a test can search messages and metadata.
    public var lines: [String] {
        entries.map { entry in
            let metadata = entry.metadata.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " ")
            return "\(entry.level) \(entry.message) \(metadata)"
        }
    }

    /// Every line, one after another.
    public var text: String { lines.joined(separator: "\n") }

    /// How many entries were logged.
    public var count: Int { entries.count }

    /// The messages logged at exactly `level`, in order.
    public func messages(at level: Logger.Level) -> [String] {
        entries.filter { $0.level == level }.map(\.message.description)
    }
}

extension Logger {
    /// A logger that writes nowhere, for code that must be given one.
    public static func discarding(_ label: String = "test") -> Logger {
        Logger(label: label, factory: { _ in SwiftLogNoOpLogHandler() })
    }
}
