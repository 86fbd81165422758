import Foundation
import GESSimulator
import GRDB
import IdleStopTestSupport
import Testing

/// One distinctive secret pushed through every path of the real executable; it must never come out.
///
/// The same value is the token (`GES_AUTH_TOKEN` and `GES_AUTH_TOKEN_FILE`), the IAM password, the secret key
/// and the security token; a second one is the token the simulator's IAM issues. After each run, stdout,
/// stderr, the CSV report, every file the run left behind (raw bytes, so deleted SQLite pages count too) and
/// every cell of every SQLite table are searched for the canaries, any 10-character piece of them, and their
/// base64 forms.
@Suite struct SecretCanaryTests {
    /// The paths a secret could take out, each a whole run of `ges-idle-stop`.
    enum Path: String, CaseIterable, CustomTestStringConvertible, Sendable {
        case tokenLive, tokenDefaultVerbosity, tokenFileLive, tokenDryRun, accessKeyWithSecurityTokenLive,
            iamPasswordLive
        case tokenRejected, accessKeyRejected, iamPasswordWrong
        case inventoryUnreadable, malformedUsage, configHoldsSecret
        case echoedInStopErrors, echoedInStopErrorsSigned, echoedIn401, tokenWithLineBreak, echoedIssuedIAMToken

        var testDescription: String { rawValue }

        /// What the executable must exit with on this path (docs/SPEC.md §8).
        var expectedStatus: Int32 {
            switch self {
            case .tokenLive, .tokenDefaultVerbosity, .tokenFileLive, .tokenDryRun, .accessKeyWithSecurityTokenLive,
                .iamPasswordLive:
                0
            case .tokenRejected, .accessKeyRejected, .iamPasswordWrong, .echoedIn401: 3
            case .inventoryUnreadable, .tokenWithLineBreak: 5
            case .malformedUsage, .configHoldsSecret: 1
            case .echoedInStopErrors, .echoedInStopErrorsSigned, .echoedIssuedIAMToken: 2
            }
        }

        /// Whether the simulator accepts the canary (else it expects other credentials, so the canary is refused).
        var simulatorAcceptsCanary: Bool {
            ![.tokenRejected, .accessKeyRejected, .iamPasswordWrong].contains(self)
        }

        var isDryRun: Bool { self == .tokenDryRun }
    }

    /// The three graphs the example policies stop on 2026-11-27.
    static let stoppedGraphs = [
        "4fa7751f-aff8-5030-b3d4-b75463388086", "5c83a085-dde3-515d-aec9-b3980b2df185",
        "999841db-fdc7-522f-bd62-619eb7135d82",
    ]

