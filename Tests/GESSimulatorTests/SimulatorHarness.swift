import Foundation
import GESKit
import IdleStopTestSupport
import Testing

@testable import GESSimulator

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One in-process simulator on a free port, and a small HTTP client for it (URLSession, not GESKit's transport).
struct SimulatorHarness {
    static let project = "0123456789abcdef0123456789abcdef"
    static let token = "sim-test-token-0123456789"
    static let accessKey = "SIMTESTACCESSKEY0000"
    static let secretKey = "sim-test-secret-key-00000000000000000000"

    /// The ids of `examples/sim/small-fleet.json`, in file order.
    static let alpha = "0b6a1c3e-1111-4a00-9000-000000000001"
    static let beta = "0b6a1c3e-1111-4a00-9000-000000000002"
    static let stopped = "0b6a1c3e-1111-4a00-9000-000000000003"
    static let database = "0b6a1c3e-1111-4a00-9000-000000000004"
    static let gamma = "0b6a1c3e-1111-4a00-9000-000000000005"

    let simulator: Simulator
    let baseURL: String

    /// The example fleet shared with `scripts/sdk-check`, read relative to this file.
    static func smallFleet() throws -> FleetDocument {
        try FleetDocument(contentsOf: Repository.url("examples/sim/small-fleet.json"))
    }

    /// A configuration with the small fleet, a token, AK/SK and an IAM user; tweak it in `adjust`.
    static func configuration(
        _ adjust: (inout SimulatorConfiguration) -> Void = { _ in }
    ) throws
        -> SimulatorConfiguration
    {
        var configuration = SimulatorConfiguration(
            fleet: try smallFleet(),
            projectID: project,
            token: token,
            accessKey: accessKey,
            secretKey: secretKey,
            iamUser: .init(name: "ops-user", password: "ops-password-1", domain: "ops-account"),
            jobDelay: 60,
            seed: 7
        )
        adjust(&configuration)
        return configuration
    }

    static func start(_ adjust: (inout SimulatorConfiguration) -> Void = { _ in }) async throws -> SimulatorHarness {
        let (simulator, baseURL) = try await Simulator.startOnLoopback(try configuration(adjust))
        return SimulatorHarness(simulator: simulator, baseURL: baseURL)
    }

    func stop() async {
        await simulator.stop()
    }

    struct Answer {
        var status: Int
        var headers: [String: String]
        var json: JSONValue

        var errorCode: String? { json["error_code"]?.stringValue }
    }

    /// Sends a request; `auth` picks the credentials.
    func send(
        _ method: String,
        _ path: String,
        body: String? = nil,
        auth: Auth = .token(Self.token),
        timeout: TimeInterval = 30
    ) async throws -> Answer {
        var request = URLRequest(url: URL(string: baseURL + path)!)
        request.httpMethod = method
        request.timeoutInterval = timeout
        let bodyData = body.map { Data($0.utf8) } ?? Data()
        if body != nil {
            request.httpBody = bodyData
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        switch auth {
        case .none:
            break
        case .token(let token):
            request.setValue(token, forHTTPHeaderField: "X-Auth-Token")
        case .signed(let secretKey, let date, let tamper):
            for (name, value) in Self.signedHeaders(
                method: method,
                url: baseURL + path,
                body: bodyData,
                secretKey: secretKey,
                date: date
            ) {
                request.setValue(tamper(name, value), forHTTPHeaderField: name)
            }
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
        }
        let json = data.isEmpty ? JSONValue.null : try JSONValue.parse(data)
        return Answer(status: http.statusCode, headers: headers, json: json)
    }

    /// The headers GESKit's signer adds for this request (Content-Type, X-Sdk-Date, Host, X-Project-Id, Authorization).
    static func signedHeaders(
        method: String,
        url: String,
        body: Data,
        secretKey: String = secretKey,
        date: Date = Date()
    ) -> [(String, String)] {
        var signed = GESKit.HTTPRequest(
            method: method,
            url: URL(string: url)!,
            headers: GESKit.HTTPHeaders([("Content-Type", "application/json")]),
            body: body
        )
        AKSKSigner(accessKey: accessKey, secretKey: secretKey).sign(&signed, date: date, projectID: project)
        return signed.headers.pairs
    }

    enum Auth: Sendable {
        case none
        case token(String)
        /// AK/SK with this secret key and date; `tamper` may change a header value after signing.
        case signed(secretKey: String, date: Date, tamper: @Sendable (String, String) -> String)

        static func signed(secretKey: String = SimulatorHarness.secretKey, date: Date = Date()) -> Auth {
            .signed(secretKey: secretKey, date: date, tamper: { _, value in value })
        }
    }

    /// `/v2/{project}/` + `rest`.
    static func ges(_ rest: String) -> String {
        "/v2/\(project)/\(rest)"
    }

    /// The status of a graph as `GET /_sim/state` reports it.
    func status(of graphID: String) async throws -> String? {
        let state = try await send("GET", "/_sim/state", auth: .none)
        guard case .array(let graphs)? = state.json["graphs"] else { return nil }
        return graphs.first { $0["id"]?.stringValue == graphID }?["status"]?.stringValue
    }

    func advanceClock(_ seconds: Int) async throws {
        let answer = try await send("POST", "/_sim/clock", body: #"{"advance_seconds": \#(seconds)}"#, auth: .none)
        #expect(answer.status == 200)
    }
}
