import Foundation
import GESKit
import GESSimulator
import GRDB
import IdleStopCore
import IdleStopTestSupport
import InMemoryLogging
import Logging
import Testing

@testable import IdleStopCLI

/// Live runs against `ges-sim` fault injection: each ends within a stated bound, retries stay bounded, no graph
/// is stopped twice, the exit status is right and the report says what happened to every graph.
///
/// The example fleet has three idle graphs that a run stops; every other graph must see no stop request.
@Suite struct FaultRehearsalTests {
    static let idle = [
        "dev-social-sandbox": "999841db-fdc7-522f-bd62-619eb7135d82",
        "analytics-weekly": "4fa7751f-aff8-5030-b3d4-b75463388086",
        "test-ranking-hm": "5c83a085-dde3-515d-aec9-b3980b2df185",
    ]

    @Test func thirtyPercentOf503sAreRetriedAndEveryStopGoesThrough() async throws {
        let harness = try CLIHarness()
        let (simulator, endpoint) = try await CLIHarness.simulator(faults: FaultSettings(errorRates: [503: 0.3]))
        defer { Task { await simulator.stop() } }
        let config = try Self.config(harness, attempts: 8, retrySeconds: 20, requestSeconds: 5)
        // One request at a time: the seeded 503s then fall on the same requests in every run.
        let run = await Self.rehearse(harness, ["--endpoint", endpoint, "--config", config, "--concurrency", "1"])

        #expect(run.status == .done)
        // Bound: 4 requests (one listing page, three stops) × (20 s of retrying + a 5 s last attempt).
        #expect(run.elapsed < .seconds(100))
        let attempts = run.log.attempts()
        #expect(attempts.values.allSatisfy { $0.count <= 8 })
        #expect(attempts.values.flatMap { $0 }.contains("503"), "the seeded error rate injected no 503")
        let answers = await Self.stopAnswers(simulator)
        #expect(Self.idle.keys.allSatisfy { answers[$0] == [200] })
        #expect(answers.filter { Self.idle[$0.key] == nil }.values.allSatisfy { $0.isEmpty })
        let rows = try Self.stopRows(harness)
        #expect(rows.values.allSatisfy { $0["result"] == "requested" && $0["job_id"]?.isEmpty == false })
    }

    /// The repeat is told the graph is already stopped: that is the job's own stop (`requested`, with a note).
    ///
    /// With stop jobs that take an hour of simulated time the repeat finds the graph stopping (GES.7003); with
    /// quick ones, stopped (GES.7001, "not running", for a graph the job saw running).
    @Test(arguments: [(3600, "GES.7003"), (0.05, "GES.7001")] as [(TimeInterval, String)])
    func anAnswerSlowerThanTheRequestTimeoutIsRetriedOnceAndCountsAsTheJobsOwnStop(
        jobDelay: TimeInterval,
        code: String
    ) async throws {
        let harness = try CLIHarness()
        // GES takes the stop at once but answers after 2.5 s; the client gives up after 1 s and asks again.
        let slow = ScriptedAnswer(status: 200, delayMilliseconds: 2500)
        let scripts = Dictionary(uniqueKeysWithValues: Self.idle.values.map { ($0, [slow]) })
        let (simulator, endpoint) = try await CLIHarness.simulator(
            faults: FaultSettings(scripts: scripts),
            jobDelay: jobDelay
        )
        defer { Task { await simulator.stop() } }
        let config = try Self.config(harness, attempts: 3, retrySeconds: 5, requestSeconds: 1)
        let run = await Self.rehearse(harness, ["--endpoint", endpoint, "--config", config])

        #expect(run.status == .done)
        // Bound: listing + stops in parallel, each at most 5 s of retrying + a 1 s last attempt.
        #expect(run.elapsed < .seconds(15))
        let answers = await Self.stopAnswers(simulator)
        for (name, id) in Self.idle {
            #expect(answers[name] == [200, 400], "\(name): one stop taken, the repeat told it is already stopped")
            let tries = run.log.attempts()["POST \(Self.stopPath(id))"] ?? []
            #expect(tries.count == 2)
            #expect(tries.first?.hasPrefix("no answer: request timed out") == true)
        }
        let rows = try Self.stopRows(harness)
        #expect(rows.values.allSatisfy { $0["result"] == "requested" && $0["error_code"] == "" })
        let note =
            "the first attempt got no answer (timed out or cut off); GES said already stopped on the retry (\(code)"
        #expect(rows.values.allSatisfy { $0["error_msg"]?.hasPrefix(note) == true }, "\(rows)")
    }

