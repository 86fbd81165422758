import Foundation

extension SimulatorRouter {
    /// SMN's limit on `subject`, in bytes (docs/ges-api.md §11).
    static let smnSubjectLimit = 512
    /// SMN's limit on `message`, in bytes (256 KB).
    static let smnMessageLimit = 256 * 1024

    /// `POST /v2/{project_id}/notifications/topics/{topic_urn}/publish`: checks, records, answers a message ID.
    ///
    /// Authenticated like the GES calls. The `SMN.*` error codes are the simulator's choice in SMN's style, not
    /// confirmed against the cloud.
    func smn(_ request: ReceivedRequest, segments: [String]) async -> SimulatorAnswer {
        if let refusal = await authenticator.refusal(for: request) {
            logger.info("refused \(request.method) \(request.rawPath): \(refusal.body["error_msg"]?.stringValue ?? "")")
            return refusal
        }
        guard request.method == "POST", segments.count == 6, segments[3] == "topics", segments[5] == "publish" else {
            return .notFound
        }
        let project = segments[1]
        let topicURN = segments[4]
        if let expected = configuration.projectID, project != expected {
            return .error(400, "SMN.00010001", "The project in the URL does not match the credentials.")
        }
        let parts = topicURN.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0] == "urn", parts[1] == "smn", parts[2...].allSatisfy({ !$0.isEmpty }) else {
            return .error(404, "SMN.00010008", "The topic does not exist: \(topicURN)")
        }
        guard let body = try? JSONValue.parse(request.body), case .object(let fields) = body else {
            return .error(400, "SMN.00010002", "The request body is not a JSON object.")
        }
        let subject = fields["subject"]?.stringValue
        if fields["subject"] != nil && subject == nil {
            return .error(400, "SMN.00010003", "subject must be a string.")
        }
        if let subject, subject.utf8.count > Self.smnSubjectLimit {
            return .error(400, "SMN.00010004", "subject is longer than \(Self.smnSubjectLimit) bytes.")
        }
        guard let message = fields["message"]?.stringValue, !message.isEmpty else {
            return .error(400, "SMN.00010005", "message is missing or empty.")
        }
        guard message.utf8.count <= Self.smnMessageLimit else {
            return .error(400, "SMN.00010006", "message is longer than \(Self.smnMessageLimit) bytes.")
        }
        let messageID = await state.recordPublish(topicURN: topicURN, subject: subject, message: message)
        logger.info("SMN publish to \(topicURN): \(message.utf8.count) bytes")
        return .ok(["request_id": .string(UUID().uuidString.lowercased()), "message_id": .string(messageID)])
    }

    /// `POST /_sim/webhooks/{name}`: records a JSON body, for tests and the demo; anything else is a 400.
    func receiveWebhook(_ request: ReceivedRequest, name: String) async -> SimulatorAnswer {
        guard let body = try? JSONValue.parse(request.body) else { return Self.badAdminBody("expected a JSON body") }
        await state.recordWebhook(name: name, body: body)
        logger.info("webhook \(name): \(request.body.count) bytes")
        return .ok(["received": true])
    }
}
