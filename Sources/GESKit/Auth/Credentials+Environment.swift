import Foundation

extension Credentials {
    /// Resolves credentials from `environment`: AK/SK, then token (or token file), then IAM password.
    ///
    /// `projectID` or, failing that, `region` scopes an IAM token. A method that is half configured
    /// is an error rather than a silent fall-through to the next one.
    public static func resolve(
        environment: [String: String],
        projectID: String? = nil,
        region: String? = nil
    ) throws(AuthError) -> Credentials {
        func value(_ name: String) -> String? {
            guard let raw = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !raw.isEmpty else {
                return nil
            }
            return raw
        }

        let accessKey = value(Variable.accessKey)
        let secretKey = value(Variable.secretKey)
        if accessKey != nil || secretKey != nil {
            guard let accessKey, let secretKey else {
                let missing = accessKey == nil ? Variable.accessKey : Variable.secretKey
                throw AuthError(kind: .incomplete, message: "AK/SK signing needs both keys: \(missing) is not set")
            }
            return .accessKey(id: accessKey, secret: secretKey, securityToken: value(Variable.securityToken))
        }

        if let token = value(Variable.token) {
            return .token(token)
        }
        if let path = value(Variable.tokenFile) {
            return .token(try readTokenFile(path))
        }

        let iamNames = [Variable.iamEndpoint, Variable.domainName, Variable.userName, Variable.password]
        let iamValues = iamNames.map(value)
        if iamValues.contains(where: { $0 != nil }) {
            let missing = zip(iamNames, iamValues).filter { $0.1 == nil }.map(\.0)
            guard missing.isEmpty else {
                throw AuthError(
                    kind: .incomplete,
                    message: "IAM password authentication needs \(missing.joined(separator: ", ")) as well"
                )
            }
            return .iamPassword(try iamPassword(iamValues.compactMap { $0 }, projectID: projectID, region: region))
        }

        throw AuthError(
            kind: .missing,
            message: "no credentials: set \(Variable.accessKey) and \(Variable.secretKey), or \(Variable.token) "
                + "or \(Variable.tokenFile), or \(Variable.iamEndpoint), \(Variable.domainName), "
                + "\(Variable.userName) and \(Variable.password)"
        )
    }

    /// IAM password credentials from the values of the IAM endpoint, domain, user and password (in that order),
    /// scoped to `projectID`, else to `region`.
    static func iamPassword(
        _ values: [String],
        projectID: String?,
        region: String?
    ) throws(AuthError) -> IAMPasswordCredentials {
        let endpointText = values[0]
        guard let endpoint = URL(string: endpointText.contains("://") ? endpointText : "https://" + endpointText),
            endpoint.host != nil
        else {
            throw AuthError(kind: .incomplete, message: "\(Variable.iamEndpoint) is not a URL")
        }
        let scope: IAMPasswordCredentials.ProjectScope
        if let projectID, !projectID.isEmpty {
            scope = .id(projectID)
        } else if let region, !region.isEmpty {
            scope = .name(region)
        } else {
            throw AuthError(
                kind: .incomplete,
                message: "IAM password authentication needs a project ID or a region to scope the token"
            )
        }
        return IAMPasswordCredentials(
            endpoint: endpoint,
            domainName: values[1],
            userName: values[2],
            password: values[3],
            scope: scope
        )
    }
}
