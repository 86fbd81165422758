import Foundation

/// The list-graphs response shape (`{"graph_count": N, "graphs": [...]}`), decoded into `Graph`s.
///
/// Used for `--inventory FILE` and for each page the GES API returns, so both paths read graphs the
/// same way. Fields the job does not use are ignored; fields it does use are checked. `graph_count` is
/// required: without the total, a listing cut short cannot be told from a whole one.
public struct GraphListDocument: Sendable, Equatable {
    /// The total the listing claims (for an API page: the whole project's, not the page's).
    public var graphCount: Int
    public var graphs: [Graph]

    public init(graphCount: Int, graphs: [Graph]) {
        self.graphCount = graphCount
        self.graphs = graphs
    }

    /// Decodes a list-graphs document; `source` names the file or URL in errors, which carry line and column.
    public static func decode(_ data: Data, source: String) throws(InventoryError) -> GraphListDocument {
        do throws(InventoryError) {
            return try decodeUnplaced(data, source: source)
        } catch {
            throw error.located(in: Array(data))
        }
    }

    private static func decodeUnplaced(_ data: Data, source: String) throws(InventoryError) -> GraphListDocument {
        let payload: Payload
        do {
            payload = try JSONDecoder().decode(Payload.self, from: data)
        } catch let error as DecodingError {
            throw InventoryError.decoding(error, source: source)
        } catch {
            throw InventoryError.notJSON(source: source)
        }
        guard let graphCount = payload.graphCount else {
            throw InventoryError(
                source: source,
                message: "missing field graph_count: without the total, a listing cut short cannot be told from a "
                    + "whole one"
            )
        }
        guard graphCount >= 0 else {
            throw InventoryError(
                source: source,
                at: [.key("graph_count")],
                message: "graph_count must not be negative, got \(graphCount)"
            )
        }
        var graphs: [Graph] = []
        graphs.reserveCapacity(payload.graphs.count)
        for (index, item) in payload.graphs.enumerated() {
            graphs.append(try item.graph(source: source, path: [.key("graphs"), .index(index)]))
        }
        return GraphListDocument(graphCount: graphCount, graphs: graphs)
    }

    /// Decodes a whole listing (an `--inventory` file): its `graph_count` must equal the graphs it holds, and no
    /// graph ID may appear twice, or the file is not trusted.
    public static func decodeComplete(_ data: Data, source: String) throws(InventoryError) -> GraphListDocument {
        let document = try decode(data, source: source)
        guard document.graphCount == document.graphs.count else {
            throw InventoryError(
                source: source,
                at: [.key("graph_count")],
                message: "graph_count is \(document.graphCount) but the file lists \(document.graphs.count) graphs: "
                    + "a cut or padded listing is never trusted"
            ).located(in: Array(data))
        }
        var firstIndex: [String: Int] = [:]
        for (index, graph) in document.graphs.enumerated() {
            if let first = firstIndex.updateValue(index, forKey: graph.id) {
                let quoted = InventoryError.quote(graph.id)
                throw InventoryError(
                    source: source,
                    at: [.key("graphs"), .index(index), .key("id")],
                    message: "graph \(quoted) is listed twice (graphs[\(first)] and graphs[\(index)])"
                ).located(in: Array(data))
            }
        }
        return document
    }

    /// Decodes a show-graph document (`{"graph": {...}}`); errors carry line and column.
    public static func decodeSingle(_ data: Data, source: String) throws(InventoryError) -> Graph {
        let payload: SinglePayload
        do {
            payload = try JSONDecoder().decode(SinglePayload.self, from: data)
        } catch let error as DecodingError {
            throw InventoryError.decoding(error, source: source).located(in: Array(data))
        } catch {
            throw InventoryError.notJSON(source: source).located(in: Array(data))
        }
        do throws(InventoryError) {
            return try payload.graph.graph(source: source, path: [.key("graph")])
        } catch {
            throw error.located(in: Array(data))
        }
    }

    private struct Payload: Decodable {
        var graphCount: Int?
        var graphs: [GraphPayload]
        enum CodingKeys: String, CodingKey {
            case graphCount = "graph_count"
            case graphs
        }
    }

    private struct SinglePayload: Decodable {
        var graph: GraphPayload
    }

    private struct TagPayload: Decodable {
        var key: String
        var value: String?
    }

    /// One graph object as GES sends it; `status` and `graph_size_type_index` are strings.
    private struct GraphPayload: Decodable {
        var id: String
        var name: String?
        var status: GraphStatus
        var graphSizeTypeIndex: String?
        var productType: String?
        var replication: Int?
        var created: String?
        var tags: [TagPayload]?

        enum CodingKeys: String, CodingKey {
            case id, name, status, replication, created, tags
            case graphSizeTypeIndex = "graph_size_type_index"
            case productType = "product_type"
        }

        /// The graph, or an error naming the field under `path` (the graph object's path in the document).
        func graph(source: String, path: [JSONLocator.Component]) throws(InventoryError) -> Graph {
            let field = JSONLocator.text(of: path)
            guard GraphID.isSafe(id) else {
                throw InventoryError(
                    source: source,
                    at: path + [.key("id")],
                    message:
                        "\(field).id \(InventoryError.quote(id)) is not a safe graph ID (letters, digits, - and _ only)"
                )
            }
            if let replication, replication < 1 {
                throw InventoryError(
                    source: source,
                    at: path + [.key("replication")],
                    message: "\(field).replication must be at least 1, got \(replication)"
                )
            }
            var createdAt: Instant?
            if let created, !created.isEmpty {
                guard let parsed = LenientTimestamp.parse(created) else {
                    throw InventoryError(
                        source: source,
                        at: path + [.key("created")],
                        message: "\(field).created \(InventoryError.quote(created)) is not a timestamp"
                    )
                }
                createdAt = parsed
            }
            var tagMap: [String: String] = [:]
            for tag in tags ?? [] { tagMap[tag.key] = tag.value ?? "" }
            let size = graphSizeTypeIndex ?? ""
            return Graph(
                id: id,
                name: name ?? id,
                status: status,
                productType: productType ?? (size == "6" ? "Persistence" : "InMemory"),
                sizeIndex: size,
                replication: replication ?? 1,
                created: createdAt,
                tags: tagMap
            )
        }
    }
}
