import Foundation
import Logging

/// Applies the run's credentials to each request: AK/SK signature, `X-Auth-Token`, or an IAM token.
///
/// Call it for every attempt: a retried request gets a fresh `X-Sdk-Date` and signature.
public struct RequestAuthorizer: Sendable {
    enum Method: Sendable {
        case signer(AKSKSigner)
        case token(String)
        case iam(IAMClient)
    }

    let method: Method
    private let now: @Sendable () -> Date

    /// `transport` is used only for IAM password logins.
    public init(
        credentials: Credentials,
        transport: any HTTPTransport,
        logger: Logger,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        switch credentials {
        case .accessKey(let id, let secret, let securityToken):
            method = .signer(AKSKSigner(accessKey: id, secretKey: secret, securityToken: securityToken))
        case .token(let token):
            method = .token(token)
        case .iamPassword(let iam):
            method = .iam(IAMClient(transport: transport, credentials: iam, logger: logger))
        }
        self.now = now
    }

    /// Adds the authentication headers to `request`; `projectID` goes into `X-Project-Id` for AK/SK.
    public func authorize(_ request: inout HTTPRequest, projectID: String?) async throws(AuthError) {
        switch method {
        case .signer(let signer):
            signer.sign(&request, date: now(), projectID: projectID)
        case .token(let token):
            request.headers.replaceOrAdd(name: "X-Auth-Token", value: token)
        case .iam(let client):
            let token = try await client.token()
            request.headers.replaceOrAdd(name: "X-Auth-Token", value: token)
        }
    }

    /// `text` with any secret of these credentials replaced by `***`, for messages that quote a service.
    ///
    /// With IAM password credentials the secrets are the password and every token IAM issued during the run.
    public func redact(_ text: String) -> String {
        let secrets: [String]
        switch method {
        case .signer(let signer): secrets = [signer.secretKey, signer.securityToken].compactMap { $0 }
        case .token(let token): secrets = [token]
        case .iam(let client): secrets = [client.password] + client.issuedTokens
        }
        return secrets.filter { $0.count >= 4 }.reduce(text) { $0.replacingOccurrences(of: $1, with: "***") }
    }
}
