import FlyingFox
import Foundation
import IdleStopTestSupport
import Testing

@testable import GESKit

struct CurlTransportTests {
    typealias Response = FlyingFox.HTTPResponse

    @Test func getReturnsStatusHeadersAndBodyAndSendsHeaders() async throws {
        let counter = RequestCounter()
        let server = try await LoopbackServer.start { server in
            await server.appendRoute("GET /hello") { request in
                await counter.record(request)
                return Response(statusCode: .ok, headers: [HTTPHeader("X-Subject-Token"): "abc"], body: Data("hi".utf8))
            }
        }
        defer { Task { await server.stop() } }
        let transport = try CurlTransport()
        let response = try await transport.send(
            GESKit.HTTPRequest(method: "GET", url: server.url("/hello?x=1"), headers: ["X-Custom": "value 1"])
        )
        #expect(response.status == 200)
        #expect(response.body == Data("hi".utf8))
        #expect(response.headers["x-subject-token"] == "abc")
        #expect(await counter.lastHeaders["x-custom"] == "value 1")
        #expect(await counter.lastHeaders["expect"] == nil)
    }

    @Test func postSendsBodyExactly() async throws {
        let counter = RequestCounter()
        let server = try await LoopbackServer.start { server in
            await server.appendRoute("POST /stop") { request in
                await counter.record(request)
                return Response(statusCode: .ok, body: Data(#"{"job_id":"j1"}"#.utf8))
            }
        }
        defer { Task { await server.stop() } }
        let transport = try CurlTransport()
        let body = Data(#"{"a":"\u00e9 \u0000"}"#.utf8)
        let response = try await transport.send(
            GESKit.HTTPRequest(
                method: "POST",
                url: server.url("/stop"),
                headers: ["Content-Type": "application/json"],
                body: body
            )
        )
        #expect(response.status == 200)
        #expect(await counter.lastBody == body)
        #expect(await counter.lastHeaders["content-type"] == "application/json")
    }

    @Test func emptyPostSendsNoBodyAndNoFormContentType() async throws {
        let counter = RequestCounter()
        let server = try await LoopbackServer.start { server in
            await server.appendRoute("POST /empty") { request in
                await counter.record(request)
                return Response(statusCode: .noContent)
            }
        }
        defer { Task { await server.stop() } }
        let response = try await CurlTransport().send(GESKit.HTTPRequest(method: "POST", url: server.url("/empty")))
        #expect(response.status == 204)
        #expect(await counter.lastBody.isEmpty)
        #expect(await counter.lastHeaders["content-type"] == nil)
    }

    @Test(arguments: [400, 401, 403, 404, 429, 500, 502, 503, 504])
    func errorStatusesAreResponsesNotErrors(_ status: Int) async throws {
        let server = try await LoopbackServer.start { server in
            await server.appendRoute("GET /status") { _ in
                Response(statusCode: HTTPStatusCode(status, phrase: "Status"), body: Data("oops".utf8))
            }
        }
        defer { Task { await server.stop() } }
        let response = try await CurlTransport().send(GESKit.HTTPRequest(method: "GET", url: server.url("/status")))
        #expect(response.status == status)
        #expect(response.body == Data("oops".utf8))
    }

    @Test func redirectIsNotFollowed() async throws {
        let counter = RequestCounter()
        let server = try await LoopbackServer.start { server in
            await server.appendRoute("GET /from") { _ in
                Response(statusCode: .found, headers: [.location: "/to"], body: Data())
            }
            await server.appendRoute("GET /to") { request in
                await counter.record(request)
                return Response(statusCode: .ok)
            }
        }
        defer { Task { await server.stop() } }
        let response = try await CurlTransport().send(GESKit.HTTPRequest(method: "GET", url: server.url("/from")))
        #expect(response.status == 302)
        #expect(await counter.count == 0)
    }

    @Test func bodyAboveLimitFails() async throws {
        let server = try await LoopbackServer.start { server in
            await server.appendRoute("GET /big") { _ in
                Response(statusCode: .ok, body: Data(repeating: 0x41, count: 64 * 1024))
            }
        }
        defer { Task { await server.stop() } }
        let transport = try CurlTransport(configuration: .init(maxResponseBytes: 1024))
        let error = await #expect(throws: TransportError.self) {
            _ = try await transport.send(GESKit.HTTPRequest(method: "GET", url: server.url("/big")))
        }
        #expect(error?.kind == .bodyTooLarge)
        #expect(error?.isRetryable == false)
    }

    @Test func chunkedBodyAboveLimitIsAbortedWhileReading() async throws {
        let server = try await LoopbackServer.start { server in
            await server.appendRoute("GET /chunked") { _ in
                Response(
                    statusCode: .ok,
                    body: HTTPBodySequence(from: UnsizedBytes(bytes: Array(repeating: 0x42, count: 64 * 1024)))
                )
            }
        }
        defer { Task { await server.stop() } }
        let transport = try CurlTransport(configuration: .init(maxResponseBytes: 1000))
        let error = await #expect(throws: TransportError.self) {
            _ = try await transport.send(GESKit.HTTPRequest(method: "GET", url: server.url("/chunked")))
        }
        #expect(error?.kind == .bodyTooLarge)
        let small = try CurlTransport(configuration: .init(maxResponseBytes: 64 * 1024))
        let response = try await small.send(GESKit.HTTPRequest(method: "GET", url: server.url("/chunked")))
        #expect(response.body.count == 64 * 1024)
        #expect(response.headers["Content-Length"] == nil)
    }

    /// A server whose `GET /slow` answers after 10 s: longer than any test waits for it.
    static func slowServer() async throws -> LoopbackServer {
        try await LoopbackServer.start { server in
            await server.appendRoute("GET /slow") { _ in
                try? await Task.sleep(for: .seconds(10))
                return Response(statusCode: .ok)
            }
        }
    }

    /// A status line, `fields` header lines `X-Field-n: value`, `Content-Length: 0` and the blank line.
    static func head(fields: Int, value: String = "v") -> [UInt8] {
        var lines = ["HTTP/1.1 200 OK"]
        lines += (0..<fields).map { "X-Field-\($0): \(value)" }
        lines += ["Content-Length: 0", "", ""]
        return Array(lines.joined(separator: "\r\n").utf8)
    }

    @Test(arguments: [
        ("X: y\r\n", "more than 100 response header lines"),
        ("X-Big: \(String(repeating: "b", count: 2000))\r\n", "more than 64 KiB of response headers"),
    ])
    func endlessHeadersAreCutOffWithAClearError(_ line: String, detail: String) async throws {
        let server = try RawTCPServer(.answer(Array("HTTP/1.1 200 OK\r\n".utf8), flood: Array(line.utf8)))
        defer { server.close() }
        let error = await #expect(throws: TransportError.self) {
            _ = try await CurlTransport().send(GESKit.HTTPRequest(method: "GET", url: server.url))
        }
        #expect(error?.kind == .headersTooLarge)
        #expect(error?.detail == detail)
        #expect(error?.description == "response headers too large (127.0.0.1): \(detail)")
        #expect(error?.isRetryable == false)
    }

