import Foundation
import GESSimulator
import IdleStopCore
import IdleStopTestSupport
import Logging
import Synchronization
import Testing

@testable import GESKit

/// A transport that keeps every request it is handed and answers each with the same response.
private final class RecordingTransport: HTTPTransport {
    private let requests = Mutex<[HTTPRequest]>([])
    let answer: HTTPResponse

    init(answer: HTTPResponse = HTTPResponse(status: 200, body: Data("{}".utf8))) { self.answer = answer }

    var received: [HTTPRequest] { requests.withLock { $0 } }

    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        requests.withLock { $0.append(request) }
        return answer
    }
}

/// A GES client (and a Cloud Eye client) on `transport`, token auth, no retries, logs nowhere.
private func clients(_ transport: RecordingTransport) throws -> (GESClient, CloudEyeClient) {
    let logger = Logger.discarding("hostile")
    let authorizer = RequestAuthorizer(credentials: .token("t0ken"), transport: transport, logger: logger)
    // No retries, so nothing sleeps; a clock that never moves keeps the test free of time.
    let clock = RetryClock(now: { .zero }, sleep: { _ in })
    let ges = try GESClient(
        transport: transport,
        endpoint: try #require(URL(string: "https://ges.example.com")),
        projectID: "0123456789abcdef",
        authorizer: authorizer,
        logger: logger,
        retryPolicy: .none,
        clock: clock
    )
    let cloudEye = try CloudEyeClient(
        transport: transport,
        endpoint: try #require(URL(string: "https://ces.example.com")),
        projectID: "0123456789abcdef",
        authorizer: authorizer,
        logger: logger,
        retryPolicy: .none,
        clock: clock
    )
    return (ges, cloudEye)
}

/// IDs that must never reach a URL path.
private let hostileIDs: [String] = [
    "a/b", "/", "..", "../../v2/other-project/graphs", ".", "g%2F", "%2e%2e", "%", "%00", "g 1", " g1", "g1 ", "g\t1",
    "g\u{0}1", "g\r\nX-Injected: 1", "g\n1", "g\u{1B}[31m", "g\u{7F}", "grāph", "граф", "图", "g\u{200B}1", "ｇ1", "",
    String(repeating: "a", count: 129), String(repeating: "a", count: 5000), "g.1", "g?x=1", "g#1", "g;1", "g\\1",
    "g@h", "g:1", "\u{FEFF}g1",
]

/// Checks an error text: non-empty, one line without control characters, bounded.
private func expectOneLine(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(!text.isEmpty, sourceLocation: sourceLocation)
    ReadableError.expect(
        text,
        startsWith: "",
        shorterThan: 700,
        refusing: .lineBreaking,
        sourceLocation: sourceLocation
    )
}

private let trickyBytes: [UInt8] =
    Array("{}[]\",:\\0123456789-+.eEtrufalsn /%".utf8) + [0x00, 0x0A, 0x0D, 0x1B, 0xEF, 0xBB, 0xBF, 0xFF]
private let trickyTokens: [String] = [
    "\"", "\\", "\\u0000", "\\ud800", "\\n", "null", "true", "1e400", "-1e400", "-0", "-1", "NaN", "[", "]", "{", "}",
    ",",
    ":", "\"../\"", "9223372036854775808", "-9223372036854775809", "\u{FEFF}", "\"job_id\": \"../x\",", "\"sum\": -5,",
    "\"timestamp\": 0,", "[[[[[[[[[[", "\"error\": {}",
]

/// `seed` with one to eight random edits, or random bytes when `seed` is empty.
private func mutated(_ seed: String, using generator: inout SeededGenerator) -> Data {
    var bytes = Array(seed.utf8)
    if bytes.isEmpty {
        return Data(
            (0..<Int.random(in: 0...300, using: &generator)).map { _ in
                Bool.random(using: &generator)
                    ? trickyBytes.randomElement(using: &generator)! : UInt8.random(in: 0...255, using: &generator)
            }
        )
    }
    HostileEdits.apply(
        to: &bytes,
        replacements: trickyBytes,
        fragments: trickyTokens.map { Array($0.utf8) },
        using: &generator
    )
    return Data(bytes)
}

