import Foundation
import GESKit
import IdleStopTestSupport
import Testing

@testable import GESSimulator

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

typealias Harness = SimulatorHarness

@Suite("Simulator over HTTP")
struct SimulatorTests {
    // MARK: Listing

    @Test func pagesThroughTheFleetInFileOrder() async throws {
        let sim = try await Harness.start()
        defer { Task { await sim.stop() } }
        var ids: [String] = []
        var offset = 0
        while true {
            let page = try await sim.send("GET", Harness.ges("graphs?offset=\(offset)&limit=2"))
            #expect(page.status == 200)
            #expect(page.json["graph_count"] == 5)
            guard case .array(let graphs)? = page.json["graphs"], !graphs.isEmpty else { break }
            #expect(graphs.count <= 2)
            ids += graphs.compactMap { $0["id"]?.stringValue }
            offset += graphs.count
        }
        #expect(ids == [Harness.alpha, Harness.beta, Harness.stopped, Harness.database, Harness.gamma])
    }

    @Test func aListingFaultBreaksEveryPageAndCanBeTurnedOffAtRuntime() async throws {
        let sim = try await Harness.start { $0.faults.listing = .omitsGraphCount }
        defer { Task { await sim.stop() } }
        let uncounted = try await sim.send("GET", Harness.ges("graphs?offset=0&limit=2"))
        #expect(uncounted.status == 200)
        #expect(uncounted.json["graph_count"] == nil)
        let set = try await sim.send("POST", "/_sim/faults", body: #"{"listing": "repeat-graph"}"#, auth: .none)
        #expect(set.json["listing"] == "repeat-graph")
        let repeated = try await sim.send("GET", Harness.ges("graphs?offset=2&limit=2"))
        #expect(repeated.json["graph_count"] == 5)
        let ids: [String]? =
            if case .array(let graphs)? = repeated.json["graphs"] { graphs.compactMap { $0["id"]?.stringValue } } else {
                nil
            }
        #expect(ids == [Harness.stopped, Harness.database, Harness.stopped])
        _ = try await sim.send("POST", "/_sim/faults", body: #"{"listing": null}"#, auth: .none)
        let whole = try await sim.send("GET", Harness.ges("graphs?offset=0&limit=2"))
        #expect(whole.json["graph_count"] == 5)
        let bad = try await sim.send("POST", "/_sim/faults", body: #"{"listing": "drop-page"}"#, auth: .none)
        #expect(bad.status == 400)
    }

    @Test func clampsTheLimitAndRefusesBadPagingParameters() async throws {
        let sim = try await Harness.start { $0.maxPageLimit = 3 }
        defer { Task { await sim.stop() } }
        let page = try await sim.send("GET", Harness.ges("graphs?offset=0&limit=1000"))
        guard case .array(let graphs)? = page.json["graphs"] else {
            Issue.record("no graphs array")
            return
        }
        #expect(graphs.count == 3)
        #expect(page.json["graph_count"] == 5)
        let defaultPage = try await sim.send("GET", Harness.ges("graphs"))
        if case .array(let all)? = defaultPage.json["graphs"] { #expect(all.count == 3) }
        let beyond = try await sim.send("GET", Harness.ges("graphs?offset=9&limit=2"))
        #expect(beyond.json["graphs"] == .array([]))
        for query in ["limit=0", "limit=abc", "offset=-1"] {
            let bad = try await sim.send("GET", Harness.ges("graphs?\(query)"))
            #expect(bad.status == 400, "\(query)")
            #expect(bad.errorCode == "GES.0001", "\(query)")
        }
    }

    @Test func showGraphReturnsTheFleetObjectUnchanged() async throws {
        let sim = try await Harness.start()
        defer { Task { await sim.stop() } }
        let fleet = try Harness.smallFleet()
        let answer = try await sim.send("GET", Harness.ges("graphs/\(Harness.gamma)"))
        #expect(answer.status == 200)
        #expect(answer.json["graph"] == fleet.graphs[4])
        #expect(answer.json["graph"]?["capacity_ratio"] == .number(2.5))
        let unknown = try await sim.send("GET", Harness.ges("graphs/no-such-graph"))
        #expect(unknown.status == 400)
        #expect(unknown.errorCode == "GES.7000")
    }

    @Test func refusesAnotherProject() async throws {
        let sim = try await Harness.start()
        defer { Task { await sim.stop() } }
        let answer = try await sim.send("GET", "/v2/ffffffffffffffffffffffffffffffff/graphs")
        #expect(answer.status == 400)
        #expect(answer.errorCode == "GES.0016")
        let unknownPath = try await sim.send("GET", "/v2/\(Harness.project)/clusters")
        #expect(unknownPath.status == 404)
    }

    @Test func servesAnyProjectWhenNoneIsConfigured() async throws {
        let sim = try await Harness.start { $0.projectID = nil }
        defer { Task { await sim.stop() } }
        let answer = try await sim.send("GET", "/v2/anyproject42/graphs")
        #expect(answer.status == 200)
    }

    // MARK: Stop, start, jobs

    @Test func stopRunsAsAJobThatEndsStoppedAfterTheDelay() async throws {
        let sim = try await Harness.start()
        defer { Task { await sim.stop() } }
        let stop = try await sim.send("POST", Harness.ges("graphs/\(Harness.alpha)/stop"), body: "{}")
        #expect(stop.status == 200)
        let jobID = try #require(stop.json["job_id"]?.stringValue)
        #expect(try await sim.status(of: Harness.alpha) == "901")

        let jobPath = Harness.ges("graphs/\(Harness.alpha)/jobs/\(jobID)/status")
        let running = try await sim.send("GET", jobPath)
        #expect(running.json["status"] == "running")
        #expect(running.json["end_time"] == "")
        let again = try await sim.send("POST", Harness.ges("graphs/\(Harness.alpha)/stop"), body: "{}")
        #expect(again.status == 400)
        #expect(again.errorCode == "GES.7003")

        try await sim.advanceClock(61)
        let done = try await sim.send("GET", jobPath)
        #expect(done.json["status"] == "success")
        #expect(done.json["job_id"] == .string(jobID))
        #expect(done.json["job_type"] == "StopGraph")
        #expect(done.json["related_graph"] == "dev-alpha")
        #expect(done.json["fail_reason"] == "")
        #expect(done.json["begin_time"]?.stringValue?.count == 19)
        #expect(done.json["end_time"]?.stringValue?.count == 19)
        #expect(try await sim.status(of: Harness.alpha) == "900")

        let third = try await sim.send("POST", Harness.ges("graphs/\(Harness.alpha)/stop"), body: "{}")
        #expect(third.status == 400)
        #expect(third.errorCode == "GES.7001")
        #expect(third.json["error_msg"] == "The graph is not running.")

        let state = try await sim.send("GET", "/_sim/state", auth: .none)
        guard case .array(let graphs)? = state.json["graphs"],
            case .array(let requests)? = graphs.first(where: { $0["id"] == .string(Harness.alpha) })?["stop_requests"]
        else {
            Issue.record("state has no stop requests")
            return
        }
        #expect(requests.map { $0["http_status"] } == [200, 400, 400])
        #expect(requests.map { $0["error_code"] } == [nil, "GES.7003", "GES.7001"])
    }

    @Test func stoppedGraphAnswersNotRunning() async throws {
        let sim = try await Harness.start()
        defer { Task { await sim.stop() } }
        let answer = try await sim.send("POST", Harness.ges("graphs/\(Harness.stopped)/stop"))
        #expect(answer.status == 400)
        #expect(answer.errorCode == "GES.7001")
    }

    @Test func refusesToStopADatabaseEditionGraph() async throws {
        let sim = try await Harness.start()
        defer { Task { await sim.stop() } }
        let answer = try await sim.send("POST", Harness.ges("graphs/\(Harness.database)/stop"), body: "{}")
        #expect(answer.status == 400)
        #expect(answer.errorCode == "GES.7009")
        #expect(try await sim.status(of: Harness.database) == "200")
    }

    @Test func unknownGraphOrJobIsAnError() async throws {
        let sim = try await Harness.start()
        defer { Task { await sim.stop() } }
        let stop = try await sim.send("POST", Harness.ges("graphs/no-such-graph/stop"))
        #expect(stop.errorCode == "GES.7000")
        let job = try await sim.send("GET", Harness.ges("graphs/\(Harness.alpha)/jobs/ff80/status"))
        #expect(job.status == 400)
        #expect(job.errorCode == "GES.7007")
    }

    @Test func startRunsOnlyForAStoppedGraph() async throws {
        let sim = try await Harness.start()
        defer { Task { await sim.stop() } }
        let refused = try await sim.send("POST", Harness.ges("graphs/\(Harness.alpha)/start"), body: "{}")
        #expect(refused.status == 400)
        #expect(refused.errorCode == "GES.7037")
        let start = try await sim.send("POST", Harness.ges("graphs/\(Harness.stopped)/start"), body: "{}")
        #expect(start.status == 200)
        let jobID = try #require(start.json["job_id"]?.stringValue)
        #expect(try await sim.status(of: Harness.stopped) == "920")
        try await sim.advanceClock(61)
        #expect(try await sim.status(of: Harness.stopped) == "200")
        let job = try await sim.send("GET", Harness.ges("graphs/\(Harness.stopped)/jobs/\(jobID)/status"))
        #expect(job.json["status"] == "success")
        #expect(job.json["job_type"] == "StartGraph")
    }

    @Test func restartsAGraphSevenDaysAfterItStopped() async throws {
        let sim = try await Harness.start { $0.jobDelay = 0 }
        defer { Task { await sim.stop() } }
        let stop = try await sim.send("POST", Harness.ges("graphs/\(Harness.alpha)/stop"))
        #expect(stop.status == 200)
        #expect(try await sim.status(of: Harness.alpha) == "900")
        try await sim.advanceClock(6 * 86_400)
        #expect(try await sim.status(of: Harness.alpha) == "900")
        try await sim.advanceClock(86_400 + 5)
        #expect(try await sim.status(of: Harness.alpha) == "200")
        // A graph that was stopped in the fleet file counts from the simulator's start.
        #expect(try await sim.status(of: Harness.stopped) == "200")
        let state = try await sim.send("GET", "/_sim/state", auth: .none)
        guard case .array(let graphs)? = state.json["graphs"],
            case .array(let restarts)? = graphs.first(where: { $0["id"] == .string(Harness.alpha) })?[
                "automatic_restarts"
            ]
        else {
            Issue.record("no automatic_restarts")
            return
        }
        #expect(restarts.count == 1)
        let stopAgain = try await sim.send("POST", Harness.ges("graphs/\(Harness.alpha)/stop"))
        #expect(stopAgain.status == 200)
    }

    @Test func adminCanSetAStatus() async throws {
        let sim = try await Harness.start()
        defer { Task { await sim.stop() } }
        let set = try await sim.send(
            "POST",
            "/_sim/graphs/\(Harness.alpha)/status",
            body: #"{"status": "300"}"#,
            auth: .none
        )
        #expect(set.status == 200)
        #expect(set.json["graph"]?["status"] == "300")
        let stop = try await sim.send("POST", Harness.ges("graphs/\(Harness.alpha)/stop"))
        #expect(stop.errorCode == "GES.7001")
        let unknown = try await sim.send(
            "POST",
            "/_sim/graphs/nope/status",
            body: #"{"status": "200"}"#,
            auth: .none
        )
        #expect(unknown.errorCode == "GES.7000")
    }

    // MARK: Authentication

    @Test(arguments: [SimulatorHarness.Auth.none, .token("wrong-token")])
    func refusesMissingOrWrongTokens(_ auth: SimulatorHarness.Auth) async throws {
        let sim = try await Harness.start()
        defer { Task { await sim.stop() } }
        let answer = try await sim.send("GET", Harness.ges("graphs"), auth: auth)
        #expect(answer.status == 401)
        #expect(answer.errorCode == "APIGW.0301")
        let message = try #require(answer.json["error_msg"]?.stringValue)
        #expect(message.hasPrefix("Incorrect IAM authentication information: "))
        #expect(!message.contains("wrong-token"))
    }

    @Test func acceptsAnAKSKSignatureFromGESKitsSigner() async throws {
        let sim = try await Harness.start()
        defer { Task { await sim.stop() } }
        let list = try await sim.send("GET", Harness.ges("graphs?offset=1&limit=2"), auth: .signed())
        #expect(list.status == 200)
        let stop = try await sim.send("POST", Harness.ges("graphs/\(Harness.alpha)/stop"), body: "{}", auth: .signed())
        #expect(stop.status == 200)
    }

    @Test(arguments: ["signature", "x-sdk-date", "access", "secret", "skew"])
    func refusesABadSignature(_ kind: String) async throws {
        let sim = try await Harness.start()
        defer { Task { await sim.stop() } }
        let auth: SimulatorHarness.Auth
        let now = Date()
        switch kind {
        case "signature":
            auth = .signed(
                secretKey: Harness.secretKey,
                date: Date(),
                tamper: { name, value in
                    name == "Authorization" ? String(value.dropLast()) + (value.hasSuffix("0") ? "1" : "0") : value
                }
            )
        case "x-sdk-date":
            let later = AKSKSigner.sdkDate(now.addingTimeInterval(1))
            auth = .signed(
                secretKey: Harness.secretKey,
                date: now,
                tamper: { name, value in name == "X-Sdk-Date" ? later : value }
            )
        case "access":
            auth = .signed(
                secretKey: Harness.secretKey,
                date: Date(),
                tamper: { name, value in
                    name == "Authorization"
                        ? value.replacingOccurrences(of: Harness.accessKey, with: "OTHERACCESSKEY000000") : value
                }
            )
        case "secret":
            auth = .signed(secretKey: "not-the-secret-key")
        default:
            auth = .signed(date: Date().addingTimeInterval(-3600))
        }
        let answer = try await sim.send("GET", Harness.ges("graphs"), auth: auth)
        #expect(answer.status == 401)
        #expect(answer.errorCode == "APIGW.0301")
        let message = answer.json["error_msg"]?.stringValue ?? ""
        #expect(!message.contains(Harness.secretKey))
    }

    @Test func refusesASignedRequestWhoseQueryWasChanged() async throws {
        let sim = try await Harness.start()
        defer { Task { await sim.stop() } }
        // Sign one URL, send another: the signature covers the query.
        var request = URLRequest(url: URL(string: sim.baseURL + Harness.ges("graphs?offset=0&limit=3"))!)
        let headers = Harness.signedHeaders(
            method: "GET",
            url: sim.baseURL + Harness.ges("graphs?offset=0&limit=2"),
            body: Data()
        )
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (_, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 401)
    }

    @Test func iamIssuesTokensThatExpire() async throws {
        let sim = try await Harness.start { $0.token = nil }
        defer { Task { await sim.stop() } }
        func login(_ password: String) -> String {
            #"{"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "ops-user", "#
                + #""password": "\#(password)", "domain": {"name": "ops-account"}}}}, "#
                + #""scope": {"project": {"name": "cn-north-4"}}}}"#
        }
        let wrong = try await sim.send("POST", "/v3/auth/tokens", body: login("nope"), auth: .none)
        #expect(wrong.status == 401)
        let right = try await sim.send("POST", "/v3/auth/tokens", body: login("ops-password-1"), auth: .none)
        #expect(right.status == 201)
        let token = try #require(right.headers["x-subject-token"])
        #expect(right.json["token"]?["project"]?["name"] == "cn-north-4")
        #expect(try await sim.send("GET", Harness.ges("graphs"), auth: .token(token)).status == 200)
        try await sim.advanceClock(86_400 + 60)
        #expect(try await sim.send("GET", Harness.ges("graphs"), auth: .token(token)).status == 401)
    }

    @Test func acceptsEverythingWhenNoCredentialsAreConfigured() async throws {
        let sim = try await Harness.start {
            $0.token = nil
            $0.accessKey = nil
            $0.secretKey = nil
            $0.iamUser = nil
        }
        defer { Task { await sim.stop() } }
        #expect(try await sim.send("GET", Harness.ges("graphs"), auth: .none).status == 200)
    }

    // MARK: Faults

    @Test func errorRatesFollowTheSeed() async throws {
        func statuses(seed: UInt64) async throws -> [Int] {
            let sim = try await Harness.start {
                $0.seed = seed
                $0.faults.errorRates = [503: 0.4, 429: 0.2]
            }
            defer { Task { await sim.stop() } }
            var result: [Int] = []
            for _ in 0..<30 {
                let answer = try await sim.send("GET", Harness.ges("graphs"))
                if answer.status == 503 { #expect(answer.errorCode == "APIGW.0203") }
                result.append(answer.status)
            }
            return result
        }
        let first = try await statuses(seed: 42)
        let second = try await statuses(seed: 42)
        #expect(first == second)
        #expect(Set(first) == [200, 429, 503])
        var generator = SeededGenerator(seed: 42)
        let expected = (0..<30).map { _ in
            FaultPlan.draw(from: FaultSettings(errorRates: [503: 0.4, 429: 0.2]), using: &generator).injectedStatus
                ?? 200
        }
        #expect(first == expected)
    }

    @Test func scriptedAnswersAreConsumedInOrder() async throws {
        let script = try ScriptedAnswer.scripts(
            contentsOf: Repository.url("examples/sim/flaky-stop-script.json")
        )
        let sim = try await Harness.start { $0.faults.scripts = script }
        defer { Task { await sim.stop() } }
        let path = Harness.ges("graphs/\(Harness.beta)/stop")
        let first = try await sim.send("POST", path)
        #expect(first.status == 503)
        #expect(first.errorCode == "APIGW.0203")
        let second = try await sim.send("POST", path)
        #expect(second.status == 500)
        #expect(second.json == ["error_code": "GES.7006", "error_msg": "scripted engine error"])
        let third = try await sim.send("POST", path)
        #expect(third.status == 200)
        #expect(third.json["job_id"] != nil)
        let fourth = try await sim.send("POST", path)
        #expect(fourth.errorCode == "GES.7003")
        let otherGraph = try await sim.send("POST", Harness.ges("graphs/\(Harness.alpha)/stop"))
        #expect(otherGraph.status == 200)

        let state = try await sim.send("GET", "/_sim/state", auth: .none)
        guard case .array(let graphs)? = state.json["graphs"],
            case .array(let requests)? = graphs.first(where: { $0["id"] == .string(Harness.beta) })?["stop_requests"]
        else {
            Issue.record("no stop requests")
            return
        }
        #expect(requests.map { $0["scripted"] } == [true, true, false, false])
        #expect(requests.map { $0["http_status"] } == [503, 500, 200, 400])
    }

    @Test func scriptedHeadersAreSentWithTheAnswer() async throws {
        let sim = try await Harness.start()
        defer { Task { await sim.stop() } }
        let script =
            #"{"scripts": {"\#(Harness.beta)": [{"status": 429, "headers": {"Retry-After": "2"}}, "#
            + #"{"status": 200, "headers": {"X-Request-Id": "r-2"}}]}}"#
        let set = try await sim.send("POST", "/_sim/faults", body: script, auth: .none)
        #expect(set.status == 200)
        #expect(
            set.json["scripts"]?[Harness.beta] == [
                ["status": 429, "delay_ms": 0, "headers": ["Retry-After": "2"]],
                ["status": 200, "delay_ms": 0, "headers": ["X-Request-Id": "r-2"]],
            ]
        )
        let path = Harness.ges("graphs/\(Harness.beta)/stop")
        let throttled = try await sim.send("POST", path)
        #expect(throttled.status == 429 && throttled.errorCode == "APIGW.0308")
        #expect(throttled.headers["retry-after"] == "2")
        let handled = try await sim.send("POST", path)
        #expect(handled.status == 200 && handled.json["job_id"] != nil)
        #expect(handled.headers["x-request-id"] == "r-2")
        #expect(handled.headers["retry-after"] == nil)
    }

    @Test func everyAnswerCarriesExactlyOneDateOnTheSimulatedClock() async throws {
        let simulated = Date(timeIntervalSince1970: 1_795_745_700)  // 2026-11-27T02:15:00Z
        let sim = try await Harness.start { $0.clock = simulated }
        defer { Task { await sim.stop() } }
        let transport = try CurlTransport()
        func dates(_ path: String) async throws -> [String] {
            let url = try #require(URL(string: sim.baseURL + path))
            let response = try await transport.send(
                GESKit.HTTPRequest(method: "GET", url: url, headers: ["X-Auth-Token": Harness.token])
            )
            return response.headers.filter { $0.name.lowercased() == "date" }.map(\.value)
        }
        for path in [Harness.ges("graphs"), "/_sim/state", Harness.ges("graphs/no-such-graph")] {
            let values = try await dates(path)
            #expect(values.count == 1, "\(path): \(values)")
            let date = try #require(values.first.flatMap(HTTPDate.parse))
            #expect(abs(date.timeIntervalSince(simulated)) < 60, "\(path): \(values)")
        }
        await sim.simulator.advanceClock(by: 86_400)
        let moved = try #require(try await dates("/_sim/state").first.flatMap(HTTPDate.parse))
        #expect(abs(moved.timeIntervalSince(simulated) - 86_400) < 60)

        // A scripted Date replaces the simulator's, still once (a rehearsal of a skewed cloud).
        let skewed = "Sun, 06 Nov 1994 08:49:37 GMT"
        let script = #"{"scripts": {"\#(Harness.beta)": [{"status": 503, "headers": {"date": "\#(skewed)"}}]}}"#
        #expect(try await sim.send("POST", "/_sim/faults", body: script, auth: .none).status == 200)
        let stopURL = try #require(URL(string: sim.baseURL + Harness.ges("graphs/\(Harness.beta)/stop")))
        let scripted = try await transport.send(
            GESKit.HTTPRequest(method: "POST", url: stopURL, headers: ["X-Auth-Token": Harness.token])
        )
        #expect(scripted.headers.filter { $0.name.lowercased() == "date" }.map(\.value) == [skewed])
    }

    @Test func faultsChangeAtRuntime() async throws {
        let sim = try await Harness.start()
        defer { Task { await sim.stop() } }
        let set = try await sim.send("POST", "/_sim/faults", body: #"{"error_rates": {"500": 1}}"#, auth: .none)
        #expect(set.status == 200)
        #expect(set.json["error_rates"] == ["500": .number(1)])
        let failing = try await sim.send("GET", Harness.ges("graphs"))
        #expect(failing.status == 500)
        #expect(failing.errorCode == "GES.7006")
        _ = try await sim.send("POST", "/_sim/faults", body: #"{"error_rates": {}}"#, auth: .none)
        #expect(try await sim.send("GET", Harness.ges("graphs")).status == 200)
        let bad = try await sim.send("POST", "/_sim/faults", body: #"{"error_rate": 1}"#, auth: .none)
        #expect(bad.status == 400)
    }

    @Test func hangingRequestsTimeOutAtTheClient() async throws {
        let sim = try await Harness.start { $0.faults.hangSeconds = 120 }
        defer { Task { await sim.stop() } }
        let error = await #expect(throws: URLError.self) {
            _ = try await sim.send("GET", Harness.ges("graphs"), timeout: 0.5)
        }
        #expect(error?.code == .timedOut)
        // Admin endpoints never hang, so a rehearsal can switch the hang off.
        let off = try await sim.send("POST", "/_sim/faults", body: #"{"hang_seconds": null}"#, auth: .none)
        #expect(off.json["hang_seconds"] == .null)
        #expect(try await sim.send("GET", Harness.ges("graphs")).status == 200)
    }
}
