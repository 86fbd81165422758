/// One problem `validate` found in a file of any kind, printed as `file:line:column: message`.
public enum FileProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// In a policy, pricing or config file.
    case config(ConfigFileError)
    /// A bad row of a usage file, or what stopped its read.
    case usage(UsageError)
    /// In an inventory file.
    case inventory(InventoryError)
    /// Bad rows of a usage file past the ones shown: `count` of them.
    case moreBadRows(file: String, count: Int)

    /// The file the problem is in.
    public var file: String {
        switch self {
        case .config(let error): error.file
        case .usage(let error): error.file
        case .inventory(let error): error.source
        case .moreBadRows(let file, _): file
        }
    }

    /// 1-based line of the problem; nil when it is about the whole file.
    public var line: Int? { place.line }

    /// 1-based column: a character in a YAML or JSON file, a field in a usage file.
    public var column: Int? { place.column }

    /// Line and column, both nil for a whole-file problem.
    private var place: (line: Int?, column: Int?) {
        switch self {
        case .config(let error): error.line > 0 ? (error.line, error.column) : (nil, nil)
        case .usage(let error): (error.line, error.column)
        case .inventory(let error): (error.line, error.column)
        case .moreBadRows: (nil, nil)
        }
    }

    /// What is wrong, without the place.
    public var message: String {
        switch self {
        case .config(let error): error.message
        case .usage(let error): (error.text.map { "\"\($0)\" " } ?? "") + error.message
        case .inventory(let error): error.message
        case .moreBadRows(_, let count): "\(count) more bad row\(count == 1 ? "" : "s")"
        }
    }

    public var description: String {
        switch self {
        case .config(let error): "\(error)"
        case .usage(let error): "\(error)"
        case .inventory(let error): "\(error)"
        case .moreBadRows(let file, _): "… and \(message) in \(file)"
        }
    }
}
