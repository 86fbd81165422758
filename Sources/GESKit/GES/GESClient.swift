import Foundation
import Logging
import Synchronization

/// Calls the GES management API of one project: list and show graphs, stop and start, job status.
///
/// Every request is authorized per attempt, retried per `retryPolicy` on 429/5xx/timeouts, and
/// never sent with an unvalidated ID in its path. After a 401 the client refuses to send anything else.
public struct GESClient: Sendable {
    public let endpoint: URL
    public let projectID: String
    let transport: any HTTPTransport
    let authorizer: RequestAuthorizer
    let logger: Logger
    let retryPolicy: RetryPolicy
    let clock: RetryClock
    let requestTimeout: Duration?
    let encodedProjectID: String
    let authenticationState = AuthenticationState()
    let serverClockState = ServerClockState()

    /// Page size of the graph listing.
    public static let pageSize = 100

    public init(
        transport: any HTTPTransport,
        endpoint: URL,
        projectID: String,
        authorizer: RequestAuthorizer,
        logger: Logger,
        retryPolicy: RetryPolicy = RetryPolicy(),
        clock: RetryClock = .live,
        requestTimeout: Duration? = nil
    ) throws(GESError) {
        self.encodedProjectID = try PathSegment.projectID(projectID)
        self.transport = transport
        self.endpoint = endpoint
        self.projectID = projectID
        self.authorizer = authorizer
        self.logger = logger
        self.retryPolicy = retryPolicy
        self.clock = clock
        self.requestTimeout = requestTimeout
    }

    /// Whether a 401 (or an IAM failure) has been seen; from then on no request is sent.
    public var hasAuthenticationFailed: Bool { authenticationState.hasFailed }

    /// The endpoint's clock from the first answer with a valid `Date` header (for a run: the listing), or nil.
    public var serverClock: ServerClockReading? { serverClockState.first }

    /// The URL for `path` (already encoded, starting with `/`) below the endpoint, with `query`.
    func url(path: String, query: [(String, String)] = []) throws(GESError) -> URL {
        guard var components = URLComponents(url: endpoint, resolvingAgainstBaseURL: false) else {
            throw GESError(kind: .invalidIdentifier, message: "the GES endpoint is not a URL")
        }
        var basePath = components.percentEncodedPath
        while basePath.hasSuffix("/") { basePath.removeLast() }
        components.percentEncodedPath = basePath + path
        components.percentEncodedQuery =
            query.isEmpty
            ? nil
            : query.map { "\(AKSKSigner.percentEncode($0.0))=\(AKSKSigner.percentEncode($0.1))" }.joined(separator: "&")
        guard let url = components.url else {
            throw GESError(kind: .invalidIdentifier, message: "the GES endpoint is not a URL")
        }
        return url
    }
}

/// Remembers, across copies of a client, that authentication failed.
final class AuthenticationState: Sendable {
    private let failed = Atomic<Bool>(false)
    var hasFailed: Bool { failed.load(ordering: .relaxed) }
    func markFailed() { failed.store(true, ordering: .relaxed) }
}
