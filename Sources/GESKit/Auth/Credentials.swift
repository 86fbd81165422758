import Foundation

/// The credentials the job authenticates with, resolved from the environment in the docs/SPEC.md §2 order.
///
/// `description`, `debugDescription` and the mirror never show a secret key, token or password.
public enum Credentials: Sendable, Equatable {
    /// AK/SK request signing (optionally with a temporary security token).
    case accessKey(id: String, secret: String, securityToken: String?)
    /// A ready token, sent as `X-Auth-Token`.
    case token(String)
    /// IAM user and password, exchanged for a project-scoped token once per run.
    case iamPassword(IAMPasswordCredentials)

    /// Environment variable names, in one place.
    public enum Variable {
        public static let accessKey = "HUAWEICLOUD_SDK_AK"
        public static let secretKey = "HUAWEICLOUD_SDK_SK"
        public static let securityToken = "HUAWEICLOUD_SDK_SECURITY_TOKEN"
        public static let token = "GES_AUTH_TOKEN"
        public static let tokenFile = "GES_AUTH_TOKEN_FILE"
        public static let iamEndpoint = "HUAWEICLOUD_IAM_ENDPOINT"
        public static let domainName = "HUAWEICLOUD_DOMAIN_NAME"
        public static let userName = "HUAWEICLOUD_USER_NAME"
        public static let password = "HUAWEICLOUD_PASSWORD"
    }

    /// A short name of the method, for logs.
    public var methodName: String {
        switch self {
        case .accessKey: return "AK/SK signing"
        case .token: return "token"
        case .iamPassword: return "IAM password"
        }
    }
}

extension Credentials: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        switch self {
        case .accessKey(let id, _, let securityToken):
            return
                "AK/SK signing (access key \(Redaction.hint(id))\(securityToken == nil ? "" : ", with security token"))"
        case .token: return "token (redacted)"
        case .iamPassword(let iam): return iam.description
        }
    }

    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["method": methodName]) }
}

/// Helpers that keep secrets out of text.
enum Redaction {
    /// The first four characters of an identifier and an ellipsis, so operators can tell keys apart.
    static func hint(_ value: String) -> String {
        value.count <= 4 ? "…" : String(value.prefix(4)) + "…"
    }
}
