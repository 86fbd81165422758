import Foundation
import GESSimulator
import GRDB
import IdleStopTestSupport
import Testing

/// Ninety nights of the release `ges-idle-stop` against `ges-sim`, checked night by night against the
/// simulator's ground truth (issue 9).
///
/// About 200 graphs with seeded usage (busy, idle, bursty, weekly, sparse); people start graphs the job
/// stopped when they need them; GES restarts graphs after seven days; tags change; graphs are created and
/// deleted; nights bring 503s, hung requests (timeouts) and throttling (429, Cloud Eye included); usage comes
/// from a CSV export and from Cloud Eye on alternate nights; cron starts up to two minutes early or late.
@Suite struct SeasonTests {
    static let nights = ProcessInfo.processInfo.environment["SEASON_NIGHTS"].flatMap { Int($0) } ?? 90
    /// 2026-08-01T02:15:00Z: the whole season lies before the day this test was written, so the report's
    /// default of "now" never cuts a stop short.
    static let firstNight: Int64 = 1_785_550_500
    static let hourlyPrice = Decimal(string: "1.25")!
    static let seed: UInt64 = ProcessInfo.processInfo.environment["SEASON_SEED"].flatMap { UInt64($0) } ?? 20_261_130

    /// What one graph looks like to the test at the start of a night.
    struct Seen {
        var status: String
        var acceptedStops: Int
        var allStopRequests: Int
        var gaps: [(start: Int64, end: Int64?)]
    }

