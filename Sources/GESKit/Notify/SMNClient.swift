import Foundation
import Logging

/// Publishes messages to Huawei Cloud SMN topics (docs/ges-api.md §11), signed like the GES calls.
///
/// `POST /v2/{project_id}/notifications/topics/{topic_urn}/publish` with `{"subject", "message"}`; the caller
/// keeps both within SMN's limits (`NotificationText`). Each attempt is authorized afresh.
public struct SMNClient: Sendable {
    public let endpoint: URL
    public let projectID: String
    let authorizer: RequestAuthorizer
    let delivery: NotificationDelivery

    public init(
        endpoint: URL,
        projectID: String,
        authorizer: RequestAuthorizer,
        delivery: NotificationDelivery
    ) {
        self.endpoint = endpoint
        self.projectID = projectID
        self.authorizer = authorizer
        self.delivery = delivery
    }

    /// The publish URL of `topicURN`: the URN goes into the path with every reserved character percent-encoded.
    public func publishURL(topicURN: String) throws(NotificationError) -> URL {
        guard var components = URLComponents(url: endpoint, resolvingAgainstBaseURL: false) else {
            throw NotificationError("the SMN endpoint is not a URL")
        }
        var base = components.percentEncodedPath
        while base.hasSuffix("/") { base.removeLast() }
        components.percentEncodedPath =
            base + "/v2/\(AKSKSigner.percentEncode(projectID))/notifications/topics/"
            + "\(AKSKSigner.percentEncode(topicURN))/publish"
        guard let url = components.url else { throw NotificationError("the SMN endpoint is not a URL") }
        return url
    }

    /// Publishes one message to `topicURN`, retrying within `deadline`.
    public func publish(
        topicURN: String,
        subject: String,
        message: String,
        deadline: Date
    ) async -> NotificationDelivery.Receipt {
        let body: Data
        do {
            body = try JSONEncoder().encode(["subject": subject, "message": message])
        } catch {
            return .init(attempts: 0, error: NotificationError("cannot encode the SMN message: \(error)"))
        }
        let authorizer = authorizer
        let projectID = projectID
        let url: URL
        do { url = try publishURL(topicURN: topicURN) } catch { return .init(attempts: 0, error: error) }
        var receipt = await delivery.send(target: "SMN topic \(topicURN)", deadline: deadline) {
            () async throws(NotificationError) -> HTTPRequest in
            var request = HTTPRequest(
                method: "POST",
                url: url,
                headers: ["Content-Type": "application/json;charset=UTF-8"],
                body: body
            )
            do { try await authorizer.authorize(&request, projectID: projectID) } catch {
                throw NotificationError("SMN credentials could not be applied: \(error)")
            }
            return request
        }
        if var error = receipt.error {
            error.message = authorizer.redact(error.message)
            receipt.error = error
        }
        return receipt
    }
}