    @Test(arguments: Path.allCases)
    func canaryNeverLeaves(_ path: Path) async throws {
        try #require(FileManager.default.isExecutableFile(atPath: ExecutableRun.executable.path))
        let harness = try CLIHarness()
        let (simulator, endpoint) = try await Self.simulator(for: path)
        defer { Task { await simulator.stop() } }

        var arguments = [
            "--policy", CLIHarness.policy, "--pricing", CLIHarness.pricing, "--usage", CLIHarness.usage,
            "--now", CLIHarness.now, "--db", harness.path("history.sqlite"), "--report", harness.path("report.csv"),
            "--endpoint", endpoint,
        ]
        if path != .tokenDefaultVerbosity { arguments.append("--verbose") }
        if path.isDryRun { arguments.append("--dry-run") }
        var inputs: Set<String> = []
        var environment = ["HUAWEICLOUD_SDK_PROJECT_ID": CLIHarness.projectID]
        switch path {
        case .tokenLive, .tokenDefaultVerbosity, .tokenDryRun, .tokenRejected, .inventoryUnreadable, .malformedUsage,
            .echoedInStopErrors, .echoedIn401:
            environment["GES_AUTH_TOKEN"] = Canary.value
        case .tokenFileLive:
            let file = harness.path("token")
            try Canary.value.write(toFile: file, atomically: false, encoding: .utf8)
            try #require(chmod(file, 0o600) == 0)
            inputs.insert(file)
            environment["GES_AUTH_TOKEN_FILE"] = file
        case .accessKeyWithSecurityTokenLive, .accessKeyRejected, .echoedInStopErrorsSigned:
            environment["HUAWEICLOUD_SDK_AK"] = CLIHarness.accessKey
            environment["HUAWEICLOUD_SDK_SK"] = Canary.value
            environment["HUAWEICLOUD_SDK_SECURITY_TOKEN"] = Canary.value
        case .iamPasswordLive, .iamPasswordWrong, .echoedIssuedIAMToken:
            environment["HUAWEICLOUD_IAM_ENDPOINT"] = endpoint
            environment["HUAWEICLOUD_DOMAIN_NAME"] = Self.iamDomain
            environment["HUAWEICLOUD_USER_NAME"] = Self.iamUser
            environment["HUAWEICLOUD_PASSWORD"] = Canary.value
        case .tokenWithLineBreak:
            environment["GES_AUTH_TOKEN"] = Canary.value + "\r\nX-Injected: \(Canary.value)"
        case .configHoldsSecret:
            environment["GES_AUTH_TOKEN"] = Canary.value
            let config = harness.path("config.yml")
            try """
            endpoint: \(endpoint)
            token: "\(Canary.value)"
            auth:
              password: '\(Canary.value)'
              sk: \(Canary.value)
              security_token: \(Canary.value)
            """.write(toFile: config, atomically: false, encoding: .utf8)
            inputs.insert(config)
            arguments += ["--config", config]
        }
        if path == .inventoryUnreadable {
            // One attempt, so the run does not spend its retry budget on a fleet that stays unreadable.
            let config = harness.path("config.yml")
            try "retries: { max_attempts: 1 }\n".write(toFile: config, atomically: false, encoding: .utf8)
            inputs.insert(config)
            arguments += ["--config", config]
        }
        if path == .malformedUsage {
            let usage = harness.path("usage.csv")
            var text = try String(contentsOfFile: CLIHarness.usage, encoding: .utf8)
            text += "999841db-fdc7-522f-bd62-619eb7135d82,2026-11-26T02:00:00Z,3600,lots,1.0\n"
            try text.write(toFile: usage, atomically: false, encoding: .utf8)
            inputs.insert(usage)
            arguments[arguments.firstIndex(of: CLIHarness.usage)!] = usage
        }

        let result = try await ExecutableRun.run(["run"] + arguments, environment: environment, in: harness.folder)
        #expect(result.status == path.expectedStatus, "stderr: \(result.stderr)")
        try Self.expectNoLeak(result, harness: harness, inputs: inputs)
        if path.expectedStatus == 0 || path.expectedStatus == 2 {
            // The verbose log was really written (so searching it meant something).
            #expect(path == .tokenDefaultVerbosity || result.stderr.contains("authenticating with"), "\(result.stderr)")
        }
        if path == .tokenDryRun {
            // The reviewed dry-run report applied with the same secret: three stops, still no leak.
            var applyArguments = arguments.filter { $0 != "--dry-run" }
            applyArguments[applyArguments.firstIndex(of: harness.path("report.csv"))!] = harness.path("applied.csv")
            let applied = try await ExecutableRun.run(
                ["apply", harness.path("report.csv")] + applyArguments,
                environment: environment,
                in: harness.folder
            )
            #expect(applied.status == 0, "\(applied.stderr)")
            try Self.expectNoLeak(applied, harness: harness, inputs: inputs)
            #expect(try harness.reportRows("applied.csv").filter { $0["result"] == "requested" }.count == 3)
        }
        if FileManager.default.fileExists(atPath: harness.path("history.sqlite")) {
            let report = try await ExecutableRun.run(
                ["report", "--db", harness.path("history.sqlite"), "--by", "run", "--since", "3650d"],
                environment: environment,
                in: harness.folder
            )
            #expect(report.status == 0, "\(report.stderr)")
            try Self.expectNoLeak(report, harness: harness, inputs: inputs)
        }

        // Each path really went where it claims to: the secret was used, and the answers reached the job.
        let view = await CLIHarness.simulatorView(simulator)
        let stops = view.values.map(\.stops).reduce(0, +)
        switch path {
        case .tokenLive, .tokenDefaultVerbosity, .tokenFileLive, .accessKeyWithSecurityTokenLive, .iamPasswordLive:
            #expect(stops == 3)
            #expect(try harness.reportRows().filter { $0["result"] == "requested" }.count == 3)
        case .tokenDryRun:
            #expect(stops == 3)  // by the apply above; the dry-run itself sent none
            #expect(try harness.reportRows().filter { $0["result"] == "dry-run" }.count == 3)
        case .echoedInStopErrors, .echoedInStopErrorsSigned, .echoedIssuedIAMToken:
            let failed = try harness.reportRows().filter { $0["result"] == "failed" }
            #expect(failed.count == 3)
            // The echo arrived and was redacted, rather than dropped.
            #expect(failed.allSatisfy { $0["error_msg"]?.contains("***") == true }, "\(failed)")
        case .echoedIn401:
            #expect(try harness.reportRows().contains { $0["error_code"] == "HTTP 401" })
        case .tokenRejected, .accessKeyRejected, .iamPasswordWrong, .inventoryUnreadable, .tokenWithLineBreak:
            #expect(stops == 0)
            #expect(!FileManager.default.fileExists(atPath: harness.path("report.csv")))
        case .malformedUsage:
            #expect(stops == 0)
            #expect(result.stderr.contains("lots"))
        case .configHoldsSecret:
            #expect(stops == 0)
            #expect(result.stderr.contains("secrets do not belong in the config file"))
        }
    }

