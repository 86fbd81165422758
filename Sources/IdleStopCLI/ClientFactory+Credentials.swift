import Foundation
import GESKit
import IdleStopCore

extension ClientFactory {
    /// The credentials of a run and whether any of their values came from the config file's `auth:` section.
    struct ResolvedCredentials {
        var credentials: Credentials
        var isFromConfig: Bool
    }

    /// Resolves credentials from the environment, completed by the config file's `auth:` section.
    ///
    /// Each value is taken from its docs/SPEC.md §2 variable when that is set, else from where `auth:` says (the
    /// variable a `*_env` key names, `token_file`, or the IAM settings written in the file); the methods are then
    /// tried in the docs/SPEC.md §2 order (AK/SK, token, token file, IAM password). AK/SK and its security token are
    /// taken as one group: from the docs/SPEC.md §2 variables when either key is set there, else from the variables
    /// `auth:` names.
    /// A token file named in the config gets the checks of `GES_AUTH_TOKEN_FILE` (owner, mode, folder, one line).
    /// Credentials that are missing, half configured or in a refused token file are bad configuration (exit 1):
    /// nothing was sent, and exit 3 stays for credentials the cloud refused.
    static func resolveCredentials(
        environment: [String: String],
        auth: ConfigFile.Auth?,
        configPath: String?,
        projectID: String?,
        region: String?
    ) throws(CommandError) -> ResolvedCredentials {
        typealias Variable = Credentials.Variable
        let location = configPath.map { " in \($0)" } ?? " in the config file"
        let (merged, fromConfig) = try completed(environment, auth: auth, location: location)
        let credentials: Credentials
        do {
            credentials = try Credentials.resolve(environment: merged, projectID: projectID, region: region)
        } catch {
            let message = explain(error, fromConfig: fromConfig, auth: auth, location: location)
            throw CommandError(.credentials(AuthError(kind: error.kind, message: message)))
        }
        let used: [String]
        switch credentials {
        case .accessKey: used = [Variable.accessKey, Variable.secretKey, Variable.securityToken]
        case .token:
            let hasToken = merged[Variable.token]?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == false
            used = [hasToken ? Variable.token : Variable.tokenFile]
        case .iamPassword: used = [Variable.iamEndpoint, Variable.domainName, Variable.userName, Variable.password]
        }
        return ResolvedCredentials(credentials: credentials, isFromConfig: used.contains { fromConfig.contains($0) })
    }

    /// The value of the variable `name` in `environment`, trimmed; nil when unnamed, unset or blank.
    private static func value(_ name: String?, in environment: [String: String]) -> String? {
        guard let name, let raw = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !raw.isEmpty
        else { return nil }
        return raw
    }

    /// `environment` completed by the `auth:` section, and the docs/SPEC.md §2 variables whose values came from it.
    private static func completed(
        _ environment: [String: String],
        auth: ConfigFile.Auth?,
        location: String
    ) throws(CommandError) -> (merged: [String: String], fromConfig: Set<String>) {
        typealias Variable = Credentials.Variable
        guard let auth else { return (environment, []) }
        var merged = environment
        var fromConfig: Set<String> = []
        func fill(_ variable: String, _ configValue: String?) {
            guard value(variable, in: environment) == nil, let configValue, !configValue.isEmpty else { return }
            merged[variable] = configValue
            fromConfig.insert(variable)
        }
        if value(Variable.accessKey, in: environment) == nil, value(Variable.secretKey, in: environment) == nil,
            let keys = try accessKeys(environment, auth: auth, location: location)
        {
            for (variable, configValue) in [
                (Variable.accessKey, keys.accessKey), (Variable.secretKey, keys.secretKey),
                (Variable.securityToken, keys.securityToken),
            ] {
                merged[variable] = configValue
                if configValue != nil { fromConfig.insert(variable) }
            }
        }
        fill(Variable.token, value(auth.tokenEnv, in: environment))
        fill(Variable.tokenFile, auth.tokenFile)
        fill(Variable.iamEndpoint, auth.iamEndpoint)
        fill(Variable.domainName, auth.domainName)
        fill(Variable.userName, auth.userName)
        fill(Variable.password, value(auth.passwordEnv, in: environment))
        return (merged, fromConfig)
    }

    /// The AK/SK group from the variables `auth:` names, nil when neither key is set; one key alone is refused.
    private static func accessKeys(
        _ environment: [String: String],
        auth: ConfigFile.Auth,
        location: String
    ) throws(CommandError) -> (accessKey: String, secretKey: String, securityToken: String?)? {
        let accessKey = value(auth.accessKeyEnv, in: environment)
        let secretKey = value(auth.secretKeyEnv, in: environment)
        guard accessKey != nil || secretKey != nil else { return nil }
        guard let accessKey, let secretKey else {
            let (key, name) =
                accessKey == nil
                ? ("access_key_env", auth.accessKeyEnv ?? "") : ("secret_key_env", auth.secretKeyEnv ?? "")
            let message =
                "AK/SK signing needs both keys: \(name.isEmpty ? "auth.\(key) is not given\(location)" : "\(name) (named by auth.\(key)\(location)) is not set")"
            throw CommandError(.credentials(AuthError(kind: .incomplete, message: message)))
        }
        return (accessKey, secretKey, value(auth.securityTokenEnv, in: environment))
    }

    /// The resolver's message, naming the config file's keys where a value came (or could have come) from there.
    private static func explain(
        _ error: AuthError,
        fromConfig: Set<String>,
        auth: ConfigFile.Auth?,
        location: String
    )
        -> String
    {
        let tokenFileNote = " (the file auth.token_file names\(location))"
        switch error.kind {
        case .tokenFile where fromConfig.contains(Credentials.Variable.tokenFile):
            let message = error.message.replacingOccurrences(of: " (\(Credentials.Variable.tokenFile))", with: "")
            return message + tokenFileNote
        case .missing where auth != nil:
            return error.message + "; the auth: section\(location) names no variable that is set and no token file"
        case .incomplete where !fromConfig.isEmpty:
            return error.message + " (some values came from the auth: section\(location))"
        default:
            return error.message
        }
    }
}
