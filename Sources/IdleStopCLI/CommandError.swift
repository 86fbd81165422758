import GESKit
import IdleStopCore
import IdleStopStorage

/// Why a command could not do its work: the failing layer's own error, with the words the command adds around it.
///
/// The cause keeps its type and kind, so `ExitStatus(for:)` decides the exit status from what failed (docs/SPEC.md
/// §8), never from the wording; the context and notes only make the message a person reads.
struct CommandError: Error, CustomStringConvertible {
    /// What failed, as the layer that found it said.
    enum Cause: CustomStringConvertible {
        /// A command line, setting or combination the command itself refuses.
        case setting(String)
        /// Policy, pricing or config files.
        case configFiles(ConfigFileErrors)
        /// The usage records.
        case usage(UsageError)
        /// A graph list read from a file.
        case inventory(InventoryError)
        /// The history database, a report, a written file or the run lock.
        case storage(StorageError)
        /// Credentials that could not be resolved, or that IAM refused.
        case credentials(AuthError)
        /// The HTTP transport.
        case transport(TransportError)
        /// A GES call.
        case ges(GESError)
        /// A Cloud Eye call.
        case cloudEye(CloudEyeError)
        /// The run's `--deadline` (`seconds`) passed while it was `doing` something, before any stop was sent.
        case deadlinePassed(seconds: Int, doing: String)

        var description: String {
            switch self {
            case .setting(let message): message
            case .configFiles(let error): "\(error)"
            case .usage(let error): "\(error)"
            case .inventory(let error): "\(error)"
            case .storage(let error): "\(error)"
            case .credentials(let error): "\(error)"
            case .transport(let error): "\(error)"
            case .ges(let error): "\(error)"
            case .cloudEye(let error): "\(error)"
            case .deadlinePassed(let seconds, let doing):
                "the run's deadline (--deadline \(seconds) s) passed while \(doing); no stop was sent"
            }
        }
    }

    /// The note that ends the message of a run that failed before its stop phase.
    static let nothingSent = "No stop was sent."

    var cause: Cause
    /// Words before the cause's own description (`could not read the graph list from GES: `).
    var context: String
    /// Lines after it (`No stop was sent.`).
    var notes: [String]

    init(_ cause: Cause, context: String = "", notes: [String] = []) {
        self.cause = cause
        self.context = context
        self.notes = notes
    }

    /// A command line, setting or combination the command refuses (exit 1).
    static func setting(_ message: String, notes: [String] = []) -> CommandError {
        CommandError(.setting(message), notes: notes)
    }

    /// The history database failing before any stop (exit 1): names the history, keeps what failed, says nothing
    /// was sent.
    static func history(_ error: StorageError) -> CommandError {
        CommandError(.storage(error), context: "the history database failed: ", notes: [nothingSent])
    }

    /// The exit status that says what failed.
    var status: ExitStatus { ExitStatus(for: self) }

    var description: String {
        ([context + cause.description] + notes).joined(separator: "\n")
    }
}
