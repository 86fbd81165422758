import Foundation
import GESKit
import Logging

/// Builds the GES client of a run from its settings: endpoint, project, transport, credentials.
struct ClientFactory {
    var settings: RunSettings
    var environment: [String: String]
    var logger: Logger

    func makeGESClient() throws(CommandError) -> GESClient {
        guard let endpoint = try endpointURL() else {
            throw .badInput("no GES endpoint: give --endpoint URL, GES_ENDPOINT, or --region NAME (or endpoint:/region: in the config file)")
        }
        guard let projectID = settings.projectID, !projectID.isEmpty else {
            throw .badInput("no project ID: give --project-id or HUAWEICLOUD_SDK_PROJECT_ID (or project_id: in the config file)")
        }
        let transport: CurlTransport
        do {
            transport = try CurlTransport(configuration: .init(
                connectTimeout: .milliseconds(Int64(settings.connectTimeout * 1000)),
                timeout: .milliseconds(Int64(settings.requestTimeout * 1000)),
                caFile: settings.caFile, concurrency: settings.concurrency))
        } catch {
            throw .badInput("\(error)")
        }
        let credentials: Credentials
        do {
            credentials = try Credentials.resolve(environment: environment, projectID: projectID, region: settings.region)
        } catch {
            throw .authentication("\(error)")
        }
        logger.info("authenticating with \(credentials.methodName)")
        let authorizer = RequestAuthorizer(credentials: credentials, transport: transport, logger: logger)
        let retry = RetryPolicy(maxAttempts: settings.maxAttempts, maxTotal: .milliseconds(Int64(settings.maxRetrySeconds * 1000)))
        do {
            return try GESClient(transport: transport, endpoint: endpoint, projectID: projectID, authorizer: authorizer,
                                 logger: logger, retryPolicy: retry)
        } catch {
            throw .badInput("\(error)")
        }
    }

    private func endpointURL() throws(CommandError) -> URL? {
        if let text = settings.endpoint {
            guard let url = URL(string: text), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
                throw .badInput("the GES endpoint \(text.debugDescription) is not an http(s) URL")
            }
            return url
        }
        if let region = settings.region {
            guard let url = Endpoint.ges(region: region) else {
                throw .badInput("--region \(region.debugDescription) is not a region name like cn-north-4")
            }
            return url
        }
        return nil
    }
}