    @Test func theServerGoingAwayMidRunFailsTheStopsAfterBoundedRetries() async throws {
        let harness = try CLIHarness()
        // GES takes each stop, then the simulator shuts down before answering: the requests in flight get
        // the server's 500 (their handlers are cancelled) and every retry finds the port closed.
        let slow = ScriptedAnswer(status: 200, delayMilliseconds: 20_000)
        let scripts = Dictionary(uniqueKeysWithValues: Self.idle.values.map { ($0, [slow]) })
        let (simulator, endpoint) = try await CLIHarness.simulator(faults: FaultSettings(scripts: scripts))
        defer { Task { await simulator.stop() } }
        // The budget holds a retry with its whole 30 s request timeout (`retries.max_seconds` includes it).
        let config = try Self.config(harness, attempts: 3, retrySeconds: 40, requestSeconds: 30)
        let running = Task { await Self.rehearse(harness, ["--endpoint", endpoint, "--config", config]) }
        #expect(await Self.waitUntil { (await Self.stopAnswers(simulator)).values.filter { $0 == [200] }.count == 3 })
        await simulator.stop()
        let run = await running.value

        #expect(run.status == .someStopsFailed)
        // Bound: the 20 s answer is never waited for; retries are two backoffs (0.5 s + 1 s caps) and refused connects.
        #expect(run.elapsed < .seconds(15))
        let answers = await Self.stopAnswers(simulator)
        #expect(Self.idle.keys.allSatisfy { answers[$0] == [200] })
        for id in Self.idle.values {
            let tries = run.log.attempts()["POST \(Self.stopPath(id))"] ?? []
            #expect((2...3).contains(tries.count))
            #expect(tries.dropFirst().allSatisfy { $0.hasPrefix("no answer: connection failed") }, "\(tries)")
        }
        let rows = try Self.stopRows(harness)
        #expect(rows.values.allSatisfy { $0["result"] == "failed" })
        #expect(rows.values.allSatisfy { $0["error_msg"]?.contains("connection failed (127.0.0.1)") == true })
    }

    @Test func connectionsResetAfterEachRequestFailEveryStopAfterExactlyTheAllowedAttempts() async throws {
        let harness = try CLIHarness()
        // A GES endpoint that reads each request and resets the connection; the graph list comes from a file.
        let listener = try RawTCPServer(.reset)
        defer { listener.close() }
        // A 2 s request timeout, so each retry and its whole timeout fit in the 5 s budget.
        let config = try Self.config(harness, attempts: 3, retrySeconds: 5, requestSeconds: 2)
        let run = await Self.rehearse(
            harness,
            ["--endpoint", "http://127.0.0.1:\(listener.port)", "--inventory", CLIHarness.fleet, "--config", config]
        )

        #expect(run.status == .someStopsFailed)
        // Bound: backoff caps 0.5 s + 1 s between three attempts, in parallel.
        #expect(run.elapsed < .seconds(15))
        let attempts = run.log.attempts()
        #expect(Set(attempts.keys) == Set(Self.idle.values.map { "POST \(Self.stopPath($0))" }))
        for tries in attempts.values {
            #expect(tries.count == 3)
            #expect(tries.allSatisfy { $0.hasPrefix("no answer: connection failed") }, "\(tries)")
        }
        #expect(listener.connectionCount == 9)
        let rows = try Self.stopRows(harness)
        #expect(rows.values.allSatisfy { $0["result"] == "failed" && $0["error_code"]?.isEmpty != false })
        #expect(rows.values.allSatisfy { $0["error_msg"]?.contains("connection failed (127.0.0.1)") == true })
    }

