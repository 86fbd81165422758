import GESKit
import IdleStopStorage

extension ExitStatus {
    /// The exit status of a command that failed with `error`, by the kind of the layer error that caused it.
    ///
    /// Decided here and nowhere else (docs/SPEC.md §8): what the operator must do next follows from what failed.
    /// Input, settings and files the operator names are 1 (nothing sent), and so is a history database that
    /// SQLite cannot open, upgrade, read or write (a corrupt file, a full disk, a newer release's schema): every
    /// such failure comes before the stop phase, so nothing was sent, and it is no bug (70 is for bugs). The
    /// cloud refusing the credentials is 3; the cloud not answering, or the deadline passing before the stop
    /// phase, is 5; another run holding the lock is 75.
    init(for error: CommandError) {
        switch error.cause {
        case .setting, .configFiles, .usage, .inventory: self = .badInput
        case .deadlinePassed: self = .cloudUnreadable
        case .storage(let error): self = Self(for: error.kind)
        case .credentials(let error): self = Self(for: error.kind)
        case .transport(let error): self = Self(for: error.kind)
        case .ges(let error): self = Self(for: error.kind)
        case .cloudEye(let error): self = Self(for: error.kind)
        }
    }

    private init(for kind: StorageError.Kind) {
        switch kind {
        case .file, .report, .lock, .database: self = .badInput
        case .lockHeld: self = .locked
        }
    }

    private init(for kind: AuthError.Kind) {
        switch kind {
        case .missing, .incomplete, .tokenFile: self = .badInput
        case .rejected, .unreachable: self = .authenticationFailed
        }
    }

    private init(for kind: TransportError.Kind) {
        switch kind {
        case .insecureURLRefused, .invalidRequest: self = .badInput
        case .timeout, .connectionFailed, .tlsFailure, .bodyTooLarge, .headersTooLarge, .cancelled, .other:
            self = .cloudUnreadable
        }
    }

    private init(for kind: GESError.Kind) {
        switch kind {
        case .invalidIdentifier: self = .badInput
        case .authenticationFailed: self = .authenticationFailed
        case .incompleteInventory, .httpStatus, .transport, .malformedResponse, .jobWaitTimedOut:
            self = .cloudUnreadable
        }
    }

    private init(for kind: CloudEyeError.Kind) {
        switch kind {
        case .invalidRequest: self = .badInput
        case .authenticationFailed: self = .authenticationFailed
        case .httpStatus, .transport, .malformedResponse, .incompleteAnswer: self = .cloudUnreadable
        }
    }
}
