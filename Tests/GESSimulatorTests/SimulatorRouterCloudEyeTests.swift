import Foundation
import GESKit
import IdleStopTestSupport
import Logging
import Testing

@testable import GESSimulator

/// The Cloud Eye endpoint of a running simulator, over HTTP (URLSession, and GESKit's CloudEyeClient).
@Suite("Simulator serves Cloud Eye")
struct SimulatorRouterCloudEyeTests {
    static let day: Int64 = 1_795_132_800  // 2026-11-20T00:00:00Z
    static let hour: Int64 = 3600
    static let batchPath = "/V1.0/\(Harness.project)/batch-query-metric-data"

    static func fixture() throws -> SimulatedUsage {
        try SimulatedUsage(contentsOf: Repository.url("examples/sim/cloud-eye-usage.csv"))
    }

    static func startWithFixture() async throws -> SimulatorHarness {
        let usage = try fixture()
        return try await Harness.start { $0.usage = usage }
    }

    static func body(
        _ graphIDs: [String],
        period: String = "3600",
        filter: String = "sum",
        from: Int64,
        to: Int64
    ) -> String {
        let metrics = graphIDs.map {
            #"{"namespace":"SYS.GES","metric_name":"ges004_request_count","dimensions":[{"name":"instance_id","value":"\#($0)"}]}"#
        }
        return
            #"{"metrics":[\#(metrics.joined(separator: ","))],"period":"\#(period)","filter":"\#(filter)","from":\#(from),"to":\#(to)}"#
    }

    /// The datapoints of each metric in a batch answer: timestamp (s) → the value of `key`.
    static func datapoints(
        _ answer: SimulatorHarness.Answer,
        key: String = "sum"
    ) -> [[Int64:
        JSONValue]]
    {
        guard case .array(let metrics)? = answer.json["metrics"] else { return [] }
        return metrics.map { metric in
            guard case .array(let points)? = metric["datapoints"] else { return [:] }
            var result: [Int64: JSONValue] = [:]
            for point in points {
                if let timestamp = point["timestamp"]?.integerValue {
                    result[timestamp / 1000] = point[key] ?? .null
                }
            }
            return result
        }
    }

    // MARK: Answers

