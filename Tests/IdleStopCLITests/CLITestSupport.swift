import Foundation
import GESKit
import GESSimulator
import IdleStopCore
import IdleStopTestSupport
import Logging
import Testing

@testable import IdleStopCLI

/// Paths, a private folder per test, and the example fleet served by an in-process `ges-sim`.
struct CLIHarness {
    static let repository = Repository.root
    static let fleet = repository.appendingPathComponent("examples/fleet.json").path
    static let usage = repository.appendingPathComponent("examples/usage.csv").path
    static let policy = repository.appendingPathComponent("policies/idle-graphs.yml").path
    static let pricing = repository.appendingPathComponent("policies/pricing.yml").path
    static let now = "2026-11-27T02:00:00Z"
    /// `now` as a date: where in-process simulators start their clock, so live runs at `--now` act on the present.
    static let nowDate = Date(timeIntervalSince1970: 1_795_744_800)
    static let projectID = "0123456789abcdef0123456789abcdef"
    static let accessKey = "TESTACCESSKEY0000000"
    static let secretKey = "test-secret-key-canary-7f3a9c"

    let folder: URL

    init() throws {
        folder = try TemporaryFolder.make("ges-idle-stop-cli")
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// The options every run of the example data shares, plus `extra`.
    func arguments(_ extra: [String], report: String = "report.csv") -> [String] {
        [
            "--policy", Self.policy, "--pricing", Self.pricing, "--usage", Self.usage, "--now", Self.now,
            "--db", path("history.sqlite"), "--report", path(report), "--quiet",
        ] + extra
    }

    /// Runs `run` in-process and returns its exit status, as the executable would exit.
    func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> IdleStopCLI.ExitStatus {
        let options = try RunOptions.parse(arguments)
        return await RunCommand.execute(options: options, environment: environment, logger: Self.logger) { settings in
            RunPipeline(settings: settings, environment: environment, logger: Self.logger)
        }
    }

    /// Runs `run` in-process and returns the pipeline's outcome (throws its error).
    func outcome(_ arguments: [String], environment: [String: String] = [:]) async throws -> RunPipeline.Outcome {
        let options = try RunOptions.parse(arguments)
        let settings = try RunSettings.resolve(options: options, environment: environment)
        return try await RunPipeline(settings: settings, environment: environment, logger: Self.logger).execute()
    }

    /// Writes hourly usage of `graphIDs` for `hours` hours from Unix second `first` to file `name`; returns its path.
    ///
    /// `requests(id, hour)` is each row's count (0 by default): an export that reports idle hours as zeros.
    func writeHourlyUsage(
        _ name: String,
        graphIDs: [String],
        from first: Int,
        hours: Int,
        requests: (String, Int) -> Int = { _, _ in 0 }
    ) throws -> String {
        var text = "graph_id,period_start,period_seconds,requests\n"
        for hour in 0..<hours {
            for id in graphIDs { text += "\(id),\(first + hour * 3600),3600,\(requests(id, hour))\n" }
        }
        try text.write(toFile: path(name), atomically: true, encoding: .utf8)
        return path(name)
    }

    /// The report's rows as dictionaries by column name.
    func reportRows(_ name: String = "report.csv") throws -> [[String: String]] {
        try CSVTable.rows(of: String(contentsOfFile: path(name), encoding: .utf8))
    }

    static let logger = Logger.discarding("test")

    static var credentials: [String: String] {
        ["HUAWEICLOUD_SDK_AK": accessKey, "HUAWEICLOUD_SDK_SK": secretKey, "HUAWEICLOUD_SDK_PROJECT_ID": projectID]
    }

    /// Starts `ges-sim` in-process with the example fleet, its clock at `clock`; returns it and its endpoint.
    ///
    /// `usage` is a usage CSV it serves as Cloud Eye data, with `cloudEyeFaults`.
    static func simulator(
        faults: FaultSettings = FaultSettings(),
        jobDelay: TimeInterval = 0.05,
        clock: Date? = nowDate,
        usage: String? = nil,
        cloudEyeFaults: CloudEyeFaults = .none,
        logger: Logger = .discarding("ges-sim")
    ) async throws -> (Simulator, String) {
        var records = try usage.map { try SimulatedUsage(contentsOf: URL(fileURLWithPath: $0)) } ?? .empty
        records.faults = cloudEyeFaults
        return try await Simulator.startOnLoopback(
            SimulatorConfiguration(
                fleet: try FleetDocument(contentsOf: URL(fileURLWithPath: fleet)),
                projectID: projectID,
                accessKey: accessKey,
                secretKey: secretKey,
                jobDelay: jobDelay,
                faults: faults,
                seed: 7,
                usage: records,
                clock: clock
            ),
            logger: logger
        )
    }

    /// Graph name → (status, number of stop requests, number of start requests) as the simulator sees it.
    static func simulatorView(_ simulator: Simulator) async -> [String: (status: String, stops: Int, starts: Int)] {
        let state = await simulator.stateDocument()
        guard case .array(let graphs)? = state["graphs"] else { return [:] }
        var view: [String: (String, Int, Int)] = [:]
        for graph in graphs {
            guard let name = graph["name"]?.stringValue, let status = graph["status"]?.stringValue else { continue }
            var (stops, starts) = (0, 0)
            if case .array(let list)? = graph["stop_requests"] { stops = list.count }
            if case .array(let list)? = graph["start_requests"] { starts = list.count }
            view[name] = (status, stops, starts)
        }
        return view
    }
}

/// A minimal RFC 4180 reader for assertions, independent of the code under test.
enum CSVTable {
    static func rows(of text: String) -> [[String: String]] {
        var records: [[String]] = []
        var field = ""
        var record: [String] = []
        var quoted = false
        var iterator = Array(text).makeIterator()
        var pending: Character? = nil
        while let c = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" {
                            field.append("\"")
                        } else {
                            quoted = false
                            pending = next
                        }
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                record.append(field)
                field = ""
            } else if c == "\n" || c == "\r\n" {
                record.append(field)
                field = ""
                records.append(record)
                record = []
            } else {
                field.append(c)
            }
        }
        if !field.isEmpty || !record.isEmpty {
            record.append(field)
            records.append(record)
        }
        guard let header = records.first else { return [] }
        return records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }
}

extension CLIHarness {
    /// A GES client with the simulator's credentials, for acting like a person between runs.
    static func client(endpoint: String) throws -> GESClient {
        let transport = try CurlTransport()
        let authorizer = RequestAuthorizer(
            credentials: .accessKey(id: accessKey, secret: secretKey, securityToken: nil),
            transport: transport,
            logger: logger
        )
        return try GESClient(
            transport: transport,
            endpoint: URL(string: endpoint)!,
            projectID: projectID,
            authorizer: authorizer,
            logger: logger,
            retryPolicy: .none
        )
    }
}