    @Test func a429StormOnTheStopsFailsThemAfterExactlyTheAllowedAttempts() async throws {
        let harness = try CLIHarness()
        let storm = Array(repeating: ScriptedAnswer(status: 429), count: 10)
        let scripts = Dictionary(uniqueKeysWithValues: Self.idle.values.map { ($0, storm) })
        let (simulator, endpoint) = try await CLIHarness.simulator(faults: FaultSettings(scripts: scripts))
        defer { Task { await simulator.stop() } }
        let config = try Self.config(harness, attempts: 3, retrySeconds: 10, requestSeconds: 5)
        let run = await Self.rehearse(harness, ["--endpoint", endpoint, "--config", config])

        #expect(run.status == .someStopsFailed)
        // Bound: backoff caps 0.5 s + 1 s between three attempts, in parallel.
        #expect(run.elapsed < .seconds(15))
        let answers = await Self.stopAnswers(simulator)
        #expect(Self.idle.keys.allSatisfy { answers[$0] == [429, 429, 429] })
        let rows = try Self.stopRows(harness)
        #expect(rows.values.allSatisfy { $0["result"] == "failed" && $0["error_code"] == "APIGW.0308" })
        #expect(rows.values.allSatisfy { $0["error_msg"] == "The throttling threshold has been reached." })
    }

    @Test func a429StormThatPassesWithinTheRetriesEndsWithEveryStopTaken() async throws {
        let harness = try CLIHarness()
        let storm = Array(repeating: ScriptedAnswer(status: 429), count: 2)
        let scripts = Dictionary(uniqueKeysWithValues: Self.idle.values.map { ($0, storm) })
        let (simulator, endpoint) = try await CLIHarness.simulator(faults: FaultSettings(scripts: scripts))
        defer { Task { await simulator.stop() } }
        let config = try Self.config(harness, attempts: 4, retrySeconds: 10, requestSeconds: 5)
        let run = await Self.rehearse(harness, ["--endpoint", endpoint, "--config", config])

        #expect(run.status == .done)
        #expect(run.elapsed < .seconds(15))
        let answers = await Self.stopAnswers(simulator)
        #expect(Self.idle.keys.allSatisfy { answers[$0] == [429, 429, 200] })
        let rows = try Self.stopRows(harness)
        #expect(rows.values.allSatisfy { $0["result"] == "requested" && $0["error_code"]?.isEmpty != false })
    }

    @Test func a429StormOnTheListingExitsFiveWithoutSendingAStop() async throws {
        let harness = try CLIHarness()
        let (simulator, endpoint) = try await CLIHarness.simulator(faults: FaultSettings(errorRates: [429: 1]))
        defer { Task { await simulator.stop() } }
        let config = try Self.config(harness, attempts: 3, retrySeconds: 10, requestSeconds: 5)
        let run = await Self.rehearse(harness, ["--endpoint", endpoint, "--config", config])

        #expect(run.status == .cloudUnreadable)
        #expect(run.elapsed < .seconds(15))
        let attempts = run.log.attempts()
        #expect(attempts.count == 1)
        #expect(attempts["GET /v2/\(CLIHarness.projectID)/graphs"] == ["429", "429", "429"])
        #expect((await Self.stopAnswers(simulator)).values.allSatisfy { $0.isEmpty })
        #expect(!FileManager.default.fileExists(atPath: harness.path("report.csv")))
    }

    /// With concurrency 1 the first stop hangs until the deadline cancels it; the others are never sent.
    /// With concurrency 8 all three hang and all three are cancelled.
    @Test(arguments: [1, 8])
    func aServerThatStopsAnsweringIsCutOffAtTheDeadline(concurrency: Int) async throws {
        let harness = try CLIHarness()
        let hang = ScriptedAnswer(status: 504, delayMilliseconds: 120_000)
        let scripts = Dictionary(uniqueKeysWithValues: Self.idle.values.map { ($0, [hang]) })
        let (simulator, endpoint) = try await CLIHarness.simulator(faults: FaultSettings(scripts: scripts))
        defer { Task { await simulator.stop() } }
        let config = try Self.config(harness, attempts: 3, retrySeconds: 60, requestSeconds: 60)
        let deadline = 4
        let run = await Self.rehearse(
            harness,
            [
                "--endpoint", endpoint, "--config", config, "--deadline", "\(deadline)", "--concurrency",
                "\(concurrency)",
            ]
        )

        #expect(run.status == .someStopsFailed)
        // Bound: deadline + about 1 s for libcurl to abort (without the abort: the 60 s request timeout).
        #expect(run.elapsed < .seconds(deadline + 6))
        let rows = try Self.stopRows(harness)
        let unknown = rows.values.filter { $0["result"] == "unknown" }
        let notSent = rows.values.filter { $0["result"] == "failed" }
        #expect(unknown.count == min(concurrency, 3))
        #expect(notSent.count == 3 - min(concurrency, 3))
        #expect(unknown.allSatisfy { $0["error_msg"] == StopExecutor.cancelledAtDeadline })
        #expect(notSent.allSatisfy { $0["error_msg"] == StopExecutor.notSentAfterDeadline })
        let cancelled = run.log.attempts().values.flatMap { $0 }.filter { $0.hasPrefix("no answer: request cancelled") }
        #expect(cancelled.count == min(concurrency, 3))
        let stored = try Self.storedResults(harness)
        #expect(stored.filter { $0.value == "unknown" }.count == min(concurrency, 3))
        #expect((await Self.stopAnswers(simulator)).values.allSatisfy { !$0.contains(200) })
    }