    @Test func headerLinesAreCountedExactlyStatusAndBlankLinesIncluded() async throws {
        // Status line, 97 fields, Content-Length and the blank line: 100 lines.
        let full = try RawTCPServer(.answer(Self.head(fields: 97)))
        defer { full.close() }
        let response = try await CurlTransport().send(GESKit.HTTPRequest(method: "GET", url: full.url))
        #expect(response.status == 200 && response.headers["X-Field-96"] == "v")
        let over = try RawTCPServer(.answer(Self.head(fields: 98)))
        defer { over.close() }
        let error = await #expect(throws: TransportError.self) {
            _ = try await CurlTransport().send(GESKit.HTTPRequest(method: "GET", url: over.url))
        }
        #expect(error?.kind == .headersTooLarge)
    }

    @Test func headerBytesAreCountedExactlyLineEndsIncluded() async throws {
        let head = Self.head(fields: 20, value: String(repeating: "v", count: 100))
        let server = try RawTCPServer(.answer(head))
        defer { server.close() }
        let atLimit = try CurlTransport(configuration: .init(maxHeaderBytes: head.count))
        let response = try await atLimit.send(GESKit.HTTPRequest(method: "GET", url: server.url))
        #expect(response.status == 200)
        let belowLimit = try CurlTransport(configuration: .init(maxHeaderBytes: head.count - 1))
        let error = await #expect(throws: TransportError.self) {
            _ = try await belowLimit.send(GESKit.HTTPRequest(method: "GET", url: server.url))
        }
        #expect(error?.kind == .headersTooLarge)
        #expect(error?.detail == "more than \(head.count - 1) bytes of response headers")
    }

    @Test func interimAnswersCountTowardsTheHeaderLimit() async throws {
        // Two blocks of 60 lines each: neither alone passes 100, together they do.
        let early = ["HTTP/1.1 100 Continue"] + (0..<58).map { "X-Early-\($0): v" } + ["", ""]
        let informational = Array(early.joined(separator: "\r\n").utf8)
        let server = try RawTCPServer(.answer(informational + Self.head(fields: 57)))
        defer { server.close() }
        let error = await #expect(throws: TransportError.self) {
            _ = try await CurlTransport().send(GESKit.HTTPRequest(method: "GET", url: server.url))
        }
        #expect(error?.kind == .headersTooLarge)
        #expect(error?.detail == "more than 100 response header lines")
        let generous = try CurlTransport(configuration: .init(maxHeaderLines: 120))
        let response = try await generous.send(GESKit.HTTPRequest(method: "GET", url: server.url))
        #expect(response.status == 200 && response.headers["X-Early-0"] == nil && response.headers["X-Field-0"] == "v")
    }

    @Test func cancellingTheTaskAbortsTheTransfer() async throws {
        let server = try await Self.slowServer()
        defer { Task { await server.stop() } }
        let transport = try CurlTransport()
        let task = Task { () throws(TransportError) -> GESKit.HTTPResponse in
            try await transport.send(GESKit.HTTPRequest(method: "GET", url: server.url("/slow"), timeout: .seconds(30)))
        }
        try await Task.sleep(for: .milliseconds(200))
        task.cancel()
        let result = await task.result
        guard case .failure(let error) = result else {
            Issue.record("expected a cancellation error")
            return
        }
        #expect((error as? TransportError)?.kind == .cancelled)
    }

    @Test func bodyAtLimitIsAccepted() async throws {
        let server = try await LoopbackServer.start { server in
            await server.appendRoute("GET /exact") { _ in
                Response(statusCode: .ok, body: Data(repeating: 0x41, count: 1024))
            }
        }
        defer { Task { await server.stop() } }
        let transport = try CurlTransport(configuration: .init(maxResponseBytes: 1024))
        let response = try await transport.send(GESKit.HTTPRequest(method: "GET", url: server.url("/exact")))
        #expect(response.body.count == 1024)
    }

    @Test func slowAnswerTimesOut() async throws {
        let server = try await Self.slowServer()
        defer { Task { await server.stop() } }
        let transport = try CurlTransport()
        let error = await #expect(throws: TransportError.self) {
            _ = try await transport.send(
                GESKit.HTTPRequest(method: "GET", url: server.url("/slow"), timeout: .milliseconds(300))
            )
        }
        #expect(error?.kind == .timeout)
        #expect(error?.isRetryable == true)
    }

    @Test func closedPortIsConnectionFailure() async throws {
        let server = try await LoopbackServer.start { _ in }
        let url = server.url("/nothing")
        await server.stop()
        let error = await #expect(throws: TransportError.self) {
            _ = try await CurlTransport().send(GESKit.HTTPRequest(method: "GET", url: url))
        }
        #expect(error?.kind == .connectionFailed)
        #expect(error?.host == "127.0.0.1")
    }

    @Test(arguments: [
        "http://example.com/v2/p/graphs", "http://10.0.0.1/x", "ftp://127.0.0.1/x", "http://127.evil.com/",
    ])
    func insecureURLIsRefusedBeforeSending(_ text: String) async throws {
        let error = await #expect(throws: TransportError.self) {
            _ = try await CurlTransport().send(GESKit.HTTPRequest(method: "GET", url: try #require(URL(string: text))))
        }
        #expect(error?.kind == .insecureURLRefused)
    }

    @Test func headerWithLineBreakIsRefused() async throws {
        let server = try await LoopbackServer.start { _ in }
        defer { Task { await server.stop() } }
        let request = GESKit.HTTPRequest(method: "GET", url: server.url("/"), headers: ["X-A": "secret\r\nX-B: y"])
        let error = await #expect(throws: TransportError.self) {
            _ = try await CurlTransport().send(request)
        }
        #expect(error?.kind == .invalidRequest)
        #expect(error?.description.contains("secret") == false)
    }

    @Test func missingCAFileIsAnError() {
        #expect(throws: TransportError.self) {
            _ = try CurlTransport(configuration: .init(caFile: "/nonexistent/ca.pem"))
        }
    }

    @Test func concurrentRequestsAllComplete() async throws {
        let counter = RequestCounter()
        let server = try await LoopbackServer.start { server in
            await server.appendRoute("GET /n") { request in
                await counter.record(request)
                return Response(statusCode: .ok, body: Data("n".utf8))
            }
        }
        defer { Task { await server.stop() } }
        let transport = try CurlTransport(configuration: .init(concurrency: 3))
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<12 {
                group.addTask {
                    try await transport.send(GESKit.HTTPRequest(method: "GET", url: server.url("/n"))).status
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(statuses == Array(repeating: 200, count: 12))
        #expect(await counter.count == 12)
    }
}
