/// Every problem found in one or more YAML files, in file order, so that one `validate` shows them all.
public struct ConfigFileErrors: Error, Sendable, Equatable, CustomStringConvertible {
    public var errors: [ConfigFileError]

    public init(_ errors: [ConfigFileError]) { self.errors = errors }

    /// One problem per line.
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
