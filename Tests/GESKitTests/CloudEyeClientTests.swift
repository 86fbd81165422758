import FlyingFox
import Foundation
import Logging
import Testing

@testable import GESKit

/// A Cloud Eye batch query on a loopback server, with the real limits and the real silent shortening.
///
/// It answers from `sample` (nil: no datapoint, a gap), moves `from` forward exactly like Cloud Eye when a
/// call asks for more than the period's range or more than 3000 datapoints, and records every call, so a
/// client that did not split its queries loses data and is caught.
actor SimulatedCloudEye {
    struct Call: Sendable {
        var path: String
        var headers: [String: String]
        var body: Data
        var metrics: Int
        var period: Int64
        var from: Int64
        var to: Int64
        var wasShortened: Bool
    }

    typealias Sample = @Sendable (_ graphID: String, _ timestampSeconds: Int64) -> Double?

    let sample: Sample
    /// Graphs left out of every answer.
    var omitted: Set<String> = []
    /// Adds a datapoint one period before `from` to every metric.
    var addsEarlyDatapoint = false
    /// Answers to give, in order, before answering normally: (status, body).
    var scripted: [(Int, String)] = []
    private(set) var calls: [Call] = []

    init(sample: @escaping Sample) { self.sample = sample }

    func omit(_ graphID: String) { omitted.insert(graphID) }
    func addEarlyDatapoints() { addsEarlyDatapoint = true }
    func script(_ answers: [(Int, String)]) { scripted = answers }

    func handle(_ request: FlyingFox.HTTPRequest) async -> FlyingFox.HTTPResponse {
        var headers: [String: String] = [:]
        for (name, value) in request.headers { headers[name.rawValue.lowercased()] = value }
        let body = (try? await request.bodyData) ?? Data()
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
            let metrics = object["metrics"] as? [[String: Any]], !metrics.isEmpty, metrics.count <= 500,
            let periodText = object["period"] as? String, let period = Int64(periodText),
            let range = CloudEyePeriod(rawValue: period)?.maxRangeSeconds,
            object["filter"] as? String == "sum",
            var from = (object["from"] as? NSNumber)?.int64Value, let to = (object["to"] as? NSNumber)?.int64Value,
            from < to
        else {
            calls.append(
                Call(
                    path: request.path,
                    headers: headers,
                    body: body,
                    metrics: 0,
                    period: 0,
                    from: 0,
                    to: 0,
                    wasShortened: false
                )
            )
            return Self.answer(400, #"{"error":{"code":"ces.0014","message":"invalid request"}}"#)
        }
        let asked = from
        // Cloud Eye's silent shortening, in its order: the period's range limit, then 3000 datapoints.
        if to - from > range * 1000 { from = to - range * 1000 }
        if Int64(metrics.count) * (to - from) / 1000 / period > 3000 {
            from = to - 3000 * period * 1000 / Int64(metrics.count)
        }
        calls.append(
            Call(
                path: request.path,
                headers: headers,
                body: body,
                metrics: metrics.count,
                period: period,
                from: asked,
                to: to,
                wasShortened: from != asked
            )
        )
        if !scripted.isEmpty {
            let (status, text) = scripted.removeFirst()
            return Self.answer(status, text)
        }
        let unit = period == 1 ? Int64(60) : period
        var entries: [String] = []
        for metric in metrics {
            guard metric["namespace"] as? String == "SYS.GES",
                metric["metric_name"] as? String == "ges004_request_count",
                let dimensions = metric["dimensions"] as? [[String: String]], dimensions.count == 1,
                dimensions[0]["name"] == "instance_id", let graphID = dimensions[0]["value"]
            else { return Self.answer(400, #"{"error":{"code":"ces.0014","message":"bad metric"}}"#) }
            if omitted.contains(graphID) { continue }
            var points: [String] = []
            if addsEarlyDatapoint { points.append(#"{"timestamp":\#(from - unit * 1000),"sum":1.0}"#) }
            var second = (from / 1000 + unit - 1) / unit * unit
            while second * 1000 < to {
                if let value = sample(graphID, second) {
                    points.append(#"{"timestamp":\#(second * 1000),"sum":\#(value),"unit":"count"}"#)
                }
                second += unit
            }
            entries.append(
                #"{"namespace":"SYS.GES","metric_name":"ges004_request_count","#
                    + #""dimensions":[{"name":"instance_id","value":"\#(graphID)"}],"unit":"count","#
                    + #""datapoints":[\#(points.joined(separator: ","))]}"#
            )
        }
        return Self.answer(200, #"{"metrics":[\#(entries.joined(separator: ","))]}"#)
    }

    static func answer(_ status: Int, _ body: String) -> FlyingFox.HTTPResponse {
        FlyingFox.HTTPResponse(
            statusCode: HTTPStatusCode(status, phrase: "Status"),
            headers: [.contentType: "application/json"],
            body: Data(body.utf8)
        )
    }

    /// A loopback server serving this simulation.
    nonisolated func serve() async throws -> LoopbackServer {
        try await LoopbackServer.start { server in
            await server.appendRoute("POST /V1.0/*/batch-query-metric-data") { request in
                await self.handle(request)
            }
        }
    }
}

struct CloudEyeClientTests {
    static let projectID = "0123456789abcdef0123456789abcdef"
    static let start = Date(timeIntervalSince1970: 1_764_000_000)
    /// 2025-11-24T00:00:00Z: a whole day, so even daily datapoints need no widening.
    static let dayStart = Date(timeIntervalSince1970: 1_763_942_400)

    static func client(
        server: LoopbackServer,
        clock: FakeClock = FakeClock(),
        token: String = "test-token",
        logger: Logger = Logger(label: "test"),
        maxConcurrentCalls: Int = 4
    ) throws -> CloudEyeClient {
        let transport = try CurlTransport()
        let authorizer = RequestAuthorizer(credentials: .token(token), transport: transport, logger: logger)
        return try CloudEyeClient(
            transport: transport,
            endpoint: server.baseURL,
            projectID: projectID,
            authorizer: authorizer,
            logger: logger,
            clock: clock.retryClock,
            maxConcurrentCalls: maxConcurrentCalls
        )
    }

    /// Deterministic requests per datapoint, with a gap at every seventh datapoint (shifted per graph).
    static let patterned: SimulatedCloudEye.Sample = { graphID, second in
        let shift = Int64(graphID.utf8.reduce(0) { $0 + Int($1) })
        let index = second / 60 + shift
        return index % 7 == 3 ? nil : Double(index % 5)
    }

    /// What a complete answer holds for `graphs` over the aligned range at `period`.
    static func expected(
        _ graphs: [String],
        from: Date,
        to: Date,
        period: CloudEyePeriod,
        sample: SimulatedCloudEye.Sample = patterned
    ) -> [String: [CloudEyeDatapoint]] {
        let range = CloudEyeQueryPlan.alignedRange(from: from, to: to, period: period)
        var result: [String: [CloudEyeDatapoint]] = [:]
        for graph in graphs {
            result[graph] = stride(from: range.from, to: range.to, by: Int(period.datapointSeconds)).compactMap {
                second in sample(graph, second).map { CloudEyeDatapoint(timestamp: second * 1000, sum: $0) }
            }
        }
        return result
    }

    @Test func sendsTheDocumentedBatchQuery() async throws {
        let cloudEye = SimulatedCloudEye(sample: Self.patterned)
        let server = try await cloudEye.serve()
        defer { Task { await server.stop() } }
        let client = try Self.client(server: server)
        _ = try await client.requestCounts(
            graphIDs: ["graph-1"],
            from: Self.start,
            to: Self.start.addingTimeInterval(3600),
            period: .fiveMinutes
        )
        let call = try #require(await cloudEye.calls.first)
        #expect(call.path == "/V1.0/\(Self.projectID)/batch-query-metric-data")
        #expect(call.headers["x-auth-token"] == "test-token")
        #expect(call.headers["content-type"] == "application/json")
        let body = try #require(try JSONSerialization.jsonObject(with: call.body) as? [String: Any])
        #expect(body["period"] as? String == "300")
        #expect(body["filter"] as? String == "sum")
        #expect((body["from"] as? NSNumber)?.int64Value == 1_764_000_000_000)
        #expect((body["to"] as? NSNumber)?.int64Value == 1_764_003_600_000)
        let metrics = try #require(body["metrics"] as? [[String: Any]])
        #expect(metrics.count == 1)
        #expect(metrics.first?["namespace"] as? String == "SYS.GES")
        #expect(metrics.first?["metric_name"] as? String == "ges004_request_count")
        #expect(metrics.first?["dimensions"] as? [[String: String]] == [["name": "instance_id", "value": "graph-1"]])
        #expect(Set(body.keys) == ["metrics", "period", "filter", "from", "to"])
    }

    @Test func the501stGraphGoesIntoASecondCall() async throws {
        let cloudEye = SimulatedCloudEye(sample: Self.patterned)
        let server = try await cloudEye.serve()
        defer { Task { await server.stop() } }
        let graphs = (0..<501).map { "graph-\($0)" }
        let to = Self.start.addingTimeInterval(2 * 3600)
        let usage = try await Self.client(server: server).requestCounts(
            graphIDs: graphs,
            from: Self.start,
            to: to,
            period: .oneHour
        )
        let calls = await cloudEye.calls
        #expect(calls.count == 2)
        #expect(calls.allSatisfy { $0.metrics <= 500 && !$0.wasShortened })
        #expect(calls.map(\.metrics).reduce(0, +) == 501)
        #expect(usage.datapoints == Self.expected(graphs, from: Self.start, to: to, period: .oneHour))
    }

    @Test(arguments: CloudEyePeriod.allCases)
    func longRangesAreSplitSoNothingIsShortened(_ period: CloudEyePeriod) async throws {
        let cloudEye = SimulatedCloudEye(sample: Self.patterned)
        let server = try await cloudEye.serve()
        defer { Task { await server.stop() } }
        let graphs = ["graph-a", "graph-b", "graph-c"]
        let to = Self.dayStart.addingTimeInterval(TimeInterval(2 * period.maxRangeSeconds + period.datapointSeconds))
        let usage = try await Self.client(server: server).requestCounts(
            graphIDs: graphs,
            from: Self.dayStart,
            to: to,
            period: period
        )
        let calls = await cloudEye.calls
        #expect(
            calls.count == CloudEyeQueryPlan.plan(graphIDs: graphs, from: Self.dayStart, to: to, period: period).count
        )
        #expect(calls.count >= 3)
        #expect(calls.allSatisfy { !$0.wasShortened })
        #expect(usage.datapoints == Self.expected(graphs, from: Self.dayStart, to: to, period: period))
        #expect(usage.period == period)
        #expect(usage.from == Self.dayStart && usage.to == to)
    }

    @Test func manyGraphsOverADayAreSplitByTheDatapointRule() async throws {
        let cloudEye = SimulatedCloudEye(sample: Self.patterned)
        let server = try await cloudEye.serve()
        defer { Task { await server.stop() } }
        // 40 graphs × 288 five-minute datapoints = 11520: at least four calls.
        let graphs = (0..<40).map { "graph-\($0)" }
        let to = Self.start.addingTimeInterval(86400)
        let usage = try await Self.client(server: server).requestCounts(
            graphIDs: graphs,
            from: Self.start,
            to: to,
            period: .fiveMinutes
        )
        let calls = await cloudEye.calls
        #expect(calls.count >= 4)
        #expect(calls.allSatisfy { !$0.wasShortened && Int64($0.metrics) * ($0.to - $0.from) / 300_000 <= 3000 })
        #expect(usage.datapoints == Self.expected(graphs, from: Self.start, to: to, period: .fiveMinutes))
    }

    @Test(arguments: [1, 3, 16])
    func resultsDoNotDependOnConcurrency(_ concurrency: Int) async throws {
        let cloudEye = SimulatedCloudEye(sample: Self.patterned)
        let server = try await cloudEye.serve()
        defer { Task { await server.stop() } }
        let graphs = (0..<40).map { "graph-\($0)" }
        let to = Self.start.addingTimeInterval(2 * 86400)
        let client = try Self.client(server: server, maxConcurrentCalls: concurrency)
        let usage = try await client.requestCounts(graphIDs: graphs, from: Self.start, to: to, period: .fiveMinutes)
        #expect(await cloudEye.calls.count >= 8)
        #expect(usage.datapoints == Self.expected(graphs, from: Self.start, to: to, period: .fiveMinutes))
    }

    @Test func aMissingMetricInOneOfManyCallsFailsTheWholeQuery() async throws {
        let cloudEye = SimulatedCloudEye(sample: Self.patterned)
        await cloudEye.omit("graph-39")
        let server = try await cloudEye.serve()
        defer { Task { await server.stop() } }
        let graphs = (0..<40).map { "graph-\($0)" }
        let client = try Self.client(server: server)
        let error = await #expect(throws: CloudEyeError.self) {
            _ = try await client.requestCounts(
                graphIDs: graphs,
                from: Self.start,
                to: Self.start.addingTimeInterval(86400),
                period: .fiveMinutes
            )
        }
        #expect(error?.kind == .incompleteAnswer)
        #expect(error?.description.contains("answer for graph graph-39 missing") == true)
    }

    @Test func theSimulationShortensAnUnsplitQueryLikeCloudEye() async throws {
        let cloudEye = SimulatedCloudEye(sample: { _, _ in 1 })
        let server = try await cloudEye.serve()
        defer { Task { await server.stop() } }
        let client = try Self.client(server: server)
        // One call for 11 graphs over 24 h at 300 s: 3168 datapoints, more than Cloud Eye gives.
        let query = CloudEyeQuery(
            graphIDs: (0..<11).map { "graph-\($0)" },
            from: 1_764_000_000_000,
            to: 1_764_086_400_000,
            period: .fiveMinutes
        )
        #expect(!query.isWithinLimits)
        let answer = try await client.send(query)
        #expect(await cloudEye.calls.first?.wasShortened == true)
        #expect(answer["graph-0"]?.count ?? 0 < 288)
    }

    @Test func gapsStayGaps() async throws {
        // Datapoints only at 00:00 and 02:00 of a 4-hour range.
        let sample: SimulatedCloudEye.Sample = { _, second in
            [1_764_000_000, 1_764_007_200].contains(second) ? 0 : nil
        }
        let cloudEye = SimulatedCloudEye(sample: sample)
        let server = try await cloudEye.serve()
        defer { Task { await server.stop() } }
        let usage = try await Self.client(server: server).requestCounts(
            graphIDs: ["quiet", "silent"],
            from: Self.start,
            to: Self.start.addingTimeInterval(4 * 3600),
            period: .oneHour
        )
        #expect(
            usage.datapoints["quiet"] == [
                .init(timestamp: 1_764_000_000_000, sum: 0), .init(timestamp: 1_764_007_200_000, sum: 0),
            ]
        )
        #expect(usage.records().filter { $0.graphID == "quiet" }.map(\.periodStart) == [1_764_000_000, 1_764_007_200])
        #expect(usage.records().count == 4)
    }

    @Test func aGraphWithoutDatapointsIsPresentAndEmpty() async throws {
        let cloudEye = SimulatedCloudEye(sample: { _, _ in nil })
        let server = try await cloudEye.serve()
        defer { Task { await server.stop() } }
        let usage = try await Self.client(server: server).requestCounts(
            graphIDs: ["stopped"],
            from: Self.start,
            to: Self.start.addingTimeInterval(3600),
            period: .fiveMinutes
        )
        #expect(usage.datapoints == ["stopped": []])
        #expect(usage.records().isEmpty)
    }

    @Test func nonIntegerSumsAreKeptExactly() async throws {
        let values: [Double] = [0.1, 2.675, 1e-7, 123_456_789.123, 0.30000000000000004, 7]
        let sample: SimulatedCloudEye.Sample = { _, second in
            let index = Int((second - 1_764_000_000) / 300)
            return index < values.count ? values[index] : nil
        }
        let cloudEye = SimulatedCloudEye(sample: sample)
        let server = try await cloudEye.serve()
        defer { Task { await server.stop() } }
        let usage = try await Self.client(server: server).requestCounts(
            graphIDs: ["g"],
            from: Self.start,
            to: Self.start.addingTimeInterval(3600),
            period: .fiveMinutes
        )
        #expect(usage.datapoints["g"]?.map(\.sum) == values)
        #expect(usage.records().map(\.requests) == values)
    }

    @Test func sumsAreReadAsTheJSONNumbersSent() async throws {
        let cloudEye = SimulatedCloudEye(sample: { _, _ in nil })
        await cloudEye.script([
            (
                200,
                #"{"metrics":[{"namespace":"SYS.GES","metric_name":"ges004_request_count","#
                    + #""dimensions":[{"name":"instance_id","value":"g"}],"datapoints":["#
                    + #"{"timestamp":1764000000000,"sum":3},{"timestamp":1764000300000,"sum":0.1},"#
                    + #"{"timestamp":1764000600000,"sum":1.5E2}]}]}"#
            )
        ])
        let server = try await cloudEye.serve()
        defer { Task { await server.stop() } }
        let usage = try await Self.client(server: server).requestCounts(
            graphIDs: ["g"],
            from: Self.start,
            to: Self.start.addingTimeInterval(900),
            period: .fiveMinutes
        )
        #expect(usage.datapoints["g"]?.map(\.sum) == [3, 0.1, 150])
    }

    @Test func aMissingMetricIsAnErrorNotAGap() async throws {
        let cloudEye = SimulatedCloudEye(sample: Self.patterned)
        await cloudEye.omit("graph-2")
        let server = try await cloudEye.serve()
        defer { Task { await server.stop() } }
        let client = try Self.client(server: server)
        do {
            _ = try await client.requestCounts(
                graphIDs: ["graph-1", "graph-2"],
                from: Self.start,
                to: Self.start.addingTimeInterval(3600),
                period: .fiveMinutes
            )
            Issue.record("a missing metric was accepted")
        } catch {
            #expect(error.kind == .incompleteAnswer)
            #expect(error.description.contains("answer for graph graph-2 missing"))
        }
    }

    @Test func aDatapointBeforeTheRangeIsAnError() async throws {
        let cloudEye = SimulatedCloudEye(sample: Self.patterned)
        await cloudEye.addEarlyDatapoints()
        let server = try await cloudEye.serve()
        defer { Task { await server.stop() } }
        let client = try Self.client(server: server)
        await #expect(throws: CloudEyeError.self) {
            _ = try await client.requestCounts(
                graphIDs: ["graph-1"],
                from: Self.start,
                to: Self.start.addingTimeInterval(3600),
                period: .fiveMinutes
            )
        }
    }

    static func entry(_ id: String, datapoints: String = "", metric: String = "ges004_request_count") -> String {
        #"{"metric_name":"\#(metric)","dimensions":[{"name":"instance_id","value":"\#(id)"}],"#
            + #""datapoints":[\#(datapoints)]}"#
    }

    static let twice = #"{"timestamp":1764000000000,"sum":1},{"timestamp":1764000000000,"sum":1}"#

    static let unacceptableAnswers: [(String, CloudEyeError.Kind)] = [
        (#"{"metrics":[\#(entry("g")),\#(entry("other"))]}"#, .malformedResponse),
        (#"{"metrics":[\#(entry("g")),\#(entry("g"))]}"#, .malformedResponse),
        (#"{"metrics":[{"dimensions":[],"datapoints":[]}]}"#, .malformedResponse),
        (#"{"metrics":[\#(entry("g", metric: "ges001_vertex_util"))]}"#, .malformedResponse),
        (#"{"metrics":"#, .malformedResponse),
        (#"{"metrics":[\#(entry("g", datapoints: #"{"timestamp":1764000000000}"#))]}"#, .malformedResponse),
        (#"{"metrics":[\#(entry("g", datapoints: twice))]}"#, .malformedResponse),
        (#"{"metrics":[\#(entry("g", datapoints: #"{"timestamp":1764003600000,"sum":1}"#))]}"#, .incompleteAnswer),
        (#"{"metrics":[\#(entry("g", datapoints: #"{"timestamp":1763999999999,"sum":1}"#))]}"#, .incompleteAnswer),
        (#"{"metrics":[]}"#, .incompleteAnswer),
    ]

    @Test(arguments: unacceptableAnswers)
    func answersThatDoNotMatchTheQueryAreErrors(_ body: String, _ kind: CloudEyeError.Kind) {
        let query = CloudEyeQuery(graphIDs: ["g"], from: 1_764_000_000_000, to: 1_764_003_600_000, period: .oneHour)
        let error = #expect(throws: CloudEyeError.self) {
            _ = try CloudEyeClient.datapoints(in: Data(body.utf8), for: query)
        }
        #expect(error?.kind == kind)
    }

    @Test func aMatchingAnswerIsAccepted() throws {
        let query = CloudEyeQuery(graphIDs: ["g"], from: 1_764_000_000_000, to: 1_764_003_600_000, period: .oneHour)
        let body = #"{"metrics":[\#(Self.entry("g", datapoints: #"{"timestamp":1764000000000,"sum":2.5}"#))]}"#
        #expect(
            try CloudEyeClient.datapoints(in: Data(body.utf8), for: query)
                == ["g": [CloudEyeDatapoint(timestamp: 1_764_000_000_000, sum: 2.5)]]
        )
    }

    @Test func retriesOn503ThenSucceeds() async throws {
        let cloudEye = SimulatedCloudEye(sample: Self.patterned)
        await cloudEye.script([(503, ""), (503, #"{"error":{"code":"ces.0015","message":"busy"}}"#)])
        let server = try await cloudEye.serve()
        defer { Task { await server.stop() } }
        let clock = FakeClock()
        let to = Self.start.addingTimeInterval(3600)
        let usage = try await Self.client(server: server, clock: clock).requestCounts(
            graphIDs: ["graph-1"],
            from: Self.start,
            to: to,
            period: .fiveMinutes
        )
        #expect(await cloudEye.calls.count == 3)
        #expect(clock.sleeps.count == 2)
        #expect(usage.datapoints == Self.expected(["graph-1"], from: Self.start, to: to, period: .fiveMinutes))
    }

    @Test func persistent503FailsAfterTheRetries() async throws {
        let cloudEye = SimulatedCloudEye(sample: Self.patterned)
        await cloudEye.script(Array(repeating: (503, #"{"error":{"code":"ces.0015","message":"busy"}}"#), count: 10))
        let server = try await cloudEye.serve()
        defer { Task { await server.stop() } }
        let client = try Self.client(server: server)
        do {
            _ = try await client.requestCounts(
                graphIDs: ["graph-1"],
                from: Self.start,
                to: Self.start.addingTimeInterval(3600),
                period: .fiveMinutes
            )
            Issue.record("a failing Cloud Eye was accepted")
        } catch {
            #expect(
                error
                    == CloudEyeError(
                        kind: .httpStatus,
                        message: "Cloud Eye query failed: busy",
                        httpStatus: 503,
                        code: "ces.0015"
                    )
            )
        }
        #expect(await cloudEye.calls.count == RetryPolicy().maxAttempts)
    }

    @Test func unauthorizedIsAnAuthenticationFailureAndStopsSending() async throws {
        let token = "secret-token-4711"
        let cloudEye = SimulatedCloudEye(sample: Self.patterned)
        await cloudEye.script([(401, #"{"error_code":"APIGW.0301","error_msg":"Incorrect token \#(token)"}"#)])
        let server = try await cloudEye.serve()
        defer { Task { await server.stop() } }
        // One call at a time, so that the second batch is provably never sent after the 401.
        let client = try Self.client(server: server, token: token, maxConcurrentCalls: 1)
        for _ in 0..<2 {
            do {
                _ = try await client.requestCounts(
                    graphIDs: (0..<600).map { "g\($0)" },
                    from: Self.start,
                    to: Self.start.addingTimeInterval(3600),
                    period: .oneHour
                )
                Issue.record("401 was accepted")
            } catch {
                #expect(error.kind == .authenticationFailed)
                #expect(!error.description.contains(token))
            }
        }
        #expect(await cloudEye.calls.count == 1)
        #expect(client.hasAuthenticationFailed)
    }

    @Test func unsafeGraphIDsAndEmptyRangesSendNothing() async throws {
        let cloudEye = SimulatedCloudEye(sample: Self.patterned)
        let server = try await cloudEye.serve()
        defer { Task { await server.stop() } }
        let client = try Self.client(server: server)
        let to = Self.start.addingTimeInterval(3600)
        for (graphs, from, end) in [(["ok", "bad\"id"], Self.start, to), (["ok"], to, Self.start)] {
            do {
                _ = try await client.requestCounts(graphIDs: graphs, from: from, to: end, period: .oneHour)
                Issue.record("invalid request was sent")
            } catch {
                #expect(error.kind == .invalidRequest)
            }
        }
        #expect(await cloudEye.calls.isEmpty)
        #expect(throws: CloudEyeError.self) {
            _ = try CloudEyeClient(
                transport: try CurlTransport(),
                endpoint: server.baseURL,
                projectID: "not/a/project",
                authorizer: RequestAuthorizer(
                    credentials: .token("t"),
                    transport: try CurlTransport(),
                    logger: Logger(label: "t")
                ),
                logger: Logger(label: "t")
            )
        }
    }
}
