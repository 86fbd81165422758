import Foundation

/// One notification of a run as the history keeps it: where it went (redacted), for whom, and how it went.
public struct NotificationRecord: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case smn, webhook
    }

    public var runID: String
    public var kind: Kind
    /// The topic URN, or the webhook URL without its path (`WebhookPoster.redacted`): never a secret.
    public var target: String
    /// The owner group the message was for, or nil for the whole run.
    public var owner: String?
    public var isDelivered: Bool
    public var attempts: Int
    public var error: String?
    public var sentAt: Date

    public init(
        runID: String,
        kind: Kind,
        target: String,
        owner: String?,
        isDelivered: Bool,
        attempts: Int,
        error: String?,
        sentAt: Date
    ) {
        self.runID = runID
        self.kind = kind
        self.target = target
        self.owner = owner
        self.isDelivered = isDelivered
        self.attempts = attempts
        self.error = error
        self.sentAt = sentAt
    }
}
