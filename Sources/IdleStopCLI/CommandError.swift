/// Why a command could not do its work, and the exit status that says so (docs/SPEC.md §8).
enum CommandError: Error, CustomStringConvertible {
    /// Bad input or config; nothing was sent.
    case badInput(String)
    /// Authentication failed; no further requests were sent.
    case authentication(String)
    /// GES or Cloud Eye could not be read; nothing was sent.
    case cloudUnreadable(String)
    /// Another run holds the lock.
    case locked(String)

    var status: ExitStatus {
        switch self {
        case .badInput: .badInput
        case .authentication: .authenticationFailed
        case .cloudUnreadable: .cloudUnreadable
        case .locked: .locked
        }
    }

    var description: String {
        switch self {
        case .badInput(let message), .authentication(let message), .cloudUnreadable(let message),
            .locked(let message):
            message
        }
    }
}
