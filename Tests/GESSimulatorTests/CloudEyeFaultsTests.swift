import Foundation
import Testing

@testable import GESSimulator

/// The Cloud Eye-only faults: a graph left out of the answers, every query failing; GES keeps answering.
@Suite struct CloudEyeFaultsTests {
    typealias Cloud = SimulatorRouterCloudEyeTests

    static func start(_ faults: CloudEyeFaults) async throws -> SimulatorHarness {
        var usage = try Cloud.fixture()
        usage.faults = faults
        return try await SimulatorHarness.start { $0.usage = usage }
    }

    @Test func omittedGraphIsLeftOutOfBatchAnswersAndOthersAreAnswered() async throws {
        let sim = try await Self.start(CloudEyeFaults(omittedGraphIDs: [SimulatorHarness.beta]))
        defer { Task { await sim.stop() } }
        let answer = try await sim.send(
            "POST",
            Cloud.batchPath,
            body: Cloud.body(
                [SimulatorHarness.alpha, SimulatorHarness.beta, SimulatorHarness.gamma],
                from: Cloud.day * 1000,
                to: (Cloud.day + 6 * Cloud.hour) * 1000
            )
        )
        #expect(answer.status == 200)
        guard case .array(let metrics)? = answer.json["metrics"] else {
            Issue.record("no metrics array")
            return
        }
        let answered = metrics.compactMap { metric -> String? in
            guard case .array(let dimensions)? = metric["dimensions"] else { return nil }
            return dimensions.first?["value"]?.stringValue
        }
        #expect(answered == [SimulatorHarness.alpha, SimulatorHarness.gamma])
        #expect(Cloud.datapoints(answer)[0][Cloud.day] == 10)
    }

    @Test func omittedGraphGetsASingleMetricAnswerWithoutDatapoints() async throws {
        let sim = try await Self.start(CloudEyeFaults(omittedGraphIDs: [SimulatorHarness.alpha]))
        defer { Task { await sim.stop() } }
        let query =
            "namespace=SYS.GES&metric_name=ges004_request_count&dim.0=instance_id,\(SimulatorHarness.alpha)"
            + "&from=\(Cloud.day * 1000)&to=\((Cloud.day + 6 * Cloud.hour) * 1000)&period=3600&filter=sum"
        let answer = try await sim.send("GET", "/V1.0/\(SimulatorHarness.project)/metric-data?\(query)")
        #expect(answer.status == 200)
        #expect(answer.json["metric_name"] == "ges004_request_count")
        #expect(answer.json["datapoints"] == nil)
    }

    @Test(arguments: [(500, "ces.0007"), (503, "APIGW.0203"), (429, "APIGW.0308")])
    func failureStatusAnswersEveryCloudEyeQueryButNotGES(status: Int, code: String) async throws {
        let sim = try await Self.start(CloudEyeFaults(failureStatus: status))
        defer { Task { await sim.stop() } }
        let answer = try await sim.send(
            "POST",
            Cloud.batchPath,
            body: Cloud.body([SimulatorHarness.alpha], from: Cloud.day * 1000, to: (Cloud.day + Cloud.hour) * 1000)
        )
        #expect(answer.status == status)
        #expect(answer.errorCode == code)
        let listing = try await sim.send("GET", SimulatorHarness.ges("graphs"))
        #expect(listing.status == 200)
    }

    @Test func faultsStillRequireAuthentication() async throws {
        let sim = try await Self.start(CloudEyeFaults(failureStatus: 503))
        defer { Task { await sim.stop() } }
        let answer = try await sim.send(
            "POST",
            Cloud.batchPath,
            body: Cloud.body([SimulatorHarness.alpha], from: Cloud.day * 1000, to: (Cloud.day + Cloud.hour) * 1000),
            auth: .none
        )
        #expect(answer.status == 401)
    }
}
