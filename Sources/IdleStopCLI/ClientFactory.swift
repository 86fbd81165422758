import Foundation
import GESKit
import Logging

/// Builds a run's cloud clients from its settings: one transport and one set of credentials for GES and Cloud Eye.
///
/// Sharing the authorizer means one IAM login per run, whichever services the run talks to.
struct ClientFactory {
    var settings: RunSettings
    var environment: [String: String]
    var logger: Logger

    /// The clients of one run; Cloud Eye only when usage comes from it.
    struct Clients {
        var ges: GESClient
        var cloudEye: CloudEyeClient?
    }

    func makeClients(cloudEye needsCloudEye: Bool) throws(CommandError) -> Clients {
        guard let endpoint = try gesEndpoint() else {
            throw .setting(
                "no GES endpoint: give --endpoint URL, GES_ENDPOINT, or --region NAME (or endpoint:/region: in the config file)"
            )
        }
        guard let projectID = settings.projectID, !projectID.isEmpty else {
            throw .setting(
                "no project ID: give --project-id or HUAWEICLOUD_SDK_PROJECT_ID (or project_id: in the config file)"
            )
        }
        let transport = try makeTransport()
        let authorizer = try makeAuthorizer(projectID: projectID, transport: transport)
        let ges: GESClient
        do {
            ges = try GESClient(
                transport: transport,
                endpoint: endpoint,
                projectID: projectID,
                authorizer: authorizer,
                logger: logger,
                retryPolicy: retryPolicy
            )
        } catch {
            throw CommandError(.ges(error))
        }
        guard needsCloudEye else { return Clients(ges: ges, cloudEye: nil) }
        let cloudEye = try makeCloudEye(
            gesEndpoint: endpoint,
            projectID: projectID,
            transport: transport,
            authorizer: authorizer
        )
        return Clients(ges: ges, cloudEye: cloudEye)
    }

    /// The one transport of the run (and of its notifications), with the settings' timeouts, CA file and concurrency.
    func makeTransport() throws(CommandError) -> CurlTransport {
        do {
            return try CurlTransport(
                configuration: .init(
                    connectTimeout: .milliseconds(Int64(settings.connectTimeout * 1000)),
                    timeout: .milliseconds(Int64(settings.requestTimeout * 1000)),
                    caFile: settings.caFile,
                    concurrency: settings.concurrency
                )
            )
        } catch {
            throw CommandError(.transport(error))
        }
    }

    /// The authorizer both clients share, from the resolved credentials; logs the method it uses.
    func makeAuthorizer(projectID: String, transport: CurlTransport) throws(CommandError) -> RequestAuthorizer {
        let resolved = try Self.resolveCredentials(
            environment: environment,
            auth: settings.auth,
            configPath: settings.configPath,
            projectID: projectID,
            region: settings.region
        )
        let credentials = resolved.credentials
        logger.info(
            "authenticating with \(credentials.methodName)\(resolved.isFromConfig ? " (set up by the config file's auth: section)" : "")"
        )
        return RequestAuthorizer(credentials: credentials, transport: transport, logger: logger)
    }

    /// How the clients and notifications repeat a request: the settings' attempts and time budget.
    var retryPolicy: RetryPolicy {
        RetryPolicy(maxAttempts: settings.maxAttempts, maxTotal: .milliseconds(Int64(settings.maxRetrySeconds * 1000)))
    }

    /// The Cloud Eye client, on the endpoint `cloudEyeEndpoint(gesEndpoint:)` finds.
    private func makeCloudEye(
        gesEndpoint: URL,
        projectID: String,
        transport: CurlTransport,
        authorizer: RequestAuthorizer
    ) throws(CommandError) -> CloudEyeClient {
        guard let cesEndpoint = try cloudEyeEndpoint(gesEndpoint: gesEndpoint) else {
            throw .setting(
                "no Cloud Eye endpoint: give --ces-endpoint URL or --region NAME (or ces_endpoint: in the config file)"
            )
        }
        do {
            return try CloudEyeClient(
                transport: transport,
                endpoint: cesEndpoint,
                projectID: projectID,
                authorizer: authorizer,
                logger: logger,
                retryPolicy: retryPolicy
            )
        } catch {
            throw CommandError(.cloudEye(error))
        }
    }

    private func gesEndpoint() throws(CommandError) -> URL? {
        if let text = settings.endpoint { return try Self.url(text, name: "GES endpoint") }
        if let region = settings.region {
            guard let url = Endpoint.ges(region: region) else {
                throw .setting("--region \(region.debugDescription) is not a region name like cn-north-4")
            }
            return url
        }
        return nil
    }

    /// `--ces-endpoint`, else the region's, else the GES endpoint's host with `ges.` changed to `ces.`.
    private func cloudEyeEndpoint(gesEndpoint: URL) throws(CommandError) -> URL? {
        if let text = settings.cesEndpoint { return try Self.url(text, name: "Cloud Eye endpoint") }
        if let region = settings.region, let url = Endpoint.ces(region: region) { return url }
        guard var components = URLComponents(url: gesEndpoint, resolvingAgainstBaseURL: false),
            let host = components.host, host.hasPrefix("ges.")
        else { return nil }
        components.host = "ces." + host.dropFirst(4)
        return components.url
    }

    private static func url(_ text: String, name: String) throws(CommandError) -> URL {
        guard let url = URL(string: text), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil
        else {
            throw .setting("the \(name) \(text.debugDescription) is not an http(s) URL")
        }
        return url
    }
}
