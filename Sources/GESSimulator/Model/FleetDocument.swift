import Foundation

/// The graphs the simulator serves, read from a file in the list-graphs response shape.
///
/// Each graph keeps its JSON object exactly as given; the simulator only rewrites `status`.
public struct FleetDocument: Sendable, Equatable {
    public var graphs: [JSONValue]

    public init(graphs: [JSONValue]) {
        self.graphs = graphs
    }

    /// Parses `{"graph_count": N, "graphs": [...]}`; every graph needs a string `id` and `status`, ids unique.
    public init(data: Data, source: String = "fleet") throws(SimulatorError) {
        let document: JSONValue
        do {
            document = try JSONValue.parse(data)
        } catch {
            throw SimulatorError("\(source): not valid JSON")
        }
        guard case .array(let graphs)? = document["graphs"] else {
            throw SimulatorError("\(source): expected an object with a \"graphs\" array")
        }
        var seen = Set<String>()
        for (index, graph) in graphs.enumerated() {
            guard let id = graph["id"]?.stringValue, !id.isEmpty else {
                throw SimulatorError("\(source): graphs[\(index)] has no string \"id\"")
            }
            guard graph["status"]?.stringValue != nil else {
                throw SimulatorError("\(source): graphs[\(index)] (\(id)) has no string \"status\"")
            }
            guard seen.insert(id).inserted else {
                throw SimulatorError("\(source): graph id \(id) appears twice")
            }
        }
        self.graphs = graphs
    }

    /// Reads and parses a fleet file.
    public init(contentsOf url: URL) throws(SimulatorError) {
        try self.init(data: SimulatorError.contents(of: url), source: url.path)
    }
}