    /// Searches a run's stdout and stderr, every file it left in the folder and every database cell.
    static func expectNoLeak(_ result: ExecutableRun, harness: CLIHarness, inputs: Set<String>) throws {
        #expect(Canary.leaks(in: result.stdout).isEmpty, "canary on stdout: \(result.stdout)")
        #expect(Canary.leaks(in: result.stderr).isEmpty, "canary on stderr: \(result.stderr)")
        for file in try Canary.filesLeaking(in: harness.folder, except: inputs) {
            Issue.record("the canary is in \(file)")
        }
        for cell in try Canary.databaseCellsLeaking(at: harness.path("history.sqlite")) {
            Issue.record("the canary is in the database: \(cell)")
        }
    }

    /// The searches themselves: each finds the canary, shortened, in a file and in a database cell.
    @Test func theSearchesFindTheCanaryWhereverItIs() throws {
        let harness = try CLIHarness()
        #expect(Canary.leaks(in: "prefix \(Canary.value.prefix(10)) suffix").count == 1)
        #expect(Canary.leaks(in: "prefix \(Canary.issuedToken.suffix(10)) suffix").count == 1)
        #expect(Canary.leaks(in: "token (redacted), *** and Kx7Q…").isEmpty)
        try Data("x\(Canary.value.dropFirst(12))y".utf8).write(to: URL(fileURLWithPath: harness.path("out.bin")))
        #expect(try Canary.filesLeaking(in: harness.folder, except: []) == ["out.bin"])
        #expect(try Canary.filesLeaking(in: harness.folder, except: [harness.path("out.bin")]).isEmpty)
        let queue = try DatabaseQueue(path: harness.path("history.sqlite"))
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (a TEXT, b BLOB, c INTEGER)")
            try db.execute(sql: "INSERT INTO t VALUES ('fine', ?, 1)", arguments: [Data(Canary.value.utf8)])
        }
        try queue.close()
        #expect(try Canary.databaseCellsLeaking(at: harness.path("history.sqlite")) == ["t.b (row 1)"])
    }

    // MARK: credential files

    /// A live run whose token comes from a file of `mode`; returns the run, the simulator's stop count and the file.
    ///
    /// `arrange` may change the file after it is written and returns the path to name in `GES_AUTH_TOKEN_FILE`.
    func runWithTokenFile(
        mode: mode_t,
        viaConfig: Bool = false,
        arrange: (CLIHarness, String) throws -> String = { $1 }
    ) async throws -> (ExecutableRun, Int, String) {
        let harness = try CLIHarness()
        let (simulator, endpoint) = try await Self.simulator(for: .tokenFileLive)
        defer { Task { await simulator.stop() } }
        let file = harness.path("ges-token")
        try Canary.value.write(toFile: file, atomically: false, encoding: .utf8)
        try #require(chmod(file, mode) == 0)
        let named = try arrange(harness, file)
        var environment = ["HUAWEICLOUD_SDK_PROJECT_ID": CLIHarness.projectID]
        var arguments = [
            "run", "--policy", CLIHarness.policy, "--pricing", CLIHarness.pricing, "--usage", CLIHarness.usage,
            "--now", CLIHarness.now, "--db", harness.path("history.sqlite"), "--report", harness.path("report.csv"),
            "--endpoint", endpoint,
        ]
        var inputs: Set<String> = [file, named]
        if viaConfig {
            let config = harness.path("config.yml")
            try "auth:\n  token_file: ges-token\n".write(toFile: config, atomically: false, encoding: .utf8)
            inputs.insert(config)
            arguments += ["--config", config]
        } else {
            environment["GES_AUTH_TOKEN_FILE"] = named
        }
        let result = try await ExecutableRun.run(arguments, environment: environment, in: harness.folder)
        #expect(Canary.leaks(in: result.stdout + result.stderr).isEmpty)
        #expect(try Canary.filesLeaking(in: harness.folder, except: inputs).isEmpty)
        let stops = await CLIHarness.simulatorView(simulator).values.map(\.stops).reduce(0, +)
        return (result, stops, named)
    }

    @Test(arguments: [0o640, 0o604, 0o644, 0o660, 0o606, 0o620, 0o602, 0o777] as [mode_t])
    func tokenFileOpenToGroupOrOthersIsRefusedNamingTheFile(mode: mode_t) async throws {
        let (result, stops, file) = try await runWithTokenFile(mode: mode)
        #expect(result.status == 1)  // a refused token file is bad configuration: nothing was sent
        #expect(stops == 0)
        #expect(result.stderr.contains("token file \(file) is open to group or others"), "\(result.stderr)")
        #expect(result.stderr.contains("chmod 600 \(file)"))
        #expect(result.stdout.isEmpty)
    }

    /// Ways a token file of mode 600 can still be unsafe, and the reason the refusal gives.
    enum UnsafeTokenFile: String, CaseIterable, Sendable {
        case symbolicLink, fifo, ownedByNobody, worldWritableFolder

        var reason: String {
            switch self {
            case .symbolicLink: "is a symbolic link"
            case .fifo: "is not a regular file (it is a FIFO)"
            case .ownedByNobody: "is owned by uid 65534"
            case .worldWritableFolder: "is in a folder anyone may write to"
            }
        }
    }

    /// The file is opened once (no link followed, no wait on a FIFO) and checked through that descriptor.
    @Test(.enabled(if: geteuid() == 0, "giving a file to another user needs root"), arguments: UnsafeTokenFile.allCases)
    func unsafeTokenFileIsRefusedWithExitOneNamingItAndTheReason(_ unsafe: UnsafeTokenFile) async throws {
        let (result, stops, named) = try await runWithTokenFile(mode: 0o600) { harness, file in
            switch unsafe {
            case .symbolicLink:
                let link = harness.path("linked-token")
                try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: file)
                return link
            case .fifo:
                try FileManager.default.removeItem(atPath: file)
                try #require(mkfifo(file, 0o600) == 0)
            case .ownedByNobody:
                try #require(chown(file, 65534, 65534) == 0)
            case .worldWritableFolder:
                try #require(chmod(harness.folder.path, 0o777) == 0)
            }
            return file
        }
        #expect(result.status == 1, "\(result.stderr)")
        #expect(stops == 0)
        #expect(result.stderr.contains("token file \(named) \(unsafe.reason)"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test(arguments: [0o600, 0o400] as [mode_t])
    func tokenFileReadableByItsOwnerOnlyIsAccepted(mode: mode_t) async throws {
        let (result, stops, _) = try await runWithTokenFile(mode: mode)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(stops == 3)
    }

    /// docs/SPEC.md §6: the config file names the file that holds the token (`auth.token_file`), checked like
    /// `GES_AUTH_TOKEN_FILE`; the refusal names the config key that pointed at it.
    @Test func tokenFileNamedInTheConfigIsCheckedAndUsed() async throws {
        let (refused, refusedStops, file) = try await runWithTokenFile(mode: 0o644, viaConfig: true)
        #expect(refusedStops == 0)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("token file \(file) is open to group or others"), "\(refused.stderr)")
        #expect(refused.stderr.contains("auth.token_file"), "\(refused.stderr)")
        #expect(refused.stdout.isEmpty)
        let (accepted, acceptedStops, _) = try await runWithTokenFile(mode: 0o600, viaConfig: true)
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(acceptedStops == 3)
    }

    static let iamUser = "ops-bot"
    static let iamDomain = "example-account"

    /// The example fleet behind an in-process simulator that accepts (or, for the rejection paths, refuses) the canary.
    static func simulator(for path: Path) async throws -> (Simulator, String) {
        let fleet = try FleetDocument(contentsOf: URL(fileURLWithPath: CLIHarness.fleet))
        let accepted = path.simulatorAcceptsCanary ? Canary.value : "a-different-secret-0000"
        var faults = FaultSettings()
        switch path {
        case .inventoryUnreadable:
            faults.errorRates = [503: 1]
        case .echoedInStopErrors, .echoedInStopErrorsSigned:
            // A gateway that quotes the request headers back in its error body.
            let echo = "Invalid header. Received X-Auth-Token: \(Canary.value); X-Security-Token: \(Canary.value)"
            faults.scripts = [
                stoppedGraphs[0]: [
                    ScriptedAnswer(status: 400, body: ["error_code": "GES.7016", "error_msg": .string(echo)])
                ],
                stoppedGraphs[1]: [
                    ScriptedAnswer(status: 403, body: ["error_code": "GES.7041", "error_msg": .string(echo)])
                ],
                stoppedGraphs[2]: [
                    ScriptedAnswer(status: 409, body: ["error_msg": .string(echo), "echo": .string(echo)])
                ],
            ]
        case .echoedIssuedIAMToken:
            // The token IAM issued during the run, quoted back: a secret the job never configured.
            let echo = "Invalid header. Received X-Auth-Token: \(Canary.issuedToken)"
            faults.scripts = Dictionary(
                uniqueKeysWithValues: stoppedGraphs.map {
                    ($0, [ScriptedAnswer(status: 400, body: ["error_code": "GES.7016", "error_msg": .string(echo)])])
                }
            )
        case .echoedIn401:
            let echo = "token \(Canary.value) is not valid"
            faults.scripts = Dictionary(
                uniqueKeysWithValues: stoppedGraphs.map {
                    ($0, [ScriptedAnswer(status: 401, body: ["error_code": "APIGW.0301", "error_msg": .string(echo)])])
                }
            )
        default:
            break
        }
        let (simulator, endpoint) = try await Simulator.startOnLoopback(
            SimulatorConfiguration(
                fleet: fleet,
                projectID: CLIHarness.projectID,
                token: accepted,
                accessKey: CLIHarness.accessKey,
                secretKey: accepted,
                iamUser: .init(name: iamUser, password: accepted, domain: iamDomain),
                issuedToken: Canary.issuedToken,
                jobDelay: 0.05,
                faults: faults,
                seed: 7,
                clock: CLIHarness.nowDate
            )
        )
        return (simulator, endpoint)
    }
}

