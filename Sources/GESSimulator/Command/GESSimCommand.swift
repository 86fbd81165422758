import ArgumentParser
import Foundation

/// `ges-sim`: parses flags, builds a `SimulatorConfiguration`, runs the simulator until SIGTERM or SIGINT.
public struct GESSimCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "ges-sim",
        abstract: "A local stand-in for the Huawei Cloud GES and IAM endpoints, on 127.0.0.1.",
        discussion: """
            The first line on standard output is `ges-sim listening on http://127.0.0.1:PORT`; logs go to \
            standard error. Admin endpoints (no authentication): GET /_sim/state, GET|POST /_sim/clock, \
            GET|POST /_sim/faults, POST /_sim/graphs/{id}/status. Cloud Eye (data from --usage), on the same port: \
            POST /V1.0/{project_id}/batch-query-metric-data, GET /V1.0/{project_id}/metric-data.
            """
    )

    @Option(help: "Port on 127.0.0.1; 0 picks a free one.") var port: Int = 0
    @Option(help: "Graphs to serve: a file in the list-graphs response shape.") var fleet: String
    @Option(help: "Usage CSV served as Cloud Eye's ges004_request_count (docs/SPEC.md §3 columns).") var usage: String?
    @Option(help: "Serve only this project id (default: any).") var projectId: String?
    @Option(help: "Token accepted as X-Auth-Token.") var token: String?
    @Option(help: "Access key for SDK-HMAC-SHA256 signatures.") var accessKey: String?
    @Option(help: "Secret key for SDK-HMAC-SHA256 signatures.") var secretKey: String?
    @Option(help: "IAM user name accepted by POST /v3/auth/tokens.") var iamUser: String?
    @Option(help: "IAM password.") var iamPassword: String?
    @Option(help: "IAM account (domain) name.") var iamDomain: String?
    @Option(help: "Seconds a stop or start job runs.") var jobDelay: Double = 0.5
    @Option(help: "Fixed latency added to every answer, in ms.") var latencyMs: Int = 0
    @Option(help: "Random extra latency up to this many ms.") var jitterMs: Int = 0
    @Option(help: "Answer this share of requests with a status, e.g. 503=0.3 (repeatable).") var errorRate: [String] =
        []
    @Option(help: "Hold every answer this many seconds (timeout rehearsals).") var hangSeconds: Double?
    @Option(
        help: """
            Scripted stop answers: {"<graph id>": [{"status": 429, "body": {}, "delay_ms": 0, \
            "headers": {"Retry-After": "2"}}]}.
            """
    )
    var script: String?
    @Option(help: "Break every list-graphs page: omit-count (no graph_count) or repeat-graph (a graph twice).")
    var listingFault: String?
    @Option(help: "Seed for error rates, jitter and hangs (reproducible runs).") var seed: UInt64?
    @Option(help: "Largest page the list call returns; larger limits are clamped.") var maxLimit: Int = 100
    @Flag(help: "Log every request.") var verbose = false

    public init() {}

    /// Parses the command line and serves; errors print as ArgumentParser prints them, with its exit codes.
    public static func runMain() async {
        do {
            let command = try parse()
            try await command.run()
        } catch {
            exit(withError: error)
        }
    }

    public func validate() throws {
        guard (accessKey == nil) == (secretKey == nil) else {
            throw ValidationError("--access-key and --secret-key go together")
        }
        let iam = [iamUser, iamPassword, iamDomain].compactMap { $0 }
        guard iam.isEmpty || iam.count == 3 else {
            throw ValidationError("--iam-user, --iam-password and --iam-domain go together")
        }
        guard jobDelay >= 0, latencyMs >= 0, jitterMs >= 0, maxLimit >= 1 else {
            throw ValidationError(
                "--job-delay, --latency-ms and --jitter-ms must not be negative, --max-limit positive"
            )
        }
    }

    /// Starts the simulator, prints the listening line, and serves until SIGTERM or SIGINT.
    public func run() async throws {
        let logger = Simulator.standardErrorLogger(verbose: verbose)
        let configuration: SimulatorConfiguration
        do {
            configuration = try makeConfiguration()
        } catch {
            throw ValidationError(error.description)
        }
        let usage = configuration.usage
        if self.usage != nil {
            logger.info("Cloud Eye usage loaded: \(usage.recordCount) records for \(usage.graphIDs.count) graphs")
        } else {
            logger.info("no --usage file: Cloud Eye queries answer without datapoints")
        }
        let simulator = Simulator(configuration: configuration, logger: logger)
        let port = try await simulator.start()
        FileHandle.standardOutput.write(Data("ges-sim listening on http://127.0.0.1:\(port)\n".utf8))
        let received = await SignalWait.first(of: [SIGTERM, SIGINT])
        logger.info("signal \(received): stopping")
        await simulator.stop()
    }

    private func makeConfiguration() throws(SimulatorError) -> SimulatorConfiguration {
        let fleetDocument = try FleetDocument(contentsOf: URL(fileURLWithPath: fleet))
        var faults = FaultSettings(
            latencyMilliseconds: latencyMs,
            jitterMilliseconds: jitterMs,
            hangSeconds: hangSeconds
        )
        for text in errorRate {
            let rate = try FaultSettings.errorRate(parsing: text)
            faults.errorRates[rate.status] = rate.rate
        }
        if let listingFault { faults.listing = try ListingFault(parsing: listingFault) }
        if let script {
            faults.scripts = try ScriptedAnswer.scripts(contentsOf: URL(fileURLWithPath: script))
        }
        var iam: SimulatorConfiguration.IAMUser?
        if let iamUser, let iamPassword, let iamDomain {
            iam = .init(name: iamUser, password: iamPassword, domain: iamDomain)
        }
        var usageRecords = SimulatedUsage.empty
        if let usage {
            usageRecords = try SimulatedUsage(contentsOf: URL(fileURLWithPath: usage))
        }
        return SimulatorConfiguration(
            port: port,
            fleet: fleetDocument,
            projectID: projectId,
            token: token,
            accessKey: accessKey,
            secretKey: secretKey,
            iamUser: iam,
            jobDelay: jobDelay,
            faults: faults,
            seed: seed,
            maxPageLimit: maxLimit,
            usage: usageRecords
        )
    }
}