/// Seeds 0..<count, each an input derived from one of `seeds` (the empty seed: random bytes).
private func fuzzInputs(_ seeds: [String], count: Int = 400) -> [(seed: UInt64, data: Data)] {
    (0..<UInt64(count)).map { seed in
        var generator = SeededGenerator(seed: seed)
        let base = seeds.randomElement(using: &generator)!
        return (seed, mutated(base, using: &generator))
    }
}

private let errorBodySeeds = [
    "", #"{"error_code": "GES.7001", "error_msg": "The graph is not running."}"#,
    #"{"errorCode": "GES.7003", "errorMessage": "stopping"}"#,
    #"{"error": {"code": "APIGW.0301", "message": "bad token"}}"#,
    #"{"code": 401, "message": "Unauthorized"}"#,
]
private let jobSeeds = [
    "", #"{"job_id": "ff80-1", "status": "success", "job_type": "StopGraph"}"#,
    #"{"status": "failed", "fail_reason": "Stop graph failed.\nretry later"}"#,
]
private let cloudEyeQuery = CloudEyeQuery(graphIDs: ["g1", "g2"], from: 1_000_000, to: 2_000_000, period: .fiveMinutes)
private let cloudEyeSeeds = [
    "",
    #"{"metrics": [{"namespace": "SYS.GES", "metric_name": "ges004_request_count", "dimensions": [{"name": "instance_id", "value": "g1"}], "datapoints": [{"timestamp": 1000000, "sum": 3, "unit": "count"}]}, {"dimensions": [{"name": "instance_id", "value": "g2"}], "datapoints": []}]}"#,
]

struct HostileResponseTests {
    // MARK: IDs never reach a URL

    @Test(arguments: hostileIDs)
    func hostileGraphIDsAreRefusedBeforeSending(_ id: String) async throws {
        let transport = RecordingTransport()
        let (ges, cloudEye) = try clients(transport)

        guard case .failed(nil, nil, let message) = await ges.stopGraph(id: id) else {
            Issue.record("stopGraph(\(id.debugDescription)) did not fail locally")
            return
        }
        #expect(message.hasSuffix("is not valid; nothing was sent"))
        expectOneLine(message)
        let refusals: [GESError?] = [
            await refusal { () async throws(GESError) in _ = try await ges.showGraph(id: id) },
            await refusal { () async throws(GESError) in _ = try await ges.jobStatus(graphID: id, jobID: "job-1") },
            await refusal { () async throws(GESError) in _ = try await ges.jobStatus(graphID: "g1", jobID: id) },
            await refusal { () async throws(GESError) in _ = try await ges.waitForJob(graphID: "g1", jobID: id) },
            await refusal { () async throws(GESError) in _ = try await ges.startGraph(id: id) },
            await refusal { () async throws(GESError) in _ = try await ges.startGraph(id: "g1", backupID: id) },
        ]
        for error in refusals {
            #expect(error?.kind == .invalidIdentifier, "\(String(describing: error))")
            expectOneLine(error?.description ?? "")
        }
        do throws(CloudEyeError) {
            _ = try await cloudEye.requestCounts(
                graphIDs: ["g1", id],
                from: Date(timeIntervalSince1970: 0),
                to: Date(timeIntervalSince1970: 3600),
                period: .fiveMinutes
            )
            Issue.record("Cloud Eye accepted \(id.debugDescription)")
        } catch {
            #expect(error.kind == .invalidRequest)
            expectOneLine(error.description)
        }
        #expect(transport.received.isEmpty, "sent: \(transport.received.map(\.url))")
    }

