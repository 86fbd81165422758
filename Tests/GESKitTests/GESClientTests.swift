import FlyingFox
import Foundation
import IdleStopCore
import Testing

@testable import GESKit

struct GESClientTests {
    typealias Response = FlyingFox.HTTPResponse

    static func json(_ status: Int, _ body: String, headers: [HTTPHeader: String] = [:]) -> Response {
        var fields = FlyingFox.HTTPHeaders()
        for (name, value) in headers { fields[name] = value }
        return Response(statusCode: HTTPStatusCode(status, phrase: "Status"), headers: fields, body: Data(body.utf8))
    }

    /// One row of the docs/SPEC.md §7 outcome table.
    struct OutcomeCase: Sendable, CustomTestStringConvertible {
        var status: Int
        var body: String
        var expected: StopOutcome
        var testDescription: String { "\(status) \(body.prefix(40))" }
    }

    static let outcomeCases: [OutcomeCase] = [
        .init(status: 200, body: #"{"job_id":"ff80808160"}"#, expected: .requested(jobID: "ff80808160")),
        .init(
            status: 400,
            body: #"{"error_code":"GES.7001","error_msg":"The graph is not running."}"#,
            expected: .alreadyStopped(code: "GES.7001", message: "The graph is not running.")
        ),
        .init(
            status: 400,
            body: #"{"error_code":"GES.7003","error_msg":"stopping"}"#,
            expected: .alreadyStopped(code: "GES.7003", message: "stopping")
        ),
        .init(
            status: 400,
            body: #"{"errorCode":"GES.7015","errorMessage":"not running or stopped"}"#,
            expected: .alreadyStopped(code: "GES.7015", message: "not running or stopped")
        ),
        .init(
            status: 400,
            body: #"{"error_code":"GES.7000","error_msg":"no such graph"}"#,
            expected: .failed(httpStatus: 400, code: "GES.7000", message: "no such graph")
        ),
        .init(
            status: 403,
            body: #"{"error_code":"GES.7041","error_msg":"Insufficient permission"}"#,
            expected: .failed(httpStatus: 403, code: "GES.7041", message: "Insufficient permission")
        ),
        .init(
            status: 404,
            body: "<html>not found</html>",
            expected: .failed(httpStatus: 404, code: nil, message: "GES answered HTTP 404")
        ),
        .init(
            status: 400,
            body: "{not json",
            expected: .failed(httpStatus: 400, code: nil, message: "GES answered HTTP 400")
        ),
        .init(
            status: 200,
            body: #"{"job_id":""}"#,
            expected: .failed(httpStatus: 200, code: nil, message: "GES accepted the stop without a job_id")
        ),
        .init(
            status: 200,
            body: "[1,2",
            expected: .failed(httpStatus: 200, code: nil, message: "GES accepted the stop without a job_id")
        ),
        .init(
            status: 401,
            body: #"{"error_code":"APIGW.0301","error_msg":"Incorrect IAM authentication information"}"#,
            expected: .authenticationFailed(message: "Incorrect IAM authentication information")
        ),
    ]

    @Test(arguments: outcomeCases)
    func stopOutcomeFollowsTheTable(_ row: OutcomeCase) async throws {
        let counter = RequestCounter()
        let server = try await LoopbackServer.start { server in
            await server.appendRoute("POST /v2/*/graphs/*/stop") { request in
                await counter.record(request)
                return Self.json(row.status, row.body)
            }
        }
        defer { Task { await server.stop() } }
        let client = try ClientFactory.client(server: server)
        let outcome = await client.stopGraph(id: "graph-1_a")
        #expect(outcome == row.expected)
        #expect(await counter.count == 1)
        #expect(await counter.lastBody == Data("{}".utf8))
        #expect(await counter.lastHeaders["x-auth-token"] == "test-token")
        #expect(await counter.lastHeaders["content-type"] == "application/json")
    }

    @Test(arguments: [429, 500, 502, 503, 504])
    func retryableStatusesAreRetriedUpToMaxAttempts(_ status: Int) async throws {
        let counter = RequestCounter()
        let server = try await LoopbackServer.start { server in
            await server.appendRoute("POST /v2/*/graphs/*/stop") { request in
                await counter.record(request)
                return Self.json(status, #"{"error_code":"GES.7006","error_msg":"busy"}"#)
            }
        }
        defer { Task { await server.stop() } }
        let clock = FakeClock()
        let client = try ClientFactory.client(server: server, clock: clock)
        let outcome = await client.stopGraph(id: "g1")
        #expect(outcome == .failed(httpStatus: status, code: "GES.7006", message: "busy"))
        #expect(await counter.count == 4)
        let policy = RetryPolicy()
        #expect(clock.sleeps.count == 3)
        for (index, sleep) in clock.sleeps.enumerated() {
            #expect(sleep >= .zero && sleep <= policy.delayCap(afterAttempt: index + 1))
        }
    }

    @Test func transientFailureThenSuccessIsRequested() async throws {
        let counter = RequestCounter()
        let server = try await LoopbackServer.start { server in
            await server.appendRoute("POST /v2/*/graphs/*/stop") { request in
                let count = await counter.record(request)
                return count < 3 ? Self.json(503, "") : Self.json(200, #"{"job_id":"job-3"}"#)
            }
        }
        defer { Task { await server.stop() } }
        let client = try ClientFactory.client(server: server)
        #expect(await client.stopGraph(id: "g1") == .requested(jobID: "job-3"))
        #expect(await counter.count == 3)
    }

    @Test func totalTimeBoundStopsRetries() async throws {
        let counter = RequestCounter()
        let server = try await LoopbackServer.start { server in
            await server.appendRoute("POST /v2/*/graphs/*/stop") { request in
                await counter.record(request)
                return Self.json(500, "")
            }
        }
        defer { Task { await server.stop() } }
        let clock = FakeClock()
        clock.advance(by: .seconds(1000))
        // Every retry sleep would cross the (tiny) total budget.
        let retry = RetryPolicy(
            maxAttempts: 10,
            maxTotal: .milliseconds(1),
            baseDelay: .seconds(5),
            maxDelay: .seconds(5)
        )
        let client = try ClientFactory.client(server: server, clock: clock, retry: retry)
        let outcome = await client.stopGraph(id: "g1")
        #expect(outcome == .failed(httpStatus: 500, code: nil, message: "GES answered HTTP 500"))
        #expect(await counter.count <= 2)
    }

    @Test func timeoutIsRetriedThenFailedWithoutStatus() async throws {
        let counter = RequestCounter()
        let server = try await LoopbackServer.start { server in
            await server.appendRoute("POST /v2/*/graphs/*/stop") { request in
                await counter.record(request)
                try? await Task.sleep(for: .seconds(10))
                return Self.json(200, #"{"job_id":"late"}"#)
            }
        }
        defer { Task { await server.stop() } }
        let clock = FakeClock()
        let client = try ClientFactory.client(
            server: server,
            clock: clock,
            retry: RetryPolicy(maxAttempts: 2),
            timeout: .milliseconds(300)
        )
        let outcome = await client.stopGraph(id: "g1")
        guard case .failed(let status, _, let message) = outcome else {
            Issue.record("expected failed, got \(outcome)")
            return
        }
        #expect(status == nil)
        #expect(message.contains("timed out"))
        // Two attempts, one backoff between them. Counted on the client's side: under load the server's
        // handler may not even have run before the 300 ms timeout fired.
        #expect(clock.sleeps.count == 1)
        #expect(await counter.count <= 2)
    }

    @Test func connectionRefusedFailsAfterRetries() async throws {
        let server = try await LoopbackServer.start { _ in }
        await server.stop()
        let clock = FakeClock()
        let client = try ClientFactory.client(server: server, clock: clock)
        let outcome = await client.stopGraph(id: "g1")
        guard case .failed(nil, nil, let message) = outcome else {
            Issue.record("expected failed without status, got \(outcome)")
            return
        }
        #expect(message.contains("connection failed"))
        #expect(clock.sleeps.count == 3)
    }

    @Test func unauthorizedAbortsEverythingAfterwards() async throws {
        let counter = RequestCounter()
        let server = try await LoopbackServer.start { server in
            await server.appendRoute("*") { request in
                await counter.record(request)
                return Self.json(401, #"{"error_code":"APIGW.0301","error_msg":"bad token"}"#)
            }
        }
        defer { Task { await server.stop() } }
        let client = try ClientFactory.client(server: server)
        #expect(await client.stopGraph(id: "g1") == .authenticationFailed(message: "bad token"))
        #expect(client.hasAuthenticationFailed)
        #expect(await counter.count == 1)
        guard case .authenticationFailed = await client.stopGraph(id: "g2") else {
            Issue.record("expected authenticationFailed")
            return
        }
        let error = await #expect(throws: GESError.self) { _ = try await client.listGraphs() }
        #expect(error?.kind == .authenticationFailed)
        #expect(await counter.count == 1)
    }

    @Test(arguments: ["../etc", "a/b", "", "g%2F1", "graph id", "é", String(repeating: "a", count: 129)])
    func invalidGraphIDIsNeverSent(_ id: String) async throws {
        let counter = RequestCounter()
        let server = try await LoopbackServer.start { server in
            await server.appendRoute("*") { request in
                await counter.record(request)
                return Self.json(200, #"{"job_id":"x"}"#)
            }
        }
        defer { Task { await server.stop() } }
        let client = try ClientFactory.client(server: server)
        guard case .failed(nil, nil, let message) = await client.stopGraph(id: id) else {
            Issue.record("expected failed")
            return
        }
        #expect(message.contains("not valid"))
        await #expect(throws: GESError.self) { _ = try await client.showGraph(id: id) }
        await #expect(throws: GESError.self) { _ = try await client.jobStatus(graphID: "g1", jobID: id) }
        #expect(await counter.count == 0)
    }

    @Test(arguments: ["", "abc-def", "a/b", String(repeating: "a", count: 65)])
    func invalidProjectIDIsRejected(_ projectID: String) throws {
        let transport = try CurlTransport()
        let error = #expect(throws: GESError.self) {
            _ = try GESClient(
                transport: transport,
                endpoint: URL(string: "https://ges.example.com")!,
                projectID: projectID,
                authorizer: RequestAuthorizer(
                    credentials: .token("t"),
                    transport: transport,
                    logger: .init(label: "t")
                ),
                logger: .init(label: "t")
            )
        }
        #expect(error?.kind == .invalidIdentifier)
    }

    @Test func endpointPathPrefixIsKept() throws {
        let transport = try CurlTransport()
        let client = try GESClient(
            transport: transport,
            endpoint: URL(string: "https://gw.example.com/ges/")!,
            projectID: "p1",
            authorizer: RequestAuthorizer(credentials: .token("t"), transport: transport, logger: .init(label: "t")),
            logger: .init(label: "t")
        )
        let url = try client.url(path: "/v2/p1/graphs", query: [("offset", "0"), ("limit", "100")])
        #expect(url.absoluteString == "https://gw.example.com/ges/v2/p1/graphs?offset=0&limit=100")
    }

    @Test func akskSignedRequestsVerifyOnTheServer() async throws {
        let counter = RequestCounter()
        let verified = RequestCounter()
        let server = try await LoopbackServer.start { server in
            await server.appendRoute("POST /v2/*/graphs/*/stop") { request in
                await counter.record(request)
                let headers = request.headers.map { ($0.key.rawValue, $0.value) }
                let authorization = request.headers[HTTPHeader("Authorization")] ?? ""
                guard let parsed = AKSKSigner.parseAuthorization(authorization),
                    let sdkDate = request.headers[HTTPHeader("X-Sdk-Date")]
                else { return Self.json(401, #"{"error_code":"APIGW.0301","error_msg":"unsigned"}"#) }
                let expected = AKSKSigner.signature(
                    secretKey: "SECRET-sk-0001",
                    method: request.method.rawValue,
                    path: request.path,
                    query: request.query.map { ($0.name, $0.value) },
                    headers: headers,
                    signedHeaders: parsed.signedHeaders,
                    body: try await request.bodyData,
                    sdkDate: sdkDate
                )
                guard expected == parsed.signature, parsed.accessKey == "AKID0001" else {
                    return Self.json(401, #"{"error_code":"APIGW.0301","error_msg":"signature mismatch"}"#)
                }
                await verified.record(request)
                return Self.json(200, #"{"job_id":"signed-job"}"#)
            }
        }
        defer { Task { await server.stop() } }
        let client = try ClientFactory.client(
            server: server,
            credentials: .accessKey(id: "AKID0001", secret: "SECRET-sk-0001", securityToken: nil)
        )
        #expect(await client.stopGraph(id: "g1") == .requested(jobID: "signed-job"))
        #expect(await verified.count == 1)
        #expect(await counter.lastHeaders["x-project-id"] == ClientFactory.projectID)
    }

    @Test func jobStatusAndWaitForJob() async throws {
        let counter = RequestCounter()
        let server = try await LoopbackServer.start { server in
            await server.appendRoute("GET /v2/*/graphs/*/jobs/*/status") { request in
                let count = await counter.record(request)
                let status = count < 3 ? "running" : "success"
                return Self.json(200, #"{"job_id":"j1","status":"\#(status)","job_type":"GraphManagement"}"#)
            }
        }
        defer { Task { await server.stop() } }
        let clock = FakeClock()
        let client = try ClientFactory.client(server: server, clock: clock)
        let status = try await client.waitForJob(
            graphID: "g1",
            jobID: "j1",
            interval: .seconds(2),
            timeout: .seconds(60)
        )
        #expect(status == JobStatus(jobID: "j1", state: .success, jobType: "GraphManagement"))
        #expect(await counter.count == 3)
        // Quick first polls (0.5 s, doubling), then every `interval`.
        #expect(clock.sleeps == [.milliseconds(500), .seconds(1)])
    }

    @Test func waitForJobGivesUpAtTheDeadline() async throws {
        let server = try await LoopbackServer.start { server in
            await server.appendRoute("GET /v2/*/graphs/*/jobs/*/status") { _ in
                Self.json(200, #"{"job_id":"j1","status":"running"}"#)
            }
        }
        defer { Task { await server.stop() } }
        let clock = FakeClock()
        let client = try ClientFactory.client(server: server, clock: clock)
        let error = await #expect(throws: GESError.self) {
            _ = try await client.waitForJob(graphID: "g1", jobID: "j1", interval: .seconds(5), timeout: .seconds(20))
        }
        #expect(error?.kind == .jobWaitTimedOut)
        #expect(clock.sleeps == [.milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(5), .seconds(5)])
    }

    @Test func failedJobCarriesReason() async throws {
        let server = try await LoopbackServer.start { server in
            await server.appendRoute("GET /v2/*/graphs/*/jobs/*/status") { _ in
                Self.json(200, #"{"job_id":"j1","status":"failed","fail_reason":"engine error"}"#)
            }
        }
        defer { Task { await server.stop() } }
        let client = try ClientFactory.client(server: server)
        let status = try await client.waitForJob(graphID: "g1", jobID: "j1")
        #expect(status.state == .failed)
        #expect(status.failReason == "engine error")
    }

    @Test func startGraphReturnsJobIDAndRefusalIsAnError() async throws {
        let server = try await LoopbackServer.start { server in
            await server.appendRoute("POST /v2/*/graphs/stopped/start") { _ in Self.json(200, #"{"job_id":"s1"}"#) }
            await server.appendRoute("POST /v2/*/graphs/running/start") { _ in
                Self.json(400, #"{"error_code":"GES.7037","error_msg":"not stopped"}"#)
            }
        }
        defer { Task { await server.stop() } }
        let client = try ClientFactory.client(server: server)
        #expect(try await client.startGraph(id: "stopped") == "s1")
        let error = await #expect(throws: GESError.self) { _ = try await client.startGraph(id: "running") }
        #expect(error?.code == "GES.7037")
        #expect(error?.httpStatus == 400)
    }

    @Test func requestStartClassifiesTheAnswerAndSendsAnEmptyObject() async throws {
        let bodies = Locked<[String]>([])
        let server = try await LoopbackServer.start { server in
            await server.appendRoute("POST /v2/*/graphs/stopped/start") { request in
                let body = String(decoding: try await request.bodyData, as: UTF8.self)
                bodies.withLock { $0.append(body) }
                return Self.json(200, #"{"job_id":"s1"}"#)
            }
            await server.appendRoute("POST /v2/*/graphs/running/start") { _ in
                Self.json(400, #"{"error_code":"GES.7037","error_msg":"not stopped"}"#)
            }
            await server.appendRoute("POST /v2/*/graphs/gone/start") { _ in
                Self.json(400, #"{"error_code":"GES.7000","error_msg":"no such graph"}"#)
            }
            await server.appendRoute("POST /v2/*/graphs/odd/start") { _ in Self.json(200, "{}") }
        }
        defer { Task { await server.stop() } }
        let client = try ClientFactory.client(server: server)
        #expect(await client.requestStart(ofGraph: "stopped") == .requested(jobID: "s1"))
        #expect(bodies.withLock { $0 } == ["{}"])
        #expect(
            await client.requestStart(ofGraph: "running") == .alreadyRunning(code: "GES.7037", message: "not stopped")
        )
        #expect(
            await client.requestStart(ofGraph: "gone")
                == .failed(httpStatus: 400, code: "GES.7000", message: "no such graph")
        )
        #expect(
            await client.requestStart(ofGraph: "odd")
                == .failed(httpStatus: 200, code: nil, message: "GES accepted the start without a job_id")
        )
        // A stop's "already stopped" codes mean nothing to a start.
        #expect(GraphAction.start.doneCodes.isDisjoint(with: GraphAction.stop.doneCodes))
    }

    @Test func showGraphDecodesTheGraph() async throws {
        let server = try await LoopbackServer.start { server in
            await server.appendRoute("GET /v2/*/graphs/g1") { _ in
                Self.json(
                    200,
                    #"{"graph":{"id":"g1","name":"demo","status":"200","graph_size_type_index":"1","replication":2,"product_type":"InMemory","created":"2026-01-02 03:04:05","tags":[{"key":"owner","value":"team-a"}]}}"#
                )
            }
        }
        defer { Task { await server.stop() } }
        let graph = try await ClientFactory.client(server: server).showGraph(id: "g1")
        #expect(graph.name == "demo")
        #expect(graph.replication == 2)
        #expect(graph.tags == ["owner": "team-a"])
        #expect(graph.created == Instant(unixSeconds: 1_767_323_045))
    }

    @Test func theServerClockIsTheFirstAnswerWithAValidDate() async throws {
        let counter = RequestCounter()
        let dates = ["not a date", "Fri, 27 Nov 2026 02:15:00 GMT", "Sat, 28 Nov 2026 02:15:00 GMT"]
        let server = try await LoopbackServer.start { server in
            await server.appendRoute("GET /v2/*/graphs/*") { request in
                let number = await counter.record(request)
                return Self.json(
                    200,
                    #"{"graph":{"id":"g-1","name":"a","status":"200","graph_size_type_index":"1","replication":1,"#
                        + #""product_type":"InMemory","created":"2026-01-02 03:04:05","tags":[]}}"#,
                    headers: [.date: dates[min(number, dates.count) - 1]]
                )
            }
        }
        defer { Task { await server.stop() } }
        let client = try ClientFactory.client(server: server)
        #expect(client.serverClock == nil)
        _ = try await client.showGraph(id: "g-1")
        #expect(client.serverClock == nil)
        _ = try await client.showGraph(id: "g-1")
        _ = try await client.showGraph(id: "g-1")
        let reading = try #require(client.serverClock)
        #expect(reading.serverDate == Date(timeIntervalSince1970: 1_795_745_700))
        #expect(abs(reading.receivedAt.timeIntervalSinceNow) < 60)
        #expect(reading.skew == reading.serverDate.timeIntervalSince(reading.receivedAt))
    }
}
