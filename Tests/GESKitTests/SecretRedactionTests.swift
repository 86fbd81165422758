import FlyingFox
import Foundation
import IdleStopTestSupport
import InMemoryLogging
import Testing

@testable import GESKit

/// Pushes a canary secret through every error and log path and checks it never comes out.
struct SecretRedactionTests {
    static let canary = "CANARY-s3cr3t-7f3a9c"

    static func leaks(_ text: String) -> Bool { text.contains(canary) }

    static func dumped(_ value: some Any) -> String {
        var text = ""
        dump(value, to: &text)
        return text + "\(value)" + String(reflecting: value)
    }

    @Test func credentialValuesDoNotPrintSecrets() throws {
        let values: [Credentials] = [
            .accessKey(id: "AKID0001", secret: Self.canary, securityToken: Self.canary),
            .token(Self.canary),
            .iamPassword(
                IAMPasswordCredentials(
                    endpoint: URL(string: "https://iam.example.com")!,
                    domainName: "d",
                    userName: "u",
                    password: Self.canary,
                    scope: .id("p")
                )
            ),
        ]
        for value in values {
            #expect(!Self.leaks(Self.dumped(value)), "\(value.methodName)")
        }
        #expect(
            !Self.leaks(Self.dumped(AKSKSigner(accessKey: "AK", secretKey: Self.canary, securityToken: Self.canary)))
        )
    }

    @Test func errorPathsDoNotLeakSecrets() async throws {
        var descriptions: [String] = []
        let (logger, logs) = InMemoryLogHandler.logger()

        // A server that echoes every credential it received in its error messages.
        let server = try await LoopbackServer.start { server in
            await server.appendRoute("*") { request in
                let echoed = request.headers.map { "\($0.key.rawValue)=\($0.value)" }.joined(separator: " ")
                let body = String(decoding: try await request.bodyData, as: UTF8.self)
                let message = "echo \(echoed) \(body)".replacingOccurrences(of: "\"", with: "'")
                let status: HTTPStatusCode = request.path.hasSuffix("/stop") ? .unauthorized : .badRequest
                return FlyingFox.HTTPResponse(
                    statusCode: status,
                    body: Data(#"{"error_code":"X.1","error_msg":"\#(message)"}"#.utf8)
                )
            }
        }
        defer { Task { await server.stop() } }

        // Token, AK/SK and IAM password through the GES client.
        let iam = IAMPasswordCredentials(
            endpoint: server.baseURL,
            domainName: "d",
            userName: "u",
            password: Self.canary,
            scope: .name("r")
        )
        let credentialSets: [Credentials] = [
            .token(Self.canary), .accessKey(id: "AKID", secret: Self.canary, securityToken: Self.canary),
            .iamPassword(iam),
        ]
        for credentials in credentialSets {
            let client = try ClientFactory.client(server: server, credentials: credentials, logger: logger)
            do {
                _ = try await client.showGraph(id: "g1")
            } catch {
                descriptions.append("\(error)")
            }
            do {
                _ = try await client.jobStatus(graphID: "g1", jobID: "j1")
            } catch {
                descriptions.append("\(error)")
            }
            descriptions.append("\(await client.stopGraph(id: "g1"))")
            descriptions.append("\(await client.stopGraph(id: "g2"))")
        }

        // IAM directly.
        do {
            _ = try await IAMClient(transport: try CurlTransport(), credentials: iam, logger: logger).token()
        } catch {
            descriptions.append("\(error)")
        }
        // IAM unreachable.
        let closed = try await LoopbackServer.start { _ in }
        await closed.stop()
        var unreachable = iam
        unreachable.endpoint = closed.baseURL
        do {
            _ = try await IAMClient(transport: try CurlTransport(), credentials: unreachable, logger: logger).token()
        } catch {
            descriptions.append("\(error)")
        }
        // Transport: a header value with a line break, and an insecure URL.
        let transport = try CurlTransport()
        for request in [
            GESKit.HTTPRequest(method: "GET", url: server.url("/"), headers: ["X-Auth-Token": Self.canary + "\r\n"]),
            GESKit.HTTPRequest(
                method: "GET",
                url: URL(string: "http://example.com/")!,
                headers: ["X-Auth-Token": Self.canary]
            ),
        ] {
            do {
                _ = try await transport.send(request)
            } catch {
                descriptions.append("\(error)")
            }
        }
        // Token file with the secret inside and wrong permissions.
        let path = try CredentialsTests.tokenFile(Self.canary, mode: 0o644)
        do {
            _ = try Credentials.resolve(environment: ["GES_AUTH_TOKEN_FILE": path])
        } catch {
            descriptions.append("\(error)")
        }

        #expect(descriptions.count >= 16)
        for description in descriptions {
            #expect(!Self.leaks(description), "\(description)")
        }
        #expect(logs.count > 0)
        #expect(!Self.leaks(logs.text))
    }
}
