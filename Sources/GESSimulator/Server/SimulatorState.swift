import Foundation

/// The simulator's mutable world: graphs, jobs, issued tokens, the clock and the fault settings.
///
/// Time-driven changes (jobs finishing, automatic restarts) are applied lazily by `settle()`
/// at the start of every operation, so advancing the clock needs no timers.
actor SimulatorState {
    private let configuration: SimulatorConfiguration
    private(set) var clock = SimulatedClock()
    private(set) var faults: FaultSettings
    private var generator: SeededGenerator
    private var graphs: [SimulatedGraph]
    private var positions: [String: Int] = [:]
    private var jobs: [String: SimulatedJob] = [:]
    /// The jobs still running: `settle()` runs at every request, and a year of nightly stops leaves ~250,000 jobs.
    private var runningJobIDs: Set<String> = []
    private var jobCounter = 0
    private var issuedTokens: [String: Date] = [:]
    private var tokenGenerator = SystemRandomNumberGenerator()
    /// Stop requests for graph ids the fleet does not hold.
    private var unknownStopRequests: [String: [RequestRecord]] = [:]
    /// SMN publishes and webhook posts received, oldest first (`SimulatorState+Notifications.swift`).
    var notifications: [JSONValue] = []

    init(configuration: SimulatorConfiguration) {
        self.configuration = configuration
        self.faults = configuration.faults
        self.generator = SeededGenerator(seed: configuration.seed ?? UInt64.random(in: 0...UInt64.max))
        self.graphs = configuration.fleet.graphs.compactMap(SimulatedGraph.init)
        if let start = configuration.clock { clock.offset = start.timeIntervalSince(Date()) }
        let start = clock.now()
        for index in graphs.indices {
            positions[graphs[index].id] = index
            if graphs[index].status == .stopped { graphs[index].stoppedAt = start }
            if !graphs[index].isReporting { graphs[index].silentSpans = [SilentSpan(start: start, end: nil)] }
        }
    }

    var now: Date { clock.now() }

    // MARK: Time

    /// Finishes due jobs, then restarts graphs stopped for `SimulatedStatus.automaticRestartDelay` of the simulated clock.
    private func settle() {
        let now = clock.now()
        for id in runningJobIDs.sorted() {
            guard let job = jobs[id], job.state == .running else {
                runningJobIDs.remove(id)
                continue
            }
            guard job.end <= now else { continue }
            runningJobIDs.remove(id)
            jobs[id]?.state = .success
            guard let index = positions[job.graphID] else { continue }
            graphs[index].changeStatus(to: job.kind.targetStatus, at: job.end)
            graphs[index].stoppedAt = job.kind == .stop ? job.end : nil
        }
        for index in graphs.indices where graphs[index].status == .stopped {
            guard let stoppedAt = graphs[index].stoppedAt else { continue }
            let restartAt = stoppedAt.addingTimeInterval(SimulatedStatus.automaticRestartDelay)
            if restartAt <= now {
                graphs[index].changeStatus(to: .running, at: restartAt)
                graphs[index].stoppedAt = nil
                graphs[index].automaticRestarts.append(restartAt)
            }
        }
    }

    /// Moves the simulated clock forward (or back, with a negative value).
    func advanceClock(by seconds: TimeInterval) -> Date {
        clock.offset += seconds
        settle()
        return clock.now()
    }

    /// Sets the simulated clock to `date`.
    func setClock(to date: Date) -> Date {
        clock.offset = date.timeIntervalSince(Date())
        settle()
        return clock.now()
    }

    // MARK: Faults

    func drawFaultPlan() -> FaultPlan {
        FaultPlan.draw(from: faults, using: &generator)
    }

    func replaceFaults(_ faults: FaultSettings) {
        self.faults = faults
    }

    /// Takes the next scripted answer for a stop of `graphID`, if any remain.
    func takeScriptedStopAnswer(for graphID: String) -> ScriptedAnswer? {
        guard var queue = faults.scripts[graphID], !queue.isEmpty else { return nil }
        let answer = queue.removeFirst()
        faults.scripts[graphID] = queue
        return answer
    }

    /// Notes a stop request that a script answered.
    func recordScriptedStop(graphID: String, answer: SimulatorAnswer) {
        record(.stop, graphID: graphID, answer: answer, isScripted: true)
    }

    // MARK: Tokens

    /// Issues a token valid for the configured lifetime on the simulated clock.
    func issueToken() -> (token: String, issuedAt: Date, expiresAt: Date) {
        let bytes = (0..<24).map { _ in UInt8.random(in: 0...255, using: &tokenGenerator) }
        let token = configuration.issuedToken ?? "MIIsim" + bytes.map { String(format: "%02x", $0) }.joined()
        let issued = clock.now()
        let expires = issued.addingTimeInterval(configuration.tokenLifetime)
        issuedTokens[token] = expires
        return (token, issued, expires)
    }

    /// True for an issued token that has not expired on the simulated clock.
    func isIssuedTokenValid(_ token: String) -> Bool {
        guard let expires = issuedTokens[token] else { return false }
        return clock.now() < expires
    }

    // MARK: GES

    /// `GET /v2/{project_id}/graphs`: the total and one page, `limit` clamped to the configured cap; broken as
    /// `faults.listing` says.
    func listGraphs(offset: Int, limit: Int) -> SimulatorAnswer {
        settle()
        let limit = min(limit, configuration.maxPageLimit)
        var page = Array(offset < graphs.count ? graphs[offset..<min(graphs.count, offset + limit)] : [])
        if faults.listing == .repeatsGraph, let first = page.first { page.append(first) }
        var document: [String: JSONValue] = ["graphs": .array(page.map { .object($0.object) })]
        if faults.listing != .omitsGraphCount { document["graph_count"] = .integer(Int64(graphs.count)) }
        return .ok(.object(document))
    }

    /// `GET /v2/{project_id}/graphs/{graph_id}`.
    func showGraph(_ graphID: String) -> SimulatorAnswer {
        settle()
        guard let index = positions[graphID] else { return Self.unknownGraph }
        return .ok(["graph": .object(graphs[index].object)])
    }

    /// `POST .../stop`: Persistence refused (`GES.7009`), stopping → `GES.7003`, not running → `GES.7001`.
    func stopGraph(_ graphID: String) -> SimulatorAnswer {
        settle()
        guard let index = positions[graphID] else {
            let answer = Self.unknownGraph
            record(.stop, graphID: graphID, answer: answer, isScripted: false)
            return answer
        }
        let graph = graphs[index]
        let answer: SimulatorAnswer
        if graph.isPersistence {
            answer = .error(400, "GES.7009", "Job operation not supported: a database-edition graph cannot be stopped.")
        } else if graph.status == .stopping {
            answer = .error(400, "GES.7003", "The graph is being stopped or has been stopped.")
        } else if graph.status != .running {
            answer = .error(400, "GES.7001", "The graph is not running.")
        } else {
            let job = makeJob(.stop, graph: graph)
            graphs[index].changeStatus(to: .stopping, at: job.begin)
            answer = .ok(["job_id": .string(job.id)])
        }
        record(.stop, graphID: graphID, answer: answer, isScripted: false)
        return answer
    }

    /// `POST .../start`: only a stopped graph (`900`) starts; otherwise `GES.7037`.
    func startGraph(_ graphID: String) -> SimulatorAnswer {
        settle()
        guard let index = positions[graphID] else { return Self.unknownGraph }
        let answer: SimulatorAnswer
        if graphs[index].status != .stopped {
            answer = .error(400, "GES.7037", "The graph is not in the Stopped state.")
        } else {
            let job = makeJob(.start, graph: graphs[index])
            graphs[index].changeStatus(to: .starting, at: job.begin)
            graphs[index].stoppedAt = nil
            answer = .ok(["job_id": .string(job.id)])
        }
        record(.start, graphID: graphID, answer: answer, isScripted: false)
        return answer
    }

    /// `GET .../jobs/{job_id}/status`; a job of another graph is unknown (`GES.7007`).
    func jobStatus(graphID: String, jobID: String) -> SimulatorAnswer {
        settle()
        guard positions[graphID] != nil else { return Self.unknownGraph }
        guard let job = jobs[jobID], job.graphID == graphID else {
            return .error(400, "GES.7007", "The job does not exist.")
        }
        return .ok(job.statusDocument)
    }

    static let unknownGraph = SimulatorAnswer.error(400, "GES.7000", "The graph does not exist or has been deleted.")

    private func makeJob(_ kind: SimulatedJob.Kind, graph: SimulatedGraph) -> SimulatedJob {
        jobCounter += 1
        let suffix = String(jobCounter, radix: 16)
        let id = "ff808081" + String(repeating: "0", count: max(0, 24 - suffix.count)) + suffix
        let begin = clock.now()
        let job = SimulatedJob(
            id: id,
            graphID: graph.id,
            graphName: graph.name,
            kind: kind,
            begin: begin,
            end: begin.addingTimeInterval(max(0, configuration.jobDelay))
        )
        jobs[id] = job
        runningJobIDs.insert(id)
        return job
    }

    private func record(_ kind: SimulatedJob.Kind, graphID: String, answer: SimulatorAnswer, isScripted: Bool) {
        let entry = RequestRecord(
            at: clock.now(),
            httpStatus: answer.status,
            errorCode: answer.body["error_code"]?.stringValue,
            jobID: answer.body["job_id"]?.stringValue,
            isScripted: isScripted
        )
        guard let index = positions[graphID] else {
            if kind == .stop { unknownStopRequests[graphID, default: []].append(entry) }
            return
        }
        switch kind {
        case .stop: graphs[index].stopRequests.append(entry)
        case .start: graphs[index].startRequests.append(entry)
        }
    }

    // MARK: Cloud Eye

    /// The times each of `graphIDs` sent Cloud Eye nothing; a graph the fleet does not hold has none.
    func silentSpans(of graphIDs: [String]) -> [String: [SilentSpan]] {
        settle()
        var result: [String: [SilentSpan]] = [:]
        for graphID in graphIDs {
            guard let index = positions[graphID], !graphs[index].silentSpans.isEmpty else { continue }
            result[graphID] = graphs[index].silentSpans
        }
        return result
    }

    // MARK: Admin

    /// Sets a graph's status directly; a running job of that graph fails. `stopped` starts the restart count at `stoppedAt`.
    func setStatus(_ status: SimulatedStatus, of graphID: String, stoppedAt: Date?) -> Bool {
        settle()
        guard let index = positions[graphID] else { return false }
        for id in runningJobIDs.sorted() where jobs[id]?.graphID == graphID {
            runningJobIDs.remove(id)
            jobs[id]?.state = .failed
            jobs[id]?.failReason = "The graph status was changed while the job ran."
        }
        graphs[index].changeStatus(to: status, at: stoppedAt ?? clock.now())
        if let stoppedAt, let last = graphs[index].silentSpans.indices.last,
            graphs[index].silentSpans[last].end == nil, stoppedAt < graphs[index].silentSpans[last].start
        {
            graphs[index].silentSpans[last].start = stoppedAt
        }
        graphs[index].stoppedAt = status == .stopped ? (stoppedAt ?? clock.now()) : nil
        settle()
        return true
    }

    /// Adds a graph (a list-graphs object with an `id`), as if created now; false if the ID is missing or taken.
    func addGraph(_ value: JSONValue) -> Bool {
        settle()
        guard var graph = SimulatedGraph(value), positions[graph.id] == nil else { return false }
        let now = clock.now()
        if graph.status == .stopped { graph.stoppedAt = now }
        if !graph.isReporting { graph.silentSpans = [SilentSpan(start: now, end: nil)] }
        positions[graph.id] = graphs.count
        graphs.append(graph)
        return true
    }

    /// Deletes a graph: it leaves the listing, and what it received leaves the state document with it.
    func removeGraph(_ graphID: String) -> Bool {
        settle()
        guard let index = positions[graphID] else { return false }
        graphs.remove(at: index)
        positions = [:]
        for (position, graph) in graphs.enumerated() { positions[graph.id] = position }
        return true
    }

    /// Replaces a graph's tags (`[{"key": …, "value": …}]` in the listing), as an owner does in the console.
    func setTags(of graphID: String, to tags: [String: String]) -> Bool {
        guard let index = positions[graphID] else { return false }
        graphs[index].object["tags"] = .array(
            tags.sorted { $0.key < $1.key }.map { .object(["key": .string($0.key), "value": .string($0.value)]) }
        )
        return true
    }

    /// Every graph's id, name, status and the stop/start requests it received, plus jobs and the clock.
    func snapshot() -> JSONValue {
        settle()
        func records(_ list: [RequestRecord]) -> JSONValue {
            .array(
                list.map { record in
                    var object: [String: JSONValue] = [
                        "at": .string(SimulatedClock.iso(record.at)),
                        "http_status": .integer(Int64(record.httpStatus)),
                        "scripted": .bool(record.isScripted),
                    ]
                    if let code = record.errorCode { object["error_code"] = .string(code) }
                    if let job = record.jobID { object["job_id"] = .string(job) }
                    return .object(object)
                }
            )
        }
        let graphList: [JSONValue] = graphs.map { graph in
            var object: [String: JSONValue] = [
                "id": .string(graph.id),
                "name": .string(graph.name),
                "status": .string(graph.status.rawValue),
                "product_type": graph.object["product_type"] ?? .null,
                "stop_requests": records(graph.stopRequests),
                "start_requests": records(graph.startRequests),
                "automatic_restarts": .array(graph.automaticRestarts.map { .string(SimulatedClock.iso($0)) }),
            ]
            object["stopped_at"] = graph.stoppedAt.map { .string(SimulatedClock.iso($0)) } ?? .null
            object["cloud_eye_gaps"] = .array(
                graph.silentSpans.map { span in
                    [
                        "from": .string(SimulatedClock.iso(span.start)),
                        "to": span.end.map { .string(SimulatedClock.iso($0)) } ?? .null,
                    ]
                }
            )
            return .object(object)
        }
        let jobList: [JSONValue] = jobs.values.sorted { $0.id < $1.id }.map { job in
            var document = job.statusDocument
            if case .object(var object) = document {
                object["graph_id"] = .string(job.graphID)
                document = .object(object)
            }
            return document
        }
        return [
            "now": .string(SimulatedClock.iso(clock.now())),
            "clock_offset_seconds": .number(clock.offset),
            "graphs": .array(graphList),
            "jobs": .array(jobList),
            "unknown_graph_stop_requests": .object(unknownStopRequests.mapValues(records)),
        ]
    }
}
