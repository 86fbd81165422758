import Foundation
import GESSimulator
import IdleStopTestSupport
import Testing

/// TLS verification end to end: the real executable against the simulator behind a TLS proxy with a test CA.
///
/// The proxy (`Fixtures/tls/tls-proxy.py`) reports each connection whose handshake completed and each chunk it
/// forwards (before forwarding it), so "nothing was sent" is observed rather than assumed.
@Suite struct TLSTests {
    static let folder = try! Fixtures(.module).url("tls")
    static let caFile = folder.appendingPathComponent("ca.pem").path
    static let otherCAFile = folder.appendingPathComponent("other-ca.pem").path
    static let token = "tls-test-token-4b1d"

    /// A run of the example data against `endpoint` with a token, plus `extra` options.
    func run(
        endpoint: String,
        _ extra: [String],
        harness: CLIHarness,
        environment: [String: String] = [:]
    )
        async throws -> ExecutableRun
    {
        let arguments = [
            "run", "--policy", CLIHarness.policy, "--pricing", CLIHarness.pricing, "--usage", CLIHarness.usage,
            "--now", CLIHarness.now, "--db", harness.path("history.sqlite"), "--report", harness.path("report.csv"),
            "--endpoint", endpoint,
        ]
        var base = ["HUAWEICLOUD_SDK_PROJECT_ID": CLIHarness.projectID, "GES_AUTH_TOKEN": Self.token]
        base.merge(environment) { _, new in new }
        return try await ExecutableRun.run(arguments + extra, environment: base, in: harness.folder)
    }

    static func simulator() async throws -> (Simulator, Int) {
        let fleet = try FleetDocument(contentsOf: URL(fileURLWithPath: CLIHarness.fleet))
        let simulator = Simulator(
            configuration: SimulatorConfiguration(
                fleet: fleet,
                projectID: CLIHarness.projectID,
                token: token,
                jobDelay: 0.05,
                seed: 7,
                clock: CLIHarness.nowDate
            )
        )
        return (simulator, try await simulator.start())
    }

    static func stops(_ simulator: Simulator) async -> Int {
        await CLIHarness.simulatorView(simulator).values.map(\.stops).reduce(0, +)
    }

    @Test(arguments: ["localhost", "127.0.0.1"])
    func theTestCAIsTrustedOnlyWhenGivenWithCAFile(host: String) async throws {
        try #require(FileManager.default.isExecutableFile(atPath: ExecutableRun.executable.path))
        let (simulator, port) = try await Self.simulator()
        defer { Task { await simulator.stop() } }
        let proxy = try await TLSProxy(backend: port)
        defer { proxy.stop() }
        let endpoint = "https://\(host):\(proxy.port)"

        let untrusted = try await run(endpoint: endpoint, ["--quiet"], harness: try CLIHarness())
        #expect(untrusted.status == 5, "\(untrusted.stderr)")
        #expect(untrusted.stderr.contains("TLS failure (\(host))"), "\(untrusted.stderr)")
        #expect(untrusted.stderr.contains("No stop was sent."))
        #expect(await Self.stops(simulator) == 0)

        let wrongCA = try await run(
            endpoint: endpoint,
            ["--quiet", "--ca-file", Self.otherCAFile],
            harness: try CLIHarness()
        )
        #expect(wrongCA.status == 5, "\(wrongCA.stderr)")
        #expect(wrongCA.stderr.contains("TLS failure"), "\(wrongCA.stderr)")
        // Neither handshake completed, so not one byte (no token either) reached the simulator.
        #expect(proxy.events().accepted == 0)
        #expect(proxy.events().sentBytes == 0)

        let harness = try CLIHarness()
        let trusted = try await run(endpoint: endpoint, ["--ca-file", Self.caFile], harness: harness)
        #expect(trusted.status == 0, "\(trusted.stderr)")
        #expect(await Self.stops(simulator) == 3)
        #expect(try harness.reportRows().filter { $0["result"] == "requested" }.count == 3)
        #expect(proxy.events().sentBytes > 0)
    }