    @Test(arguments: hostileIDs + ["0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0", "a-b", "a_b"])
    func hostileProjectIDsAreRefusedBeforeAnyClientExists(_ projectID: String) throws {
        let transport = RecordingTransport()
        let logger = Logger.discarding("hostile")
        let authorizer = RequestAuthorizer(credentials: .token("t0ken"), transport: transport, logger: logger)
        let url = try #require(URL(string: "https://ges.example.com"))
        #expect(throws: GESError.self) {
            try GESClient(
                transport: transport,
                endpoint: url,
                projectID: projectID,
                authorizer: authorizer,
                logger: logger
            )
        }
        #expect(throws: CloudEyeError.self) {
            try CloudEyeClient(
                transport: transport,
                endpoint: url,
                projectID: projectID,
                authorizer: authorizer,
                logger: logger
            )
        }
        #expect(transport.received.isEmpty)
    }

    @Test func aHostileJobIDFromAStopAnswerIsNeverPolled() async throws {
        let transport = RecordingTransport(
            answer: HTTPResponse(status: 200, body: Data(#"{"job_id": "../../graphs/prod/stop"}"#.utf8))
        )
        let (ges, _) = try clients(transport)
        #expect(await ges.stopGraph(id: "g1") == .requested(jobID: "../../graphs/prod/stop"))
        await #expect(throws: GESError.self) {
            try await ges.waitForJob(graphID: "g1", jobID: "../../graphs/prod/stop")
        }
        #expect(transport.received.map(\.url.path) == ["/v2/0123456789abcdef/graphs/g1/stop"])
    }

    @Test(arguments: hostileIDs.filter { !$0.isEmpty })
    func hostileIDsInAListingFailTheInventory(_ id: String) async throws {
        let body = try JSONSerialization.data(withJSONObject: [
            "graph_count": 2, "graphs": [["id": "g1", "status": "200"], ["id": id, "status": "200"]],
        ])
        let transport = RecordingTransport(answer: HTTPResponse(status: 200, body: body))
        let (ges, _) = try clients(transport)
        do throws(GESError) {
            _ = try await ges.listGraphs()
            Issue.record("a listing with \(id.debugDescription) was accepted")
        } catch {
            #expect(error.kind == .incompleteInventory)
            #expect(error.message.contains("graphs[1].id"))
            #expect(!error.description.unicodeScalars.contains { $0 == "\u{7F}" || (0x80...0x9F).contains($0.value) })
            expectOneLine(error.description)
        }
        #expect(transport.received.count == 1)
        let single = RecordingTransport(
            answer: HTTPResponse(
                status: 200,
                body: try JSONSerialization.data(withJSONObject: ["graph": ["id": id, "status": "200"]])
            )
        )
        await #expect(throws: GESError.self) { try await clients(single).0.showGraph(id: "g1") }
    }

    @Test(arguments: [
        #"{"graph_count": -1, "graphs": []}"#, #"{"graph_count": 1000000000000000000, "graphs": []}"#,
        #"{"graph_count": -1, "graphs": [{"id": "g1", "status": "200"}]}"#,
        #"{"graph_count": 0, "graphs": [{"id": "g1", "status": "200"}]}"#,
        #"{"graph_count": 1e400, "graphs": []}"#,
        #"{"graphs": [{"id": "g1", "status": "200"}, {"id": "g1", "status": "200"}]}"#,
    ])
    func impossibleCountsNeverPassAsACompleteListing(_ body: String) async throws {
        let transport = RecordingTransport(answer: HTTPResponse(status: 200, body: Data(body.utf8)))
        let (ges, _) = try clients(transport)
        do throws(GESError) {
            let graphs = try await ges.listGraphs()
            Issue.record("accepted as complete: \(graphs)")
        } catch {
            #expect(error.kind == .incompleteInventory, "\(error)")
            expectOneLine(error.description)
        }
    }

    // MARK: Decoders

    @Test func errorBodiesNeverCrashAndStayShortAndOnOneLine() {
        for input in fuzzInputs(errorBodySeeds) {
            let (code, message) = GESErrorBody.parse(input.data)
            for text in [code, message].compactMap({ $0 }) {
                #expect(
                    text.count <= 301 && !text.contains(where: \.isNewline),
                    "seed \(input.seed): \(text.debugDescription)"
                )
            }
        }
        let huge = #"{"error_code": "GES.7001", "error_msg": ""# + String(repeating: "line\\n", count: 1 << 18) + #""}"#
        let (code, message) = GESErrorBody.parse(Data(huge.utf8))
        #expect(code == "GES.7001" && message?.count == 301 && message?.contains("\n") == false)
        #expect(GESErrorBody.parse(Data(#"{"error_code": 1e400, "error_msg": -0}"#.utf8)).message != "")
    }

    @Test(arguments: [100_000, 1_000_000])
    func deeplyNestedAnswersAreNotUnderstoodWithoutOverflowingTheStack(_ depth: Int) throws {
        for (open, close) in [("[", "]"), ("{\"a\":", "}")] {
            let nested = String(repeating: open, count: depth) + "1" + String(repeating: close, count: depth)
            let body = Data(
                ("{\"error_code\": \"X\", \"job_id\": \"j\", \"status\": \"success\", \"metrics\": [], \"deep\": "
                    + nested + "}").utf8
            )
            _ = GESErrorBody.parse(body)
            _ = JobStatus.decode(body, requestedID: "j")
            _ = try? CloudEyeClient.datapoints(in: body, for: cloudEyeQuery)
            _ = GESErrorBody.parse(Data(nested.utf8))
        }
    }

    @Test func jobStatusAnswersNeverCrashAndKeepReasonsShort() {
        for input in fuzzInputs(jobSeeds) {
            guard let status = JobStatus.decode(input.data, requestedID: "job-1") else { continue }
            if let reason = status.failReason {
                #expect(reason.count <= 301 && !reason.contains(where: \.isNewline), "seed \(input.seed)")
            }
        }
        let reason = String(repeating: "x\\r\\n", count: 1 << 18)
        let status = JobStatus.decode(
            Data(#"{"status": "FAILED", "fail_reason": "\#(reason)"}"#.utf8),
            requestedID: "job-1"
        )
        #expect(status?.state == .failed && status?.jobID == "job-1" && status?.failReason?.count == 301)
    }

    @Test func cloudEyeAnswersNeverCrashAndFailWithOneLine() throws {
        for input in fuzzInputs(cloudEyeSeeds, count: 600) {
            do throws(CloudEyeError) {
                let answer = try CloudEyeClient.datapoints(in: input.data, for: cloudEyeQuery)
                #expect(Set(answer.keys) == ["g1", "g2"], "seed \(input.seed)")
                for point in answer.values.joined() {
                    #expect(point.timestamp >= cloudEyeQuery.from && point.timestamp < cloudEyeQuery.to)
                    #expect(point.sum.isFinite, "seed \(input.seed)")
                }
            } catch {
                #expect(error.kind == .malformedResponse || error.kind == .incompleteAnswer)
                expectOneLine(error.description)
            }
        }
    }

    @Test(arguments: ["-5", "-0.5", "-1e-300", "1e400", "-1e400"])
    func cloudEyeSumsThatCannotBeRequestCountsAreRefused(_ sum: String) throws {
        let body =
            #"{"metrics": [{"dimensions": [{"name": "instance_id", "value": "g1"}], "datapoints": [{"timestamp": 1000000, "sum": \#(sum)}]}, {"dimensions": [{"name": "instance_id", "value": "g2"}]}]}"#
        let outcome = Result { () throws(CloudEyeError) in
            try CloudEyeClient.datapoints(in: Data(body.utf8), for: cloudEyeQuery)
        }
        switch outcome {
        case .success(let answer): Issue.record("accepted sums \(answer.values.joined().map(\.sum))")
        case .failure(let error):
            #expect(error.kind == .malformedResponse, "\(error)")
            expectOneLine(error.description)
        }
    }

    @Test(arguments: [("0", 0.0), ("-0", 0), ("-0.0", 0), ("12.5", 12.5), ("3", 3)] as [(String, Double)])
    func cloudEyeSumsThatAreRequestCountsAreKeptExactly(_ sum: String, expected: Double) throws {
        let body =
            #"{"metrics": [{"dimensions": [{"name": "instance_id", "value": "g1"}], "datapoints": [{"timestamp": 1000000, "sum": \#(sum)}]}, {"dimensions": [{"name": "instance_id", "value": "g2"}]}]}"#
        let answer = try CloudEyeClient.datapoints(in: Data(body.utf8), for: cloudEyeQuery)
        let point = try #require(answer["g1"]?.first)
        #expect(point.sum == expected && point.sum.sign == .plus)
    }

    @Test func aNegativeSumAmongGoodOnesFailsTheWholeAnswer() throws {
        let body =
            #"{"metrics": [{"dimensions": [{"name": "instance_id", "value": "g1"}], "datapoints": [{"timestamp": 1000000, "sum": 50}, {"timestamp": 1300000, "sum": -50}]}, {"dimensions": [{"name": "instance_id", "value": "g2"}]}]}"#
        let outcome = Result { () throws(CloudEyeError) in
            try CloudEyeClient.datapoints(in: Data(body.utf8), for: cloudEyeQuery)
        }
        #expect(throws: CloudEyeError.self) { try outcome.get() }
        if case .failure(let error) = outcome {
            #expect(error.message.contains("-50"), "\(error)")
        }
    }
}

/// The `GESError` a call throws, or nil when it returns.
private func refusal(_ call: () async throws(GESError) -> Void) async -> GESError? {
    do {
        try await call()
        return nil
    } catch {
        return error
    }
}
