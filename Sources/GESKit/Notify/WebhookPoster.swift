import Foundation

/// POSTs a JSON body to a webhook URL, with retries, over the run's transport.
///
/// The URL may itself be a secret (a Slack incoming webhook): it appears in log lines and errors only as
/// `WebhookPoster.redacted(_:)`.
public struct WebhookPoster: Sendable {
    let delivery: NotificationDelivery

    public init(delivery: NotificationDelivery) {
        self.delivery = delivery
    }

    /// Sends `body` to `url`; refuses plain HTTP to other hosts than loopback (`URLSecurityPolicy`).
    public func post(_ body: Data, to url: URL, deadline: Date) async -> NotificationDelivery.Receipt {
        let target = "webhook \(Self.redacted(url))"
        do { try URLSecurityPolicy.check(url) } catch {
            return .init(attempts: 0, error: NotificationError("\(target) refused: \(error.detail)"))
        }
        return await delivery.send(target: target, deadline: deadline) {
            () async throws(NotificationError) -> HTTPRequest in
            HTTPRequest(method: "POST", url: url, headers: ["Content-Type": "application/json"], body: body)
        }
    }

    /// `scheme://host[:port]/…`: where a webhook goes without the path and query that may hold its secret.
    public static func redacted(_ url: URL) -> String {
        let port = url.port.map { ":\($0)" } ?? ""
        let path = url.path.isEmpty || url.path == "/" ? "" : "/…"
        return "\(url.scheme ?? "https")://\(url.host ?? "")\(port)\(path)"
    }
}