    @Test func aCertificateForAnotherHostIsRefusedEvenWithTheRightCA() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: ExecutableRun.executable.path))
        let (simulator, port) = try await Self.simulator()
        defer { Task { await simulator.stop() } }
        // 127.0.0.2 is loopback too, but the certificate names only localhost and 127.0.0.1.
        let proxy = try await TLSProxy(backend: port, listen: "127.0.0.2")
        defer { proxy.stop() }
        let result = try await run(
            endpoint: "https://127.0.0.2:\(proxy.port)",
            ["--quiet", "--ca-file", Self.caFile],
            harness: try CLIHarness()
        )
        #expect(result.status == 5, "\(result.stderr)")
        #expect(result.stderr.contains("TLS failure (127.0.0.2)"), "\(result.stderr)")
        // libcurl checks the name right after the handshake, then hangs up before sending the request.
        #expect(proxy.events().sentBytes == 0)
        #expect(await Self.stops(simulator) == 0)
    }

    @Test func aMissingCAFileIsBadInputBeforeAnythingIsSent() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: ExecutableRun.executable.path))
        let (simulator, port) = try await Self.simulator()
        defer { Task { await simulator.stop() } }
        let proxy = try await TLSProxy(backend: port)
        defer { proxy.stop() }
        let harness = try CLIHarness()
        let missing = harness.path("no-such-ca.pem")
        let result = try await run(
            endpoint: "https://localhost:\(proxy.port)",
            ["--ca-file", missing],
            harness: harness
        )
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("cannot read CA file \(missing)"), "\(result.stderr)")
        #expect(proxy.events().accepted == 0)
    }

    /// Plain http to a host that is not loopback is refused before a connection is even opened.
    @Test func plainHTTPToANonLoopbackHostIsRefusedBeforeSending() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: ExecutableRun.executable.path))
        let (simulator, port) = try await Self.simulator()
        defer { Task { await simulator.stop() } }
        // A plain listener on every interface, reached through this machine's own non-loopback address.
        let listener = try await TLSProxy(backend: port, listen: "0.0.0.0", tls: false)
        defer { listener.stop() }
        let address = Self.nonLoopbackIPv4Address() ?? "192.0.2.1"
        let endpoint = "http://\(address):\(listener.port)"

        let token = try await run(endpoint: endpoint, ["--quiet"], harness: try CLIHarness())
        #expect(token.status == 5, "\(token.stderr)")
        #expect(
            token.stderr.contains("refused to send (\(address)): plain http is only allowed to loopback hosts"),
            "\(token.stderr)"
        )

        // The IAM password is not posted over plain http either.
        let iam = try await run(
            endpoint: "http://127.0.0.1:\(port)",
            ["--quiet"],
            harness: try CLIHarness(),
            environment: [
                "GES_AUTH_TOKEN": "", "HUAWEICLOUD_IAM_ENDPOINT": endpoint, "HUAWEICLOUD_DOMAIN_NAME": "example",
                "HUAWEICLOUD_USER_NAME": "ops-bot", "HUAWEICLOUD_PASSWORD": "iam-password-9d2c",
            ]
        )
        #expect(iam.status == 3, "\(iam.stderr)")
        #expect(iam.stderr.contains("refused to send (\(address))"), "\(iam.stderr)")
        #expect(!iam.stderr.contains("iam-password-9d2c"))

        #expect(listener.events().accepted == 0)
        #expect(await Self.stops(simulator) == 0)
    }

    /// The first IPv4 address of this machine outside 127.0.0.0/8, if it has one.
    static func nonLoopbackIPv4Address() -> String? {
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0, let first = list else { return nil }
        defer { freeifaddrs(list) }
        var cursor: UnsafeMutablePointer<ifaddrs>? = first
        while let entry = cursor {
            defer { cursor = entry.pointee.ifa_next }
            guard let address = entry.pointee.ifa_addr, address.pointee.sa_family == sa_family_t(AF_INET) else {
                continue
            }
            var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            guard
                getnameinfo(
                    address,
                    socklen_t(MemoryLayout<sockaddr_in>.size),
                    &host,
                    socklen_t(host.count),
                    nil,
                    0,
                    NI_NUMERICHOST
                ) == 0
            else { continue }
            let text = String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if !text.hasPrefix("127.") { return text }
        }
        return nil
    }
}

/// `Fixtures/tls/tls-proxy.py` as a subprocess: TLS (test CA) or plain in front of a simulator port.
final class TLSProxy {
    let port: Int
    private let process: Process
    private let eventsFile: URL

    /// What the proxy saw so far: connections that got past the handshake, and client bytes it forwarded.
    struct Events {
        var accepted: Int
        var sentBytes: Int
    }

    init(backend: Int, listen: String = "127.0.0.1", tls: Bool = true) async throws {
        let folder = TLSTests.folder
        eventsFile = FileManager.default.temporaryDirectory.appendingPathComponent("tls-proxy-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: eventsFile.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        var arguments = [
            "python3", folder.appendingPathComponent("tls-proxy.py").path, "--backend", String(backend),
            "--listen", listen, "--events", eventsFile.path,
        ]
        if tls {
            arguments += [
                "--cert", folder.appendingPathComponent("server.pem").path,
                "--key", folder.appendingPathComponent("server-key.pem").path,
            ]
        }
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        // Its first event is "listening <port>"; an exit before that means it could not start.
        var port: Int?
        while port == nil, process.isRunning {
            try await Task.sleep(for: .milliseconds(20))
            let text = (try? String(contentsOf: eventsFile, encoding: .utf8)) ?? ""
            port = text.split(separator: "\n").first { $0.hasPrefix("listening ") }
                .flatMap { Int($0.dropFirst("listening ".count)) }
        }
        guard let port else {
            throw TLSProxyError(
                message: "tls-proxy.py did not start (is python3 on PATH?), exit \(process.terminationStatus)"
            )
        }
        self.port = port
    }

    /// The events reported so far.
    func events() -> Events {
        let text = (try? String(contentsOf: eventsFile, encoding: .utf8)) ?? ""
        var events = Events(accepted: 0, sentBytes: 0)
        for line in text.split(separator: "\n") {
            if line == "accepted" { events.accepted += 1 }
            if line.hasPrefix("sent "), let bytes = Int(line.dropFirst("sent ".count)) { events.sentBytes += bytes }
        }
        return events
    }

    /// Ends the proxy (SIGTERM); it also exits by itself when the test process goes away.
    func stop() {
        // No waitUntilExit: it spins a run loop on the calling thread, which here is one of the few the
        // in-process simulators need; Foundation reaps the child when it exits.
        if process.isRunning { process.terminate() }
        try? FileManager.default.removeItem(at: eventsFile)
    }
}

struct TLSProxyError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
