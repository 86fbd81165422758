import Foundation
import GESSimulator
import IdleStopTestSupport
import Logging
import Testing

@testable import GESKit

@Suite struct SMNClientTests {
    static let project = "0123456789abcdef0123456789abcdef"
    static let accessKey = "SMNTESTACCESSKEY0000"
    static let secretKey = "smn-test-secret-key-000000000000000000"
    static let topic = "urn:smn:cn-north-4:0123456789abcdef0123456789abcdef:ges-idle-stop"
    static let logger = Logger.discarding("smn-test")

    /// A simulator with AK/SK credentials, and an SMN client signing with the same (or `secretKey`).
    static func start(secretKey: String = secretKey) async throws -> (SMNClient, Simulator) {
        let (simulator, endpoint) = try await Simulator.startOnLoopback(
            SimulatorConfiguration(
                fleet: FleetDocument(graphs: []),
                projectID: project,
                accessKey: accessKey,
                secretKey: Self.secretKey,
                seed: 7
            )
        )
        let transport = try CurlTransport()
        let client = SMNClient(
            endpoint: try #require(URL(string: endpoint)),
            projectID: project,
            authorizer: RequestAuthorizer(
                credentials: .accessKey(id: accessKey, secret: secretKey, securityToken: nil),
                transport: transport,
                logger: logger
            ),
            delivery: NotificationDelivery(transport: transport, retryPolicy: .none, logger: logger)
        )
        return (client, simulator)
    }

    @Test func aSignedPublishIsAcceptedAndRecorded() async throws {
        let (client, simulator) = try await Self.start()
        defer { Task { await simulator.stop() } }
        let receipt = await client.publish(
            topicURN: Self.topic,
            subject: "ges-idle-stop: 2 stopped",
            message: "Graphs: ünïcode ✓",
            deadline: Date().addingTimeInterval(30)
        )
        #expect(receipt.isDelivered, "\(String(describing: receipt.error))")
        #expect(receipt.attempts == 1)
        let recorded = await simulator.notifications()
        #expect(recorded.count == 1)
        #expect(recorded.first?["kind"] == "smn")
        #expect(recorded.first?["topic_urn"]?.stringValue == Self.topic)
        #expect(recorded.first?["subject"]?.stringValue == "ges-idle-stop: 2 stopped")
        #expect(recorded.first?["message"]?.stringValue == "Graphs: ünïcode ✓")
    }

    @Test func aWrongSignatureIsRefusedAndNothingIsRecorded() async throws {
        let (client, simulator) = try await Self.start(secretKey: "not-the-secret-key-0000000000000000000")
        defer { Task { await simulator.stop() } }
        let receipt = await client.publish(
            topicURN: Self.topic,
            subject: "s",
            message: "m",
            deadline: Date().addingTimeInterval(30)
        )
        #expect(receipt.error?.httpStatus == 401)
        #expect(receipt.error?.description.contains("not-the-secret") == false)
        #expect(await simulator.notifications().isEmpty)
    }

    @Test func aMessageOverSMNsLimitIsRefusedWithSMNsErrorCode() async throws {
        let (client, simulator) = try await Self.start()
        defer { Task { await simulator.stop() } }
        let receipt = await client.publish(
            topicURN: Self.topic,
            subject: "s",
            message: String(repeating: "x", count: 256 * 1024 + 1),
            deadline: Date().addingTimeInterval(30)
        )
        #expect(receipt.error?.httpStatus == 400)
        #expect(receipt.error?.code == "SMN.00010006")
        #expect(receipt.attempts == 1)
    }

    @Test func theTopicURNIsOnePathSegment() throws {
        let client = SMNClient(
            endpoint: try #require(URL(string: "https://smn.cn-north-4.myhuaweicloud.com")),
            projectID: Self.project,
            authorizer: RequestAuthorizer(
                credentials: .token("t"),
                transport: try CurlTransport(),
                logger: Self.logger
            ),
            delivery: NotificationDelivery(transport: try CurlTransport(), logger: Self.logger)
        )
        #expect(
            try client.publishURL(topicURN: "urn:smn:cn-north-4:p:a/b").absoluteString
                == "https://smn.cn-north-4.myhuaweicloud.com/v2/\(Self.project)/notifications/topics/"
                + "urn%3Asmn%3Acn-north-4%3Ap%3Aa%2Fb/publish"
        )
        #expect(Endpoint.smn(region: "cn-north-4")?.absoluteString == "https://smn.cn-north-4.myhuaweicloud.com")
    }
}