    @Test func ninetyNightsKeepEveryInvariant() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: ExecutableRun.executable.path))
        print("SeasonTests seed \(Self.seed) (set SEASON_SEED to repeat)")
        let harness = try CLIHarness()
        // 200 graphs to start with, 40 more that are created during the season.
        let everyone = SyntheticFleet(count: 240, seed: Self.seed)
        var live = Dictionary(uniqueKeysWithValues: everyone.members.prefix(200).map { ($0.id, $0) })
        var waiting = Array(everyone.members.dropFirst(200))
        let seasonStart = Self.firstNight - 8 * 86_400
        let seasonEnd = Self.firstNight + Int64(Self.nights) * 86_400
        let demand = everyone.records(from: seasonStart, to: seasonEnd)
        let (simulator, endpoint) = try await Simulator.startOnLoopback(
            SimulatorConfiguration(
                fleet: FleetDocument(graphs: everyone.members.prefix(200).map { SyntheticFleet.graphObject($0) }),
                projectID: CLIHarness.projectID,
                accessKey: CLIHarness.accessKey,
                secretKey: CLIHarness.secretKey,
                jobDelay: 2,
                seed: Self.seed,
                usage: SimulatedUsage(records: demand)
            )
        )
        defer { Task { await simulator.stop() } }
        await simulator.setClock(to: Date(timeIntervalSince1970: TimeInterval(seasonStart)))

        let policyPath = harness.path("policy.yml")
        try RepeatedRunTests.policy.write(toFile: policyPath, atomically: true, encoding: .utf8)
        let configPath = harness.path("season.yml")
        try """
        policies: [ \(policyPath) ]
        pricing: \(CLIHarness.pricing)
        db: \(harness.path("history.sqlite"))
        report_dir: \(harness.path("reports"))
        endpoint: \(endpoint)
        ces_endpoint: \(endpoint)
        concurrency: 8
        timeouts: { connect_seconds: 2, request_seconds: 1, run_deadline_seconds: 300 }
        retries: { max_attempts: 6, max_seconds: 20 }

        """.write(toFile: configPath, atomically: true, encoding: .utf8)

        var generator = SplitMix(seed: Self.seed)
        var recordedRuns: [Int64] = []
        var everSeen: [String: Seen] = [:]
        var deleted: Set<String> = []
        var acceptedStopsTotal = 0
        var exits: [Int32: Int] = [:]

        for night in 1...Self.nights {
            let jitter = Int64(generator.next() % 241) - 120
            let now = Self.firstNight + Int64(night - 1) * 86_400 + jitter
            await simulator.setClock(to: Date(timeIntervalSince1970: TimeInterval(now)))
            await simulator.replaceFaults(Self.faults(night: night))
            let before = try await Self.seen(simulator)
            for (id, seen) in before { everSeen[id] = seen }

            let usesCloudEye = night % 2 == 0
            var arguments = ["run", "--config", configPath, "--now", Self.iso(now), "--quiet"]
            if usesCloudEye {
                arguments += ["--usage", "cloud-eye"]
            } else {
                let usagePath = harness.path("usage-\(night).csv")
                let records = Self.exported(live: live, seen: before, from: now - 8 * 86_400, to: now)
                try SyntheticFleet.csv(records).write(toFile: usagePath, atomically: true, encoding: .utf8)
                arguments += ["--usage", usagePath]
            }
            if night % 3 == 0 { arguments.append("--wait") }
            let result = try await ExecutableRun.run(
                arguments,
                environment: CLIHarness.credentials,
                in: harness.folder
            )
            let after = try await Self.seen(simulator)
            for (id, seen) in after { everSeen[id] = seen }
            let place = "night \(night) (\(Self.iso(now)), \(usesCloudEye ? "Cloud Eye" : "CSV"), seed \(Self.seed))"
            try #require([0, 2, 5].contains(result.status), "\(place): exit \(result.status): \(result.stderr)")
            exits[result.status, default: 0] += 1

            // What the simulator received this night.
            var accepted: Set<String> = []
            for (id, seenAfter) in after {
                let seenBefore = before[id]
                let newAccepted = seenAfter.acceptedStops - (seenBefore?.acceptedStops ?? 0)
                let newRequests = seenAfter.allStopRequests - (seenBefore?.allStopRequests ?? 0)
                guard newRequests > 0 else { continue }
                let name = live[id]?.name ?? id
                #expect(newAccepted <= 1, "\(place): graph \(name) got \(newAccepted) accepted stop requests")
                if newAccepted > 0 { accepted.insert(id) }
                guard let member = live[id], let seenBefore else {
                    Issue.record("\(place): stop request for \(name), which is not in the fleet")
                    continue
                }
                let problem = Self.whyNotStoppable(member, seen: seenBefore, now: now)
                #expect(problem == nil, "\(place): graph \(name) was sent a stop but \(problem ?? "")")
            }
            acceptedStopsTotal += accepted.count
            if result.status == 5 {
                #expect(accepted.isEmpty, "\(place): exit 5 promises nothing was sent")
            } else {
                recordedRuns.append(now)
                try Self.checkHistory(
                    harness.path("history.sqlite"),
                    now: now,
                    accepted: accepted,
                    place: place,
                    names: live
                )
            }

            // The day until the next night: people start the graphs they need, owners retag, graphs come and go.
            let nextNight = now - jitter + 86_400
            try await Self.liveTheDay(
                simulator: simulator,
                live: live,
                from: now,
                to: nextNight,
                generator: &generator
            )
            if night % 7 == 3 {
                for _ in 0..<3 {
                    let ids = live.keys.sorted()
                    let id = ids[Int(generator.next() % UInt64(ids.count))]
                    var member = live[id]!
                    member.tags["env"] = ["dev", "test", "staging", "prod"][Int(generator.next() % 4)]
                    if generator.next() % 3 == 0 {
                        member.tags["keep-running"] = "true"
                    } else {
                        member.tags["keep-running"] = nil
                    }
                    live[id] = member
                    await simulator.setTags(of: id, to: member.tags)
                }
            }
            if night % 9 == 4, waiting.count >= 2 {
                for member in waiting.prefix(2) {
                    live[member.id] = member
                    await simulator.addGraph(SyntheticFleet.graphObject(member))
                }
                waiting.removeFirst(2)
            }
            if night % 11 == 6 {
                // A graph that was never stopped and is running leaves: its savings are zero on both sides.
                let candidates = after.filter { $0.value.gaps.isEmpty && $0.value.status == "200" }.keys.sorted()
                if let id = candidates.first {
                    live[id] = nil
                    deleted.insert(id)
                    await simulator.removeGraph(id)
                }
            }
        }
        // The season's end: GES's own restarts up to now are in the ground truth too.
        await simulator.setClock(to: Date(timeIntervalSince1970: TimeInterval(seasonEnd)))
        for (id, seen) in try await Self.seen(simulator) { everSeen[id] = seen }
        let restarts = everSeen.values.reduce(0) { $0 + $1.gaps.filter { $0.end != nil }.count }
        print(
            "SeasonTests: \(acceptedStopsTotal) stops, \(restarts) restarts, exits by status \(exits.sorted { $0.key < $1.key })"
        )
        #expect(acceptedStopsTotal >= Self.nights, "a season should stop graphs: only \(acceptedStopsTotal) stops")
        try await Self.checkSavings(
            harness: harness,
            configPath: configPath,
            everSeen: everSeen,
            recordedRuns: recordedRuns,
            from: Self.firstNight - 3600,
            to: seasonEnd
        )
    }

    // MARK: The world

    /// Faults for a night: 503s, hung requests, throttling (Cloud Eye included), or a quiet night.
    static func faults(night: Int) -> FaultSettings {
        switch night % 5 {
        case 1: FaultSettings(jitterMilliseconds: 5, errorRates: [503: 0.2])
        case 2: FaultSettings(jitterMilliseconds: 5, hangSeconds: 2, hangRate: 0.04)
        case 3: FaultSettings(jitterMilliseconds: 5, errorRates: [429: 0.25])
        default: FaultSettings(jitterMilliseconds: 5)
        }
    }

    /// The hours an export would hold: records of hours in which the graph reported the whole time.
    static func exported(
        live: [String: SyntheticFleet.Member],
        seen: [String: Seen],
        from: Int64,
        to: Int64
    )
        -> [SimulatedUsage.Record]
    {
        var records: [SimulatedUsage.Record] = []
        for member in live.values.sorted(by: { $0.id < $1.id }) {
            let gaps = seen[member.id]?.gaps ?? []
            for hour in stride(from: from, to: to - 3599, by: 3600) where !overlapsGap(gaps, hour) {
                guard let requests = SyntheticFleet.requests(member, hourStart: hour) else { continue }
                records.append(.init(graphID: member.id, periodStart: hour, periodSeconds: 3600, requests: requests))
            }
        }
        return records
    }

    static func overlapsGap(_ gaps: [(start: Int64, end: Int64?)], _ hour: Int64) -> Bool {
        gaps.contains { $0.start < hour + 3600 && ($0.end ?? .max) > hour }
    }

    /// People start a stopped graph at the first hour they need it; the clock ends at `to`.
    static func liveTheDay(
        simulator: Simulator,
        live: [String: SyntheticFleet.Member],
        from: Int64,
        to: Int64,
        generator: inout SplitMix
    ) async throws {
        // Stop jobs take a few simulated seconds: let them end before people look.
        await simulator.setClock(to: Date(timeIntervalSince1970: TimeInterval(from + 30)))
        let state = try await seen(simulator)
        var starts: [(at: Int64, id: String)] = []
        for (id, seen) in state where seen.status == "900" {
            guard let member = live[id] else { continue }
            let firstHour = (from / 3600 + 1) * 3600
            if let hour = stride(from: firstHour, to: to, by: 3600).first(where: {
                (SyntheticFleet.requests(member, hourStart: $0) ?? 0) > 0
            }) {
                starts.append((hour, id))
            }
        }
        for start in starts.sorted(by: { ($0.at, $0.id) < ($1.at, $1.id) }) {
            await simulator.setClock(to: Date(timeIntervalSince1970: TimeInterval(start.at)))
            await simulator.setStatus("200", of: start.id)
        }
        await simulator.setClock(to: Date(timeIntervalSince1970: TimeInterval(to - 300)))
    }

    /// Why the job must not have stopped `member` at `now`, or nil when a stop was allowed.
    static func whyNotStoppable(_ member: SyntheticFleet.Member, seen: Seen, now: Int64) -> String? {
        if seen.status != "200" { return "it was not running (status \(seen.status))" }
        if member.productType == "Persistence" { return "it is a database-edition graph" }
        if member.tags["keep-running"] == "true" { return "it is protected (keep-running)" }
        let window: Int64
        let allowed: Int64
        switch member.tags["env"] {
        case "dev", "test": (window, allowed) = (86_400, 0)
        case "staging": (window, allowed) = (7 * 86_400, 20)
        default: return "no stopping policy matches env=\(member.tags["env"] ?? "none")"
        }
        // Hours that ended before `now` (the hour still running is no export's and no decision's business);
        // the hour the window starts in counts whole for requests, clipped for coverage, as the job does.
        var covered: Int64 = 0
        var requests: Int64 = 0
        for hour in stride(from: (now - window) / 3600 * 3600, to: now - 3599, by: 3600) {
            guard !overlapsGap(seen.gaps, hour), let count = SyntheticFleet.requests(member, hourStart: hour) else {
                continue
            }
            covered += hour + 3600 - max(hour, now - window)
            requests += count
        }
        // One hour of slack: Cloud Eye may also answer for the hour still running.
        if covered * 10 < window * 9 - 36_000 {
            return "only \(covered * 100 / window)% of its \(window / 3600)h window had usage data"
        }
        if requests > allowed { return "it had \(requests) requests in its \(window / 3600)h window" }
        return nil
    }

    /// Each graph's status, its stop requests (accepted ones apart) and its Cloud Eye gaps, as `ges-sim` sees them.
    static func seen(_ simulator: Simulator) async throws -> [String: Seen] {
        let state = await simulator.stateDocument()
        guard case .array(let graphs)? = state["graphs"] else { return [:] }
        var result: [String: Seen] = [:]
        for graph in graphs {
            guard let id = graph["id"]?.stringValue, let status = graph["status"]?.stringValue else { continue }
            var accepted = 0
            var all = 0
            if case .array(let requests)? = graph["stop_requests"] {
                all = requests.count
                accepted = requests.filter { $0["job_id"]?.stringValue != nil }.count
            }
            var gaps: [(start: Int64, end: Int64?)] = []
            if case .array(let list)? = graph["cloud_eye_gaps"] {
                for gap in list {
                    guard let start = gap["from"]?.stringValue.flatMap(Self.seconds) else { continue }
                    gaps.append((start, gap["to"]?.stringValue.flatMap(Self.seconds)))
                }
            }
            result[id] = Seen(status: status, acceptedStops: accepted, allStopRequests: all, gaps: gaps)
        }
        return result
    }

    // MARK: The history

    /// Every stop `ges-sim` accepted this night has its intent in the history, and the history claims no
    /// stop that `ges-sim` did not accept.
    static func checkHistory(
        _ path: String,
        now: Int64,
        accepted: Set<String>,
        place: String,
        names: [String: SyntheticFleet.Member]
    ) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.read { db in
            guard let run = try Row.fetchOne(db, sql: "SELECT id, evaluated_at FROM runs ORDER BY rowid DESC LIMIT 1"),
                let evaluatedAt = (run["evaluated_at"] as String?).flatMap(seconds), evaluatedAt == now
            else {
                Issue.record("\(place): no run row for this night in the history")
                return
            }
            let runID: String = run["id"]
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT graph_id, decision, result, sent_at FROM decisions WHERE run_id = ?",
                arguments: [runID]
            )
            var claimed: Set<String> = []
            for row in rows {
                let id: String = row["graph_id"]
                let result: String? = row["result"]
                let sentAt: String? = row["sent_at"]
                let name = names[id]?.name ?? id
                if accepted.contains(id) {
                    #expect(
                        (row["decision"] as String?) == "stop" && sentAt != nil
                            && ["requested", "confirmed", "unknown"].contains(result ?? ""),
                        "\(place): ges-sim accepted a stop of \(name) but the history says \(result ?? "nothing")"
                    )
                }
                if result == "requested" || result == "confirmed" { claimed.insert(id) }
            }
            let phantom = claimed.subtracting(accepted)
            #expect(phantom.isEmpty, "\(place): the history claims stops ges-sim never received: \(phantom.sorted())")
            let missing = accepted.subtracting(rows.map { $0["graph_id"] as String })
            #expect(missing.isEmpty, "\(place): stops ges-sim received have no history row: \(missing.sorted())")
        }
    }

    /// Realized savings per graph equal the simulator's stopped hours × price, within one night.
    static func checkSavings(
        harness: CLIHarness,
        configPath: String,
        everSeen: [String: Seen],
        recordedRuns: [Int64],
        from: Int64,
        to: Int64
    ) async throws {
        let out = harness.path("savings.csv")
        let result = try await ExecutableRun.run(
            [
                "report", "--config", configPath, "--since", iso(from), "--until", iso(to), "--by", "graph",
                "--out", out,
            ],
            environment: [:],
            in: harness.folder
        )
        try #require(result.status == 0, "report: \(result.stderr)")
        let rows = try CSVTable.rows(of: String(contentsOfFile: out, encoding: .utf8))
        var history: [String: (hours: Decimal, money: Decimal)] = [:]
        for row in rows {
            guard let id = row["graph_id"], let hours = row["hours_stopped"].flatMap({ Decimal(string: $0) }) else {
                continue
            }
            history[id] = (hours, row["realized_savings"].flatMap { Decimal(string: $0) } ?? 0)
        }
        for (id, seen) in everSeen {
            var truth: Int64 = 0
            var allowance: Int64 = 0
            for gap in seen.gaps {
                let start = max(gap.start, from)
                let end = min(gap.end ?? to, to)
                guard end > start else { continue }
                truth += end - start
                // The history ends a stop at the first recorded run that saw the graph running again.
                let seenRunning = recordedRuns.first { $0 >= end } ?? to
                allowance += max(0, seenRunning - end) + 600
            }
            let recorded = history[id] ?? (0, 0)
            let difference = (recorded.hours * 3600 - Decimal(truth)) as Decimal
            #expect(
                difference >= Decimal(-600 * seen.gaps.count) && difference <= Decimal(allowance),
                "graph \(id): the history says \(recorded.hours) h stopped, ges-sim \(Decimal(truth) / 3600) h (allowed \(allowance / 60) min more); gaps: \(seen.gaps.map { "\(iso($0.start))–\($0.end.map(iso) ?? "open")" })"
            )
            var expectedMoney = recorded.hours * hourlyPrice
            var rounded = Decimal()
            NSDecimalRound(&rounded, &expectedMoney, 2, .plain)
            // Each graph-day's money is rounded to cents before the graph's sum: half a cent per day a gap touches.
            let days = seen.gaps.reduce(Int64(1)) { count, gap in
                let end = min(gap.end ?? to, to)
                return end > gap.start ? count + (end - 1) / 86_400 - gap.start / 86_400 + 2 : count
            }
            let cents =
                Decimal(days) * Decimal(string: "0.005")! + Decimal(seen.gaps.count + 1) * Decimal(string: "0.01")!
            #expect(
                abs(recorded.money - rounded) <= cents,
                "graph \(id): realized savings \(recorded.money) ≠ \(recorded.hours) h × price"
            )
        }
    }

    static func iso(_ seconds: Int64) -> String {
        Date(timeIntervalSince1970: TimeInterval(seconds)).formatted(.iso8601)
    }

    static func seconds(_ text: String) -> Int64? {
        if let date = try? Date(text, strategy: .iso8601) { return Int64(date.timeIntervalSince1970.rounded(.down)) }
        guard let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) else {
            return nil
        }
        return Int64(date.timeIntervalSince1970.rounded(.down))
    }
}
