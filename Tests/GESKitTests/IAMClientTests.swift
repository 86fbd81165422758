import FlyingFox
import Foundation
import IdleStopTestSupport
import Testing

@testable import GESKit

struct IAMClientTests {
    static func credentials(_ server: LoopbackServer, password: String = "pa55word") -> IAMPasswordCredentials {
        IAMPasswordCredentials(
            endpoint: server.baseURL,
            domainName: "acme",
            userName: "robot",
            password: password,
            scope: .name("cn-north-4")
        )
    }

    /// An IAM client for the robot user at `server`, logging nowhere.
    static func client(_ server: LoopbackServer) throws -> IAMClient {
        IAMClient(transport: try CurlTransport(), credentials: credentials(server), logger: .discarding("iam-test"))
    }

    @Test func obtainsTokenOnceAndSendsTheDocumentedBody() async throws {
        let counter = RequestCounter()
        let server = try await LoopbackServer.start { server in
            await server.appendRoute("POST /v3/auth/tokens") { request in
                await counter.record(request)
                return FlyingFox.HTTPResponse(
                    statusCode: .created,
                    headers: [HTTPHeader("X-Subject-Token"): "issued-token"],
                    body: Data(#"{"token":{}}"#.utf8)
                )
            }
        }
        defer { Task { await server.stop() } }
        let client = try Self.client(server)
        async let first = client.token()
        async let second = client.token()
        #expect(try await [first, second] == ["issued-token", "issued-token"])
        #expect(try await client.token() == "issued-token")
        #expect(await counter.count == 1)

        let body = try #require(
            try JSONSerialization.jsonObject(with: await counter.lastBody) as? [String: Any]
        )
        let auth = try #require(body["auth"] as? [String: Any])
        let identity = try #require(auth["identity"] as? [String: Any])
        #expect(identity["methods"] as? [String] == ["password"])
        let user = try #require((identity["password"] as? [String: Any])?["user"] as? [String: Any])
        #expect(user["name"] as? String == "robot")
        #expect(user["password"] as? String == "pa55word")
        #expect((user["domain"] as? [String: Any])?["name"] as? String == "acme")
        let project = try #require((auth["scope"] as? [String: Any])?["project"] as? [String: Any])
        #expect(project["name"] as? String == "cn-north-4")
        #expect(project["id"] == nil)
        #expect(await counter.lastHeaders["content-type"] == "application/json;charset=utf8")
    }

    @Test func refusalIsRejectedAndRetriedOnNextCall() async throws {
        let counter = RequestCounter()
        let server = try await LoopbackServer.start { server in
            await server.appendRoute("POST /v3/auth/tokens") { request in
                await counter.record(request)
                return FlyingFox.HTTPResponse(
                    statusCode: .unauthorized,
                    body: Data(
                        #"{"error":{"code":401,"message":"The username or password is wrong.","title":"Unauthorized"}}"#
                            .utf8
                    )
                )
            }
        }
        defer { Task { await server.stop() } }
        let client = try Self.client(server)
        let error = await #expect(throws: AuthError.self) { _ = try await client.token() }
        #expect(error?.kind == .rejected)
        #expect(error?.description.contains("HTTP 401") == true)
        #expect(error?.description.contains("password is wrong") == true)
        await #expect(throws: AuthError.self) { _ = try await client.token() }
        #expect(await counter.count == 2)
    }

    @Test func answerWithoutSubjectTokenIsRejected() async throws {
        let server = try await LoopbackServer.start { server in
            await server.appendRoute("POST /v3/auth/tokens") { _ in FlyingFox.HTTPResponse(statusCode: .created) }
        }
        defer { Task { await server.stop() } }
        let client = try Self.client(server)
        let error = await #expect(throws: AuthError.self) { _ = try await client.token() }
        #expect(error?.kind == .rejected)
        #expect(error?.description.contains("X-Subject-Token") == true)
    }

    @Test func iamTokenIsUsedForGESRequests() async throws {
        let counter = RequestCounter()
        let server = try await LoopbackServer.start { server in
            await server.appendRoute("POST /v3/auth/tokens") { _ in
                FlyingFox.HTTPResponse(
                    statusCode: .created,
                    headers: [HTTPHeader("X-Subject-Token"): "iam-token-1"],
                    body: Data()
                )
            }
            await server.appendRoute("POST /v2/*/graphs/*/stop") { request in
                await counter.record(request)
                return FlyingFox.HTTPResponse(statusCode: .ok, body: Data(#"{"job_id":"j"}"#.utf8))
            }
        }
        defer { Task { await server.stop() } }
        let client = try ClientFactory.client(server: server, credentials: .iamPassword(Self.credentials(server)))
        #expect(await client.stopGraph(id: "g1") == .requested(jobID: "j"))
        #expect(await counter.lastHeaders["x-auth-token"] == "iam-token-1")
    }
}
