/// Why credentials could not be resolved or a token not obtained. Never contains a secret.
public struct AuthError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// No credentials are configured at all.
        case missing
        /// Some variables of a method are set, others are missing.
        case incomplete
        /// The token file is missing, empty, a link or not a regular file, someone else's, open to group or
        /// others, or in a folder anyone may write to.
        case tokenFile
        /// IAM refused the credentials or answered without a token.
        case rejected
        /// IAM could not be reached.
        case unreachable
    }

    public var kind: Kind
    public var message: String

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
