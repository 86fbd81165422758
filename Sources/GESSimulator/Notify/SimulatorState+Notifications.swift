import Foundation

extension SimulatorState {
    /// Records an SMN publish and returns its message ID.
    func recordPublish(topicURN: String, subject: String?, message: String) -> String {
        let messageID = String(format: "sim-msg-%06d", notifications.count + 1)
        var record: [String: JSONValue] = [
            "kind": "smn", "topic_urn": .string(topicURN), "message": .string(message),
            "message_id": .string(messageID), "received_at": .string(SimulatedClock.iso(now)),
        ]
        if let subject { record["subject"] = .string(subject) }
        notifications.append(.object(record))
        return messageID
    }

    /// Records a webhook post to `/_sim/webhooks/{name}`.
    func recordWebhook(name: String, body: JSONValue) {
        notifications.append(
            ["kind": "webhook", "name": .string(name), "body": body, "received_at": .string(SimulatedClock.iso(now))]
        )
    }
}
