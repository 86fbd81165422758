import Foundation
import IdleStopCore
import Logging

extension GESClient {
    /// Every graph of the project, read page by page (`offset`/`limit` 100) until `graph_count` are read.
    ///
    /// A failed page, a page without `graph_count`, a listing that ends short or runs long, a changing
    /// `graph_count`, or a repeated graph ID is an `incompleteInventory` error: never a partial list.
    public func listGraphs() async throws(GESError) -> [Graph] {
        let path = "/v2/\(encodedProjectID)/graphs"
        var graphs: [Graph] = []
        var seen: Set<String> = []
        var expected: Int?
        while true {
            let offset = graphs.count
            let answer = try await send(
                method: "GET",
                path: path,
                query: [("offset", String(offset)), ("limit", String(Self.pageSize))]
            )
            guard case .response(let response) = answer, response.status == 200 else {
                var failure = error(for: answer, what: "listing graphs failed at offset \(offset)")
                if failure.kind != .authenticationFailed { failure.kind = .incompleteInventory }
                throw failure
            }
            let page: GraphListDocument
            do {
                page = try GraphListDocument.decode(response.body, source: "GES list-graphs page at offset \(offset)")
            } catch {
                throw GESError(kind: .incompleteInventory, message: error.description)
            }
            if let expected, expected != page.graphCount {
                throw incomplete("graph_count changed from \(expected) to \(page.graphCount) while listing")
            }
            expected = page.graphCount
            for graph in page.graphs {
                guard seen.insert(graph.id).inserted else {
                    throw incomplete("graph \(graph.id) was listed twice")
                }
                graphs.append(graph)
            }
            if graphs.count > page.graphCount {
                throw incomplete("listed \(graphs.count) graphs but graph_count is \(page.graphCount)")
            }
            if graphs.count == page.graphCount {
                logger.debug("listed graphs", metadata: ["count": "\(graphs.count)"])
                return graphs
            }
            if page.graphs.isEmpty {
                throw incomplete("listing ended after \(graphs.count) of \(page.graphCount) graphs")
            }
        }
    }

    /// One graph (`GET /v2/{project_id}/graphs/{graph_id}`).
    public func showGraph(id: String) async throws(GESError) -> Graph {
        let path = "/v2/\(encodedProjectID)/graphs/\(try PathSegment.graphID(id))"
        let answer = try await send(method: "GET", path: path)
        guard case .response(let response) = answer, response.status == 200 else {
            throw error(for: answer, what: "reading graph \(id) failed")
        }
        do {
            return try GraphListDocument.decodeSingle(response.body, source: "GES show-graph \(id)")
        } catch {
            throw GESError(kind: .malformedResponse, message: error.description, httpStatus: 200)
        }
    }

    private func incomplete(_ message: String) -> GESError {
        GESError(kind: .incompleteInventory, message: "incomplete inventory: \(message)")
    }
}
