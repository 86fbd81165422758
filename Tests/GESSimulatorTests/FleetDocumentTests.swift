import Foundation
import IdleStopTestSupport
import Testing

@testable import GESSimulator

struct FleetDocumentTests {
    @Test func readsTheExampleFleets() throws {
        let small = try SimulatorHarness.smallFleet()
        #expect(small.graphs.count == 5)
        let demo = try FleetDocument(contentsOf: Repository.url("examples/fleet.json"))
        #expect(!demo.graphs.isEmpty)
    }

    @Test func everyFieldRoundTrips() throws {
        let data = try Data(contentsOf: Repository.url("examples/sim/small-fleet.json"))
        let original = try JSONValue.parse(data)
        let fleet = try FleetDocument(data: data)
        #expect(original["graphs"] == .array(fleet.graphs))
        let reparsed = try JSONValue.parse(JSONValue.array(fleet.graphs).encoded())
        #expect(reparsed == .array(fleet.graphs))
        #expect(fleet.graphs[0]["encrypted"] == .bool(false))
        #expect(fleet.graphs[0]["replication"] == .integer(1))
    }

    @Test(arguments: [
        #"not json"#,
        #"{"graph_count": 1}"#,
        #"{"graphs": [{"status": "200"}]}"#,
        #"{"graphs": [{"id": "a"}]}"#,
        #"{"graphs": [{"id": "a", "status": 200}]}"#,
        #"{"graphs": [{"id": "a", "status": "200"}, {"id": "a", "status": "900"}]}"#,
    ])
    func refusesMalformedFleets(_ text: String) {
        #expect(throws: SimulatorError.self) { try FleetDocument(data: Data(text.utf8)) }
    }

    @Test func namesTheFileThatCannotBeRead() {
        let url = URL(fileURLWithPath: "/nonexistent/fleet-\(UUID().uuidString).json")
        #expect(throws: SimulatorError.file(url, "cannot be read")) { try FleetDocument(contentsOf: url) }
    }
}
