import FlyingFox
import Foundation
import IdleStopCore
import Testing

@testable import GESKit

/// Pagination of `GESClient.listGraphs` (tests `GESClient+Graphs`).
struct GESClientListingTests {
    /// How the fake server misbehaves.
    enum Fault: Sendable, CustomTestStringConvertible {
        case none, endsShort, repeatsPage, failsSecondPage, malformedSecondPage, countChanges, unsafeID, omitsCount
        case repeatsGraphInPage
        var testDescription: String { "\(self)" }
    }

    static func graphJSON(_ index: Int, id: String? = nil) -> String {
        #"{"id":"\#(id ?? "graph-\(index)")","name":"g\#(index)","status":"200","graph_size_type_index":"1","#
            + #""replication":1,"product_type":"InMemory","created":"2026-03-01T10:00:00Z","tags":[]}"#
    }

    static func server(total: Int, fault: Fault, counter: RequestCounter) async throws -> LoopbackServer {
        try await LoopbackServer.start { server in
            await server.appendRoute("GET /v2/*/graphs") { request in
                let number = await counter.record(request)
                let offset = Int(request.query.first { $0.name == "offset" }?.value ?? "") ?? -1
                let limit = Int(request.query.first { $0.name == "limit" }?.value ?? "") ?? -1
                var count = total
                var start = offset
                switch fault {
                case .endsShort where offset > 0: start = total
                case .repeatsPage where offset > 0: start = 0
                case .failsSecondPage where offset > 0:
                    return FlyingFox.HTTPResponse(statusCode: .internalServerError)
                case .malformedSecondPage where offset > 0:
                    return FlyingFox.HTTPResponse(
                        statusCode: .ok,
                        body: Data(#"{"graph_count": 250, "graphs": [{"#.utf8)
                    )
                case .countChanges where number > 1: count = total + 1
                default: break
                }
                let end = min(total, start + limit)
                var items = (start < end ? Array(start..<end) : []).map {
                    fault == .unsafeID && $0 == 150 ? graphJSON($0, id: "../bad") : graphJSON($0)
                }
                if fault == .repeatsGraphInPage, offset > 0 { items[items.count - 1] = graphJSON(start) }
                // Without graph_count, the first page of 100 would look like a whole listing of 100.
                let countField = fault == .omitsCount ? "" : #""graph_count":\#(count),"#
                let body = #"{\#(countField)"graphs":[\#(items.joined(separator: ","))]}"#
                return FlyingFox.HTTPResponse(statusCode: .ok, body: Data(body.utf8))
            }
        }
    }

    @Test(arguments: [0, 1, 100, 250])
    func readsEveryPage(_ total: Int) async throws {
        let counter = RequestCounter()
        let server = try await Self.server(total: total, fault: .none, counter: counter)
        defer { Task { await server.stop() } }
        let graphs = try await ClientFactory.client(server: server).listGraphs()
        #expect(graphs.count == total)
        #expect(graphs.map(\.id) == (0..<total).map { "graph-\($0)" })
        #expect(await counter.count == max(1, (total + 99) / 100))
    }

    @Test(arguments: [
        Fault.endsShort, .repeatsPage, .failsSecondPage, .malformedSecondPage, .countChanges, .unsafeID, .omitsCount,
        .repeatsGraphInPage,
    ])
    func brokenListingIsAnIncompleteInventory(_ fault: Fault) async throws {
        let counter = RequestCounter()
        let server = try await Self.server(total: 250, fault: fault, counter: counter)
        defer { Task { await server.stop() } }
        let client = try ClientFactory.client(server: server, retry: RetryPolicy(maxAttempts: 2))
        let error = await #expect(throws: GESError.self) { _ = try await client.listGraphs() }
        #expect(error?.kind == .incompleteInventory)
    }
}
