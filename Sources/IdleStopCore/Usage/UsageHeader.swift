/// What the reader does with one column of a usage file.
enum UsageColumnRole: Equatable {
    case ignored, graphID, periodStart, periodSeconds, requests
    /// A metric column the query asks for, by its index in the aggregator's metric order.
    case metric(Int)
}

/// A usage file's header row: the role of every column.
struct UsageHeader {
    static let requiredColumns = ["graph_id", "period_start", "period_seconds", "requests"]

    var names: [String]
    var roles: [UsageColumnRole]
    /// 0-based index of `graph_id`.
    var graphIDColumn: Int
    /// 0-based indexes of the other required columns, for rows read without looking at every column.
    var periodStartColumn = 0
    var periodSecondsColumn = 0
    var requestsColumn = 0
    /// The metric columns the query asks for: the column and the metric's index in the aggregator's order.
    var metricColumns: [(column: Int, metric: Int)] = []

    /// Maps names (trimmed, case-sensitive) to roles; a missing required column or a used column named
    /// twice is an error about the whole file.
    init(names: [String], metricIndex: [String: Int], file: String, line: Int) throws(UsageError) {
        self.names = names
        roles = []
        graphIDColumn = 0
        roles.reserveCapacity(names.count)
        var seen: Set<String> = []
        for (index, name) in names.enumerated() {
            let role: UsageColumnRole =
                switch name {
                case "graph_id": .graphID
                case "period_start": .periodStart
                case "period_seconds": .periodSeconds
                case "requests": .requests
                default: metricIndex[name].map { .metric($0) } ?? .ignored
                }
            if role != .ignored, !seen.insert(name).inserted {
                throw UsageError(
                    kind: .duplicateColumn,
                    file: file,
                    line: line,
                    column: index + 1,
                    columnName: name,
                    message: "column appears twice in the header"
                )
            }
            roles.append(role)
        }
        graphIDColumn = roles.firstIndex(of: .graphID) ?? 0
        periodStartColumn = roles.firstIndex(of: .periodStart) ?? 0
        periodSecondsColumn = roles.firstIndex(of: .periodSeconds) ?? 0
        requestsColumn = roles.firstIndex(of: .requests) ?? 0
        for (column, role) in roles.enumerated() {
            if case .metric(let metric) = role { metricColumns.append((column, metric)) }
        }
        let missing = Self.requiredColumns.filter { !seen.contains($0) }
        guard missing.isEmpty else {
            let list = missing.map { "\"\($0)\"" }.joined(separator: ", ")
            throw UsageError(
                kind: .missingColumn,
                file: file,
                line: line,
                message: "missing required column\(missing.count > 1 ? "s" : "") \(list) in the header"
            )
        }
    }
}