    /// The deadline bounds the reads before any stop: a GES listing that never answers is cut off, exit 5.
    @Test func aListingThatNeverAnswersIsCutOffAtTheDeadlineWithoutAStop() async throws {
        let harness = try CLIHarness()
        // Every request hangs for two minutes, far past the 30 s request timeout.
        let (simulator, endpoint) = try await CLIHarness.simulator(faults: FaultSettings(hangSeconds: 120))
        defer { Task { await simulator.stop() } }
        let config = try Self.config(harness, attempts: 3, retrySeconds: 60, requestSeconds: 30)
        let run = await Self.rehearse(harness, ["--endpoint", endpoint, "--config", config, "--deadline", "3s"])

        #expect(run.status == .cloudUnreadable)
        #expect(
            run.error
                == "the run's deadline (--deadline 3 s) passed while reading the inventory; no stop was sent"
        )
        // Bound: the deadline + about 1 s for libcurl to abort, with room for a loaded machine (without the abort:
        // the 30 s request timeout).
        #expect(run.elapsed < .seconds(12))
        let listing = run.log.attempts()["GET /v2/\(CLIHarness.projectID)/graphs"] ?? []
        #expect(listing.count == 1)
        #expect(listing.first?.hasPrefix("no answer: request cancelled") == true, "\(listing)")
        try await Self.expectNothingSentOrRecorded(harness, simulator)
    }

    /// The same for Cloud Eye: the graphs are listed, their usage never comes, exit 5 before any stop.
    @Test func cloudEyeThatNeverAnswersIsCutOffAtTheDeadlineWithoutAStop() async throws {
        let harness = try CLIHarness()
        let (simulator, endpoint) = try await CLIHarness.simulator()
        defer { Task { await simulator.stop() } }
        // A second simulator, whose every answer hangs, stands in for Cloud Eye.
        let (cloudEye, cesEndpoint) = try await CLIHarness.simulator(faults: FaultSettings(hangSeconds: 120))
        defer { Task { await cloudEye.stop() } }
        let config = try Self.config(harness, attempts: 3, retrySeconds: 60, requestSeconds: 30)
        let run = await Self.rehearse(
            harness,
            ["--endpoint", endpoint, "--ces-endpoint", cesEndpoint, "--config", config, "--deadline", "3s"],
            usage: "cloud-eye"
        )

        #expect(run.status == .cloudUnreadable)
        #expect(
            run.error
                == "the run's deadline (--deadline 3 s) passed while reading usage from Cloud Eye; no stop was sent"
        )
        #expect(run.elapsed < .seconds(12))
        #expect(run.log.attempts()["GET /v2/\(CLIHarness.projectID)/graphs"] == ["200"])
        try await Self.expectNothingSentOrRecorded(harness, simulator)
    }

    @Test func aServerThatHangsMidRunLeavesATruthfulRecordThatTheNextRunReconciles() async throws {
        let harness = try CLIHarness()
        // The first stop is taken and answered after 1.5 s; meanwhile the server stops answering anything.
        let slow = ScriptedAnswer(status: 200, delayMilliseconds: 1500)
        let scripts = Dictionary(uniqueKeysWithValues: Self.idle.values.map { ($0, [slow]) })
        let (simulator, endpoint) = try await CLIHarness.simulator(faults: FaultSettings(scripts: scripts))
        defer { Task { await simulator.stop() } }
        let config = try Self.config(harness, attempts: 3, retrySeconds: 60, requestSeconds: 60)
        let arguments = ["--endpoint", endpoint, "--config", config, "--deadline", "6", "--concurrency", "1"]
        let running = Task { await Self.rehearse(harness, arguments, report: "first.csv") }
        #expect(await Self.waitUntil { (await Self.stopAnswers(simulator)).values.contains { !$0.isEmpty } })
        try await Self.changeFaults(endpoint, #"{"hang_seconds": 120, "hang_rate": 1}"#)
        let first = await running.value

        #expect(first.status == .someStopsFailed)
        #expect(first.elapsed < .seconds(12))
        let rows = try Self.stopRows(harness, report: "first.csv")
        #expect(rows.values.map { $0["result"] ?? "" }.sorted() == ["failed", "requested", "unknown"])
        #expect(rows.values.first { $0["result"] == "failed" }?["error_msg"] == StopExecutor.notSentAfterDeadline)
        let hungID = try #require(rows.first { $0.value["result"] == "unknown" }?.key)

        try await Self.changeFaults(endpoint, #"{"hang_seconds": null}"#)
        let second = await Self.rehearse(harness, ["--endpoint", endpoint, "--config", config], report: "second.csv")
        #expect(second.status == .done)
        let reconciled = try Self.storedResults(harness, runID: try #require(rows.first?.value["run_id"]))
        // The hung stop never reached GES here, but the job cannot know: a graph found running may have been
        // stopped and started again, so the stop stays a sent one.
        #expect(reconciled[hungID] == "requested", "an unknown stop found running stays a sent stop")
        let answers = await Self.stopAnswers(simulator)
        // The hung graph counts as stopped and restarted, so it gets a whole window of grace: no second stop.
        // Every other idle graph got exactly one accepted stop over the two runs.
        let hungName = try #require(Self.idle.first { $0.value == hungID }?.key)
        #expect(answers[hungName]?.filter { $0 == 200 }.count == 0)
        #expect(Self.idle.keys.filter { $0 != hungName }.allSatisfy { answers[$0]?.filter { $0 == 200 }.count == 1 })
    }
}

extension FaultRehearsalTests {
    /// What one rehearsal run came to: its exit status, how long it took, and the client's attempts.
    struct Rehearsal: Sendable {
        var status: IdleStopCLI.ExitStatus
        var elapsed: Duration
        var log: InMemoryLogHandler
        /// The message of the error that ended the run, if one did.
        var error: String?
    }

    /// Runs `run` in-process like the executable, with a logger that records every request attempt.
    ///
    /// The host clock reads `CLIHarness.now`: a live run with `--inventory` has no GES clock and is checked against
    /// the host's.
    static func rehearse(
        _ harness: CLIHarness,
        _ extra: [String],
        report: String = "report.csv",
        usage: String = CLIHarness.usage
    ) async -> Rehearsal {
        let (logger, log) = InMemoryLogHandler.logger(label: "fault-rehearsal", level: .debug)
        let clock = ContinuousClock()
        let start = clock.now
        let status: IdleStopCLI.ExitStatus
        var message: String?
        var arguments = harness.arguments(extra, report: report)
        if let index = arguments.firstIndex(of: CLIHarness.usage) { arguments[index] = usage }
        do {
            let options = try RunOptions.parse(arguments)
            let settings = try RunSettings.resolve(options: options, environment: CLIHarness.credentials)
            var pipeline = RunPipeline(settings: settings, environment: CLIHarness.credentials, logger: logger)
            pipeline.hostClock = { CLIHarness.nowDate }
            status = try await pipeline.execute().status
        } catch let error as CommandError {
            status = error.status
            message = error.description
        } catch {
            Issue.record("the run could not start: \(error)")
            status = .badInput
        }
        return Rehearsal(status: status, elapsed: clock.now - start, log: log, error: message)
    }

    /// No stop reached the simulator, no report was written, and SQLite holds no run and no decision.
    static func expectNothingSentOrRecorded(_ harness: CLIHarness, _ simulator: Simulator) async throws {
        #expect((await Self.stopAnswers(simulator)).values.allSatisfy { $0.isEmpty })
        #expect(!FileManager.default.fileExists(atPath: harness.path("report.csv")))
        let db = try DatabaseQueue(path: harness.path("history.sqlite"))
        let counts = try await db.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM runs"),
                try Int.fetchOne(db, sql: "SELECT count(*) FROM decisions")
            )
        }
        #expect(counts.0 == 0 && counts.1 == 0, "the run left rows behind: \(counts)")
    }

    /// A config file with the retry and timeout settings of a rehearsal.
    static func config(_ harness: CLIHarness, attempts: Int, retrySeconds: Int, requestSeconds: Int) throws -> String {
        let path = harness.path("faults.yml")
        try """
        retries: { max_attempts: \(attempts), max_seconds: \(retrySeconds) }
        timeouts: { request_seconds: \(requestSeconds), connect_seconds: 2 }

        """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func stopPath(_ graphID: String) -> String { "/v2/\(CLIHarness.projectID)/graphs/\(graphID)/stop" }

    /// Graph name → the HTTP statuses of the stop requests the simulator handled (injected hangs are not handled).
    static func stopAnswers(_ simulator: Simulator) async -> [String: [Int]] {
        guard case .array(let graphs)? = await simulator.stateDocument()["graphs"] else { return [:] }
        var answers: [String: [Int]] = [:]
        for graph in graphs {
            guard let name = graph["name"]?.stringValue, case .array(let list)? = graph["stop_requests"] else {
                continue
            }
            answers[name] = list.compactMap { $0["http_status"]?.integerValue }.map { Int($0) }
        }
        return answers
    }

    /// The report rows with `decision=stop`, by graph ID.
    static func stopRows(_ harness: CLIHarness, report: String = "report.csv") throws -> [String: [String: String]] {
        let rows = try harness.reportRows(report).filter { $0["decision"] == "stop" }
        #expect(Set(rows.compactMap { $0["graph_id"] }) == Set(idle.values))
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["graph_id"] ?? "", $0) })
    }

    /// Graph ID → the stop result SQLite holds (of one run, or of the latest run).
    static func storedResults(_ harness: CLIHarness, runID: String? = nil) throws -> [String: String] {
        let db = try DatabaseQueue(path: harness.path("history.sqlite"))
        return try db.read { db in
            let run = try runID ?? String.fetchOne(db, sql: "SELECT id FROM runs ORDER BY started_at DESC LIMIT 1")
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT graph_id, result FROM decisions WHERE run_id = ? AND decision = 'stop'",
                arguments: [run]
            )
            return Dictionary(uniqueKeysWithValues: rows.map { ($0["graph_id"] as String, $0["result"] as String) })
        }
    }

    /// Changes the simulator's faults at runtime (`POST /_sim/faults`).
    static func changeFaults(_ endpoint: String, _ json: String) async throws {
        let request = HTTPRequest(
            method: "POST",
            url: try #require(URL(string: endpoint + "/_sim/faults")),
            headers: ["Content-Type": "application/json"],
            body: Data(json.utf8),
            timeout: .seconds(5)
        )
        let response = try await CurlTransport().send(request)
        #expect(response.status == 200)
    }

    /// Polls `condition` every 20 ms for up to 20 s; false if it never held.
    static func waitUntil(_ condition: () async -> Bool) async -> Bool {
        for _ in 0..<1000 {
            if await condition() { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return false
    }
}

extension InMemoryLogHandler {
    /// Every attempt the GES client logged (at debug level): "METHOD path" → its answers, in order.
    ///
    /// An answer is the HTTP status ("503") or "no answer: <transport error>".
    func attempts() -> [String: [String]] {
        entries.reduce(into: [:]) { result, entry in
            guard let method = entry.metadata["method"], let path = entry.metadata["path"] else { return }
            let answer: String
            switch entry.message.description {
            case "GES answered": answer = entry.metadata["status"].map { "\($0)" } ?? "?"
            case "GES request got no answer": answer = "no answer: " + (entry.metadata["error"].map { "\($0)" } ?? "?")
            default: return
            }
            result["\(method) \(path)", default: []].append(answer)
        }
    }
}
