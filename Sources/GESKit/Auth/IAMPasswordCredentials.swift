import Foundation

/// An IAM user, its password and the project scope of the token to obtain.
public struct IAMPasswordCredentials: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The project the token is scoped to: by ID or by name (the region name, e.g. `cn-north-4`).
    public enum ProjectScope: Sendable, Equatable {
        case id(String)
        case name(String)
    }

    public var endpoint: URL
    public var domainName: String
    public var userName: String
    public var password: String
    public var scope: ProjectScope

    public init(endpoint: URL, domainName: String, userName: String, password: String, scope: ProjectScope) {
        self.endpoint = endpoint
        self.domainName = domainName
        self.userName = userName
        self.password = password
        self.scope = scope
    }

    public var description: String {
        "IAM password (user \(userName) in \(domainName) at \(endpoint.host ?? endpoint.absoluteString))"
    }

    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["user": userName, "domain": domainName]) }
}
