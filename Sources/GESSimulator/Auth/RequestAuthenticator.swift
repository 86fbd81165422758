import Foundation

/// Decides whether a GES request carries valid credentials, as the cloud's API gateway does.
///
/// Accepted: `X-Auth-Token` equal to the configured token or one the IAM endpoint issued (and not expired),
/// or an AK/SK signature. With no credentials configured at all, every request is accepted.
struct RequestAuthenticator: Sendable {
    let configuration: SimulatorConfiguration
    let state: SimulatorState

    /// The 401 answer to send, or nil when the request may proceed.
    func refusal(for request: ReceivedRequest, realNow: Date = Date()) async -> SimulatorAnswer? {
        if configuration.isOpen { return nil }
        if let token = request.header("X-Auth-Token") {
            if let configured = configuration.token, SignatureVerifier.constantTimeEquals(token, configured) {
                return nil
            }
            if await state.isIssuedTokenValid(token) { return nil }
            return .unauthorized("the token is invalid or has expired")
        }
        if let authorization = request.header("Authorization") {
            guard let accessKey = configuration.accessKey, let secretKey = configuration.secretKey else {
                return .unauthorized("AK/SK authentication is not enabled")
            }
            let verifier = SignatureVerifier(
                accessKey: accessKey,
                secretKey: secretKey,
                maxSkew: configuration.maxSignatureSkew
            )
            if let failure = verifier.failure(
                authorization: authorization,
                method: request.method,
                rawPath: request.rawPath,
                query: request.query,
                headers: request.headers,
                body: request.body,
                realNow: realNow
            ) {
                return .unauthorized(failure)
            }
            return nil
        }
        return .unauthorized("no X-Auth-Token or Authorization header")
    }
}