    @Test func answersEachMetricWithItsBucketsAndLeavesGapsEmpty() async throws {
        let sim = try await Self.startWithFixture()
        defer { Task { await sim.stop() } }
        let graphs = [Harness.alpha, Harness.beta, Harness.gamma, "graph-without-records"]
        let answer = try await sim.send(
            "POST",
            Self.batchPath,
            body: Self.body(graphs, from: Self.day * 1000, to: (Self.day + 6 * Self.hour) * 1000)
        )
        #expect(answer.status == 200)
        let points = Self.datapoints(answer)
        let h = Self.hour
        #expect(points.count == 4)
        // alpha: 02:00 and 05:00 are gaps; the two 03:00 rows (one written as 04:00+01:00) add up.
        #expect(
            points[0] == [Self.day: 10, Self.day + h: 0, Self.day + 3 * h: 12, Self.day + 4 * h: 3]
        )
        #expect(points[1] == [Self.day: 19])
        #expect(points[2] == [Self.day: 25, Self.day + h: 50, Self.day + 2 * h: 25])
        #expect(points[3] == [:])
        guard case .array(let metrics)? = answer.json["metrics"] else { return }
        #expect(metrics[0]["namespace"] == "SYS.GES")
        #expect(metrics[0]["metric_name"] == "ges004_request_count")
        #expect(metrics[0]["dimensions"] == [["name": "instance_id", "value": .string(Harness.alpha)]])
        #expect(metrics[0]["unit"] == "count")
    }

    @Test(arguments: [
        ("sum", JSONValue.integer(19)), ("max", .integer(9)), ("min", .integer(0)),
        ("average", .number(4.75)),
        ("variance", .number(10.6875)),
    ])
    func servesEveryFilter(filter: String, expected: JSONValue) async throws {
        let sim = try await Self.startWithFixture()
        defer { Task { await sim.stop() } }
        let answer = try await sim.send(
            "POST",
            Self.batchPath,
            body: Self.body(
                [Harness.beta],
                filter: filter,
                from: Self.day * 1000,
                to: (Self.day + Self.hour) * 1000
            )
        )
        #expect(answer.status == 200)
        #expect(Self.datapoints(answer, key: filter) == [[Self.day: expected]])
    }

    @Test func fiveMinuteDataHasAGapWhereARecordIsMissing() async throws {
        let sim = try await Self.startWithFixture()
        defer { Task { await sim.stop() } }
        let answer = try await sim.send(
            "POST",
            Self.batchPath,
            body: Self.body(
                [Harness.beta],
                period: "300",
                from: Self.day * 1000,
                to: (Self.day + 1800) * 1000
            )
        )
        #expect(
            Self.datapoints(answer) == [
                [Self.day: 4, Self.day + 300: 6, Self.day + 600: 0, Self.day + 1200: 9]
            ]
        )
    }

    @Test func servesTheSingleMetricForm() async throws {
        let sim = try await Self.startWithFixture()
        defer { Task { await sim.stop() } }
        let query =
            "namespace=SYS.GES&metric_name=ges004_request_count&dim.0=instance_id,\(Harness.alpha)"
            + "&from=\(Self.day * 1000)&to=\((Self.day + 2 * Self.hour) * 1000)&period=3600&filter=sum"
        let answer = try await sim.send("GET", "/V1.0/\(Harness.project)/metric-data?\(query)")
        #expect(answer.status == 200)
        #expect(answer.json["metric_name"] == "ges004_request_count")
        #expect(
            answer.json["datapoints"] == [
                ["timestamp": .integer(Self.day * 1000), "sum": 10, "unit": "count"],
                ["timestamp": .integer((Self.day + Self.hour) * 1000), "sum": 0, "unit": "count"],
            ]
        )
        let missing = try await sim.send(
            "GET",
            "/V1.0/\(Harness.project)/metric-data?namespace=SYS.GES"
        )
        #expect(missing.status == 400)
        #expect(missing.errorCode == "ces.0013")
    }

    // MARK: Range limits

    /// For each period: records in every bucket; a query one hour (or more) longer than the limit is answered
    /// from `to − limit` on, silently, with status 200.
    @Test(arguments: CloudEyeLimits.Period.allCases)
    func shortensARangeBeyondThePeriodLimitWithoutAnError(period: CloudEyeLimits.Period) async throws {
        let width = period.datapointSeconds
        let answered = min(period.maxRangeSeconds, CloudEyeLimits.maxDatapointsPerCall * period.rawValue)
        let to = Self.day
        let first = to - answered - 30 * width
        let records = stride(from: first, to: to, by: Int(width)).map {
            SimulatedUsage.Record(
                graphID: Harness.alpha,
                periodStart: $0,
                periodSeconds: width,
                requests: 1
            )
        }
        let sim = try await Harness.start { $0.usage = SimulatedUsage(records: records) }
        defer { Task { await sim.stop() } }
        let from = to - answered - 20 * width
        let answer = try await sim.send(
            "POST",
            Self.batchPath,
            body: Self.body([Harness.alpha], period: String(period.rawValue), from: from * 1000, to: to * 1000)
        )
        #expect(answer.status == 200)
        let points = Self.datapoints(answer)[0]
        #expect(points.count == Int(answered / width))
        #expect(points.keys.min() == to - answered)
        // Asking exactly the answered range returns the same datapoints.
        let exact = try await sim.send(
            "POST",
            Self.batchPath,
            body: Self.body(
                [Harness.alpha],
                period: String(period.rawValue),
                from: (to - answered) * 1000,
                to: to * 1000
            )
        )
        #expect(Self.datapoints(exact)[0] == points)
    }

    @Test func manyMetricsShortenTheRangeToTheDatapointBudget() async throws {
        let graphs = (0..<100).map { "graph-\($0)" }
        let to = Self.day
        let records = graphs.flatMap { graph in
            (1...48).map {
                SimulatedUsage.Record(
                    graphID: graph,
                    periodStart: to - Int64($0) * Self.hour,
                    periodSeconds: Self.hour,
                    requests: 2
                )
            }
        }
        let sim = try await Harness.start { $0.usage = SimulatedUsage(records: records) }
        defer { Task { await sim.stop() } }
        // 100 metrics × 48 h ÷ 1 h = 4800 > 3000: answered for the last 30 hours only.
        let answer = try await sim.send(
            "POST",
            Self.batchPath,
            body: Self.body(graphs, from: (to - 48 * Self.hour) * 1000, to: to * 1000)
        )
        #expect(answer.status == 200)
        let points = Self.datapoints(answer)
        #expect(points.count == 100)
        #expect(points.allSatisfy { $0.count == 30 && $0.keys.min() == to - 30 * Self.hour })
        let fewer = try await sim.send(
            "POST",
            Self.batchPath,
            body: Self.body(Array(graphs.prefix(62)), from: (to - 48 * Self.hour) * 1000, to: to * 1000)
        )
        #expect(Self.datapoints(fewer).allSatisfy { $0.count == 48 })
    }

    @Test func takesFiveHundredMetricsAndRefusesMore() async throws {
        let sim = try await Self.startWithFixture()
        defer { Task { await sim.stop() } }
        let range = (from: Self.day * 1000, to: (Self.day + Self.hour) * 1000)
        let full = try await sim.send(
            "POST",
            Self.batchPath,
            body: Self.body((0..<500).map { "g\($0)" }, from: range.from, to: range.to)
        )
        #expect(full.status == 200)
        #expect(Self.datapoints(full).count == 500)
        for count in [501, 0] {
            let refused = try await sim.send(
                "POST",
                Self.batchPath,
                body: Self.body((0..<count).map { "g\($0)" }, from: range.from, to: range.to)
            )
            #expect(refused.status == 400, "\(count)")
            #expect(refused.errorCode == "ces.0014", "\(count)")
            #expect(refused.json["error_msg"]?.stringValue?.contains("[metrics]") == true, "\(count)")
        }
    }

    @Test(arguments: [
        (#"{"metrics":[],"period":"3600","filter":"sum","from":0,"to":1}"#, "ces.0014"),
        (body([Harness.alpha], period: "600", from: 0, to: 1000), "ces.0014"),
        (body([Harness.alpha], filter: "median", from: 0, to: 1000), "ces.0014"),
        (body([Harness.alpha], from: 5000, to: 5000), "ces.0014"),
        (
            #"{"metrics":[{"namespace":"SYS.GES","metric_name":"ges004_request_count"}],"period":"3600","filter":"sum","from":0,"to":1}"#,
            "ces.0014"
        ),
        (
            #"{"metrics":[{"namespace":"SYS.GES","metric_name":"ges004_request_count","dimensions":[{"name":"instance_id","value":"x"}]}],"period":3600,"filter":"sum","from":0,"to":1}"#,
            "ces.0014"
        ),
        ("not json", "ces.0014"),
        ("", "ces.0001"),
    ])
    func refusesABadBodyLikeCloudEye(body: String, code: String) async throws {
        let sim = try await Self.startWithFixture()
        defer { Task { await sim.stop() } }
        let answer = try await sim.send("POST", Self.batchPath, body: body)
        #expect(answer.status == 400)
        #expect(answer.errorCode == code)
        #expect(answer.json["error_msg"]?.stringValue?.isEmpty == false)
    }

    // MARK: Authentication and project

    @Test func checksTokenAndSignatureLikeTheGESEndpoints() async throws {
        let sim = try await Self.startWithFixture()
        defer { Task { await sim.stop() } }
        let body = Self.body([Harness.alpha], from: Self.day * 1000, to: (Self.day + Self.hour) * 1000)
        for auth: SimulatorHarness.Auth in [
            .none, .token("wrong-token"), .signed(secretKey: "wrong-secret-key-000"),
        ] {
            let refused = try await sim.send("POST", Self.batchPath, body: body, auth: auth)
            #expect(refused.status == 401)
            #expect(refused.errorCode == "APIGW.0301")
            #expect(refused.json["metrics"] == nil)
        }
        let tampered = try await sim.send(
            "POST",
            Self.batchPath,
            body: body,
            auth: .signed(
                secretKey: Harness.secretKey,
                date: Date(),
                tamper: { name, value in
                    name == "X-Project-Id" ? "ffffffffffffffffffffffffffffffff" : value
                }
            )
        )
        #expect(tampered.status == 401)
        let signed = try await sim.send("POST", Self.batchPath, body: body, auth: .signed())
        #expect(signed.status == 200)
        #expect(Self.datapoints(signed) == [[Self.day: 10]])
    }

    @Test func refusesAnotherProjectAndUnknownPaths() async throws {
        let sim = try await Self.startWithFixture()
        defer { Task { await sim.stop() } }
        let body = Self.body([Harness.alpha], from: 0, to: 1000)
        let other = try await sim.send(
            "POST",
            "/V1.0/ffffffffffffffffffffffffffffffff/batch-query-metric-data",
            body: body
        )
        #expect(other.status == 400)
        #expect(other.errorCode == "ces.0003")
        for (method, path) in [
            ("GET", Self.batchPath), ("POST", "/V1.0/\(Harness.project)/metrics"),
            ("POST", "/V1/\(Harness.project)/batch-query-metric-data"),
        ] {
            let unknown = try await sim.send(method, path, body: method == "GET" ? nil : body)
            #expect(unknown.status == 404, "\(method) \(path)")
            #expect(unknown.errorCode == "APIGW.0101", "\(method) \(path)")
        }
    }

    @Test func injectedServerErrorsUseCloudEyesCode() async throws {
        let sim = try await Harness.start { $0.faults.errorRates = [500: 1] }
        defer { Task { await sim.stop() } }
        let answer = try await sim.send(
            "POST",
            Self.batchPath,
            body: Self.body([Harness.alpha], from: 0, to: 1000)
        )
        #expect(answer.status == 500)
        #expect(answer.errorCode == "ces.0007")
    }

    // MARK: Stopped time

    @Test func noDatapointsForTimeAGraphWasStoppedThroughTheAPI() async throws {
        let sim = try await Self.startWithFixture()
        defer { Task { await sim.stop() } }
        let h = Self.hour
        let query = Self.body([Harness.alpha], from: Self.day * 1000, to: (Self.day + 6 * h) * 1000)
        let before = try await sim.send("POST", Self.batchPath, body: query)
        #expect(
            Self.datapoints(before) == [
                [Self.day: 10, Self.day + h: 0, Self.day + 3 * h: 12, Self.day + 4 * h: 3]
            ]
        )

        // Rewind the clock to 01:30, stop alpha (job: 60 s), start it again at 03:30 (running at 03:31).
        let rewind = try await sim.send(
            "POST",
            "/_sim/clock",
            body: #"{"now": "2026-11-20T01:30:00Z"}"#,
            auth: .none
        )
        #expect(rewind.status == 200)
        let stop = try await sim.send("POST", Harness.ges("graphs/\(Harness.alpha)/stop"), body: "{}")
        #expect(stop.status == 200)
        try await sim.advanceClock(2 * 3600)
        let start = try await sim.send("POST", Harness.ges("graphs/\(Harness.alpha)/start"), body: "{}")
        #expect(start.status == 200)
        try await sim.advanceClock(120)
        #expect(try await sim.status(of: Harness.alpha) == "200")

        let after = try await sim.send("POST", Self.batchPath, body: query)
        // 01:00 and 03:00 overlap [01:30, 03:31); 00:00 and 04:00 do not.
        #expect(Self.datapoints(after) == [[Self.day: 10, Self.day + 4 * h: 3]])
        let state = try await sim.send("GET", "/_sim/state", auth: .none)
        guard case .array(let graphs)? = state.json["graphs"] else { return }
        let alpha = graphs.first { $0["id"]?.stringValue == Harness.alpha }
        // The simulated clock keeps running in real time: the gap starts a few milliseconds after 01:30.
        guard case .array(let gaps)? = alpha?["cloud_eye_gaps"] else {
            Issue.record("no cloud_eye_gaps")
            return
        }
        #expect(gaps.count == 1)
        #expect(gaps.first?["from"]?.stringValue?.hasPrefix("2026-11-20T01:30:0") == true)
        #expect(gaps.first?["to"]?.stringValue?.hasPrefix("2026-11-20T03:31:0") == true)
    }

    @Test func noDatapointsAfterAnAdminStopUntilTheSevenDayRestart() async throws {
        let h = Self.hour
        let records: [SimulatedUsage.Record] = (0..<240).map { (index: Int64) in
            SimulatedUsage.Record(
                graphID: Harness.beta,
                periodStart: Self.day + index * h,
                periodSeconds: h,
                requests: 1
            )
        }
        let sim = try await Harness.start { $0.usage = SimulatedUsage(records: records) }
        defer { Task { await sim.stop() } }
        _ = try await sim.send(
            "POST",
            "/_sim/clock",
            body: #"{"now": "2026-11-20T12:00:00Z"}"#,
            auth: .none
        )
        let set = try await sim.send(
            "POST",
            "/_sim/graphs/\(Harness.beta)/status",
            body: #"{"status": "900", "stopped_at": "2026-11-20T02:00:00Z"}"#,
            auth: .none
        )
        #expect(set.status == 200)
        try await sim.advanceClock(8 * 86_400)  // the automatic restart came at 2026-11-27T02:00Z
        let answer = try await sim.send(
            "POST",
            Self.batchPath,
            body: Self.body([Harness.beta], from: Self.day * 1000, to: (Self.day + 240 * h) * 1000)
        )
        let times = Set(Self.datapoints(answer)[0].keys)
        let stoppedFrom: Int64 = Self.day + 2 * h
        let restartedAt: Int64 = Self.day + 170 * h
        let all: [Int64] = (0..<240).map { (index: Int64) in Self.day + index * h }
        let expected = Set(all.filter { $0 < stoppedFrom || $0 >= restartedAt })
        #expect(times == expected)
    }

    // MARK: Cross-check with GESKit's client

    /// GESKit's CloudEyeClient, planning its own calls within the limits, reads exactly the CSV's records back.
    @Test func cloudEyeClientReadsBackExactlyTheRecordsOfTheExampleCSV() async throws {
        let usage = try SimulatedUsage(contentsOf: Repository.url("examples/usage.csv"))
        let fleet = try FleetDocument(contentsOf: Repository.url("examples/fleet.json"))
        let sim = try await Harness.start {
            $0.usage = usage
            $0.fleet = fleet
        }
        defer { Task { await sim.stop() } }
        let records = usage.records
        #expect(records.count == 1701)
        #expect(records.allSatisfy { $0.periodSeconds == 3600 && $0.periodStart % 3600 == 0 })
        let fleetIDs = fleet.graphs.compactMap { $0["id"]?.stringValue }
        let graphIDs = Array(Set(usage.graphIDs + fleetIDs)).sorted()
        let start = records.map(\.periodStart).min() ?? 0
        let end = (records.map(\.periodStart).max() ?? 0) + 3600

        let transport = try CurlTransport()
        let logger = Logger.discarding("cross-check")
        let client = try CloudEyeClient(
            transport: transport,
            endpoint: URL(string: sim.baseURL)!,
            projectID: Harness.project,
            authorizer: RequestAuthorizer(
                credentials: .token(Harness.token),
                transport: transport,
                logger: logger
            ),
            logger: logger
        )
        let read = try await client.requestCounts(
            graphIDs: graphIDs,
            from: Date(timeIntervalSince1970: TimeInterval(start - 7 * 3600)),
            to: Date(timeIntervalSince1970: TimeInterval(end + 5 * 3600)),
            period: .oneHour
        )

        struct Row: Hashable {
            var graphID: String
            var start: Int64
            var seconds: Int64
            var requests: Double
        }
        // Rows for the same graph and hour (the CSV writes some times as ISO 8601, some as Unix seconds) add up.
        var sums: [String: [Int64: Int64]] = [:]
        for record in records {
            sums[record.graphID, default: [:]][record.periodStart, default: 0] += record.requests
        }
        let expected = Set(
            sums.flatMap { graphID, hours in
                hours.map {
                    Row(graphID: graphID, start: $0.key, seconds: 3600, requests: Double($0.value))
                }
            }
        )
        let rows = read.records().map {
            Row(
                graphID: $0.graphID,
                start: $0.periodStart,
                seconds: $0.periodSeconds,
                requests: $0.requests
            )
        }
        #expect(rows.count == Set(rows).count)
        #expect(rows.count == 1695)
        let got = Set(rows)
        #expect(got.subtracting(expected).isEmpty, "extra: \(got.subtracting(expected).prefix(3))")
        #expect(expected.subtracting(got).isEmpty, "missing: \(expected.subtracting(got).prefix(3))")
        #expect(read.datapoints.count == graphIDs.count)
        for graphID in fleetIDs where !usage.graphIDs.contains(graphID) {
            #expect(read.datapoints[graphID] == [], "\(graphID)")
        }
    }
}