/// The secret the canary tests push through the job, and the searches that find it.
enum Canary {
    /// Distinctive, with the `+ / =` of real tokens, so escaping and shortening are caught too.
    static let value = "Kx7Qz9+Wm2Rv5/Tn8Lp4Hs6Jd3=Yc1"
    /// The token the simulator's IAM issues: a secret the run obtains rather than one it is given.
    static let issuedToken = "MIIsimVb3Ny8/Gf6Uq1+Ze4Xa7=Oc5Lw"

    /// Both canaries, every 10-character piece of them, and their base64 forms.
    static let fragments: [String] = {
        var pieces = Set<String>()
        for secret in [value, issuedToken] {
            let characters = Array(secret)
            pieces.formUnion((0...(characters.count - 10)).map { String(characters[$0..<($0 + 10)]) })
            pieces.insert(Data(secret.utf8).base64EncodedString())
        }
        return pieces.sorted()
    }()

    /// The fragments found in `text`.
    static func leaks(in text: String) -> [String] {
        fragments.filter { text.contains($0) }
    }

    /// The fragments found in `data`, read as bytes.
    static func leaks(in data: Data) -> [String] {
        fragments.filter { data.range(of: Data($0.utf8)) != nil }
    }

    /// Every file under `folder` (its inputs excepted) whose bytes hold a fragment.
    static func filesLeaking(in folder: URL, except inputs: Set<String>) throws -> [String] {
        var leaking: [String] = []
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true,
                !inputs.contains(url.path)
            else { continue }
            if !leaks(in: try Data(contentsOf: url)).isEmpty { leaking.append(url.lastPathComponent) }
        }
        return leaking
    }

    /// `table.column (row n)` for every cell of every table of the database that holds a fragment.
    static func databaseCellsLeaking(at path: String) throws -> [String] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        return try queue.read { db in
            var leaking: [String] = []
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
            for table in tables {
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM \(table.quotedDatabaseIdentifier)")
                for (index, row) in rows.enumerated() {
                    for (column, value) in row {
                        let text: String
                        switch value.storage {
                        case .string(let string): text = string
                        case .blob(let data): text = String(decoding: data, as: UTF8.self)
                        case .int64(let number): text = String(number)
                        case .double(let number): text = String(number)
                        case .null: continue
                        }
                        if !leaks(in: text).isEmpty { leaking.append("\(table).\(column) (row \(index + 1))") }
                    }
                }
            }
            return leaking
        }
    }
}

/// The real `ges-idle-stop`, run as a subprocess with stdout and stderr captured whole (in files).
struct ExecutableRun {
    var status: Int32
    var stdout: String
    var stderr: String

    /// The built `ges-idle-stop`, next to the test bundle (`swift build --build-tests` builds it).
    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
            "ges-idle-stop"
        )
    }

    /// Runs the executable (or another program) with exactly `environment` and waits without blocking a thread.
    static func run(
        _ arguments: [String],
        executable: URL = ExecutableRun.executable,
        environment: [String: String],
        in folder: URL
    ) async throws -> ExecutableRun {
        let name = UUID().uuidString.prefix(8)
        let outPath = folder.appendingPathComponent("stdout-\(name).txt")
        let errPath = folder.appendingPathComponent("stderr-\(name).txt")
        _ = FileManager.default.createFile(atPath: outPath.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath.path, contents: nil)
        let out = try FileHandle(forWritingTo: outPath)
        let err = try FileHandle(forWritingTo: errPath)
        defer {
            try? out.close()
            try? err.close()
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = folder
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        return ExecutableRun(
            status: status,
            stdout: try String(contentsOf: outPath, encoding: .utf8),
            stderr: try String(contentsOf: errPath, encoding: .utf8)
        )
    }
}
