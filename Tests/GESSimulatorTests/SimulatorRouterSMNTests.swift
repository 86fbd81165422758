import Foundation
import Testing

@testable import GESSimulator

@Suite("Simulator serves SMN publish and webhooks")
struct SimulatorRouterSMNTests {
    static let topic = "urn:smn:cn-north-4:\(Harness.project):ges-idle-stop"
    static var publish: String { Harness.ges("notifications/topics/\(topic)/publish") }

    func body(subject: String, message: String) throws -> String {
        String(decoding: try JSONEncoder().encode(["subject": subject, "message": message]), as: UTF8.self)
    }

    @Test func aPublishIsAnsweredWithAMessageIDAndListed() async throws {
        let sim = try await Harness.start()
        defer { Task { await sim.stop() } }
        let answer = try await sim.send("POST", Self.publish, body: try body(subject: "s", message: "m"))
        #expect(answer.status == 200)
        #expect(answer.json["message_id"]?.stringValue?.isEmpty == false)
        let listed = try await sim.send("GET", "/_sim/notifications", auth: .none)
        guard case .array(let items)? = listed.json["notifications"] else {
            Issue.record("no notifications list")
            return
        }
        #expect(items.count == 1)
        #expect(items.first?["topic_urn"]?.stringValue == Self.topic)
        #expect(items.first?["message"]?.stringValue == "m")
    }

    @Test func smnsLimitsAndShapesAreChecked() async throws {
        let sim = try await Harness.start()
        defer { Task { await sim.stop() } }
        let longSubject = try await sim.send(
            "POST",
            Self.publish,
            body: try body(subject: String(repeating: "é", count: 257), message: "m")
        )
        #expect(longSubject.status == 400)
        #expect(longSubject.errorCode == "SMN.00010004")
        let fits = try await sim.send(
            "POST",
            Self.publish,
            body: try body(subject: String(repeating: "é", count: 256), message: "m")
        )
        #expect(fits.status == 200)
        let notJSON = try await sim.send("POST", Self.publish, body: "subject=s")
        #expect(notJSON.errorCode == "SMN.00010002")
        let empty = try await sim.send("POST", Self.publish, body: try body(subject: "s", message: ""))
        #expect(empty.errorCode == "SMN.00010005")
        let badTopic = try await sim.send(
            "POST",
            Harness.ges("notifications/topics/ges-idle-stop/publish"),
            body: try body(subject: "s", message: "m")
        )
        #expect(badTopic.status == 404)
        #expect(await sim.simulator.notifications().count == 1)
    }

    @Test func aPublishWithoutCredentialsIsRefused() async throws {
        let sim = try await Harness.start()
        defer { Task { await sim.stop() } }
        let answer = try await sim.send("POST", Self.publish, body: try body(subject: "s", message: "m"), auth: .none)
        #expect(answer.status == 401)
        #expect(await sim.simulator.notifications().isEmpty)
    }

    @Test func aWebhookReceiverRecordsJSONAndRefusesAnythingElse() async throws {
        let sim = try await Harness.start()
        defer { Task { await sim.stop() } }
        let ok = try await sim.send("POST", "/_sim/webhooks/slack", body: #"{"text": "hi"}"#, auth: .none)
        #expect(ok.status == 200)
        let bad = try await sim.send("POST", "/_sim/webhooks/slack", body: "hi", auth: .none)
        #expect(bad.status == 400)
        let recorded = await sim.simulator.notifications()
        #expect(recorded.count == 1)
        #expect(recorded.first?["kind"] == "webhook")
        #expect(recorded.first?["body"]?["text"]?.stringValue == "hi")
    }
}
