import Foundation
import Logging

/// Obtains a project-scoped IAM token with user name and password, once per run.
///
/// `POST {endpoint}/v3/auth/tokens`; the token is the `X-Subject-Token` response header
/// (docs/ges-api.md §4.1). Concurrent callers share one request; the token is cached for the actor's life.
/// Every token obtained is remembered for redaction, like the password: it is a secret the run holds.
public actor IAMClient {
    private let transport: any HTTPTransport
    private nonisolated let credentials: IAMPasswordCredentials
    private let logger: Logger
    private let timeout: Duration?
    private var pending: Task<Result<String, AuthError>, Never>?
    /// The tokens IAM issued to this client; read only to redact messages.
    private nonisolated let issued = Locked<[String]>([])
    /// For redaction of messages only.
    nonisolated var password: String { credentials.password }
    /// For redaction of messages only: every token obtained so far.
    nonisolated var issuedTokens: [String] { issued.withLock { $0 } }

    public init(
        transport: any HTTPTransport,
        credentials: IAMPasswordCredentials,
        logger: Logger,
        timeout: Duration? = nil
    ) {
        self.transport = transport
        self.credentials = credentials
        self.logger = logger
        self.timeout = timeout
    }

    /// The cached token, or a new one from IAM. A failure is not cached: the next call asks again.
    public func token() async throws(AuthError) -> String {
        let task: Task<Result<String, AuthError>, Never>
        if let pending {
            task = pending
        } else {
            let transport = transport
            let request = try makeRequest()
            let logger = logger
            let host = credentials.endpoint.host ?? ""
            let password = credentials.password
            task = Task {
                await Self.fetch(request, transport: transport, host: host, password: password, logger: logger)
            }
            pending = task
        }
        let result = await task.value
        switch result {
        case .success(let token):
            issued.withLock { tokens in if !tokens.contains(token) { tokens.append(token) } }
        case .failure:
            if pending == task { pending = nil }
        }
        return try result.get()
    }

    func makeRequest() throws(AuthError) -> HTTPRequest {
        guard var components = URLComponents(url: credentials.endpoint, resolvingAgainstBaseURL: false) else {
            throw AuthError(kind: .incomplete, message: "the IAM endpoint is not a URL")
        }
        var basePath = components.percentEncodedPath
        while basePath.hasSuffix("/") { basePath.removeLast() }
        components.percentEncodedPath = basePath + "/v3/auth/tokens"
        components.percentEncodedQuery = "nocatalog=true"
        guard let url = components.url else {
            throw AuthError(kind: .incomplete, message: "the IAM endpoint is not a URL")
        }
        let body: Data
        do {
            body = try JSONEncoder().encode(TokenRequest(credentials))
        } catch {
            throw AuthError(kind: .incomplete, message: "the IAM request could not be encoded")
        }
        return HTTPRequest(
            method: "POST",
            url: url,
            headers: ["Content-Type": "application/json;charset=utf8"],
            body: body,
            timeout: timeout
        )
    }

    private static func fetch(
        _ request: HTTPRequest,
        transport: any HTTPTransport,
        host: String,
        password: String,
        logger: Logger
    ) async -> Result<String, AuthError> {
        logger.debug("requesting an IAM token", metadata: ["host": "\(host)"])
        let response: HTTPResponse
        do {
            response = try await transport.send(request)
        } catch {
            return .failure(AuthError(kind: .unreachable, message: "IAM at \(host) could not be reached: \(error)"))
        }
        guard response.isSuccess else {
            let details = GESErrorBody.parse(response.body)
            // A service that echoes the request must not make the password part of our message.
            let reason = [details.code, details.message].compactMap { $0 }.joined(separator: " ")
                .replacingOccurrences(of: password.isEmpty ? "\u{0}" : password, with: "***")
            return .failure(
                AuthError(
                    kind: .rejected,
                    message: "IAM at \(host) refused the password login (HTTP \(response.status))"
                        + (reason.isEmpty ? "" : ": \(reason)")
                )
            )
        }
        guard let token = response.headers["X-Subject-Token"], !token.isEmpty else {
            return .failure(
                AuthError(kind: .rejected, message: "IAM at \(host) answered without an X-Subject-Token header")
            )
        }
        logger.debug("obtained an IAM token", metadata: ["host": "\(host)"])
        return .success(token)
    }

    /// The password-method token request body of docs/ges-api.md §4.1.
    struct TokenRequest: Encodable {
        var auth: Auth

        init(_ credentials: IAMPasswordCredentials) {
            let project: Project
            switch credentials.scope {
            case .id(let id): project = Project(id: id, name: nil)
            case .name(let name): project = Project(id: nil, name: name)
            }
            auth = Auth(
                identity: Identity(
                    methods: ["password"],
                    password: Password(
                        user: User(
                            name: credentials.userName,
                            password: credentials.password,
                            domain: Domain(name: credentials.domainName)
                        )
                    )
                ),
                scope: Scope(project: project)
            )
        }

        struct Auth: Encodable {
            var identity: Identity
            var scope: Scope
        }
        struct Identity: Encodable {
            var methods: [String]
            var password: Password
        }
        struct Password: Encodable { var user: User }
        struct User: Encodable {
            var name: String
            var password: String
            var domain: Domain
        }
        struct Domain: Encodable { var name: String }
        struct Scope: Encodable { var project: Project }
        struct Project: Encodable {
            var id: String?
            var name: String?
        }
    }
}
