import Foundation
import Yams

extension Filter {
    static let kinds = ["idle", "tag", "name", "size", "age", "schedule", "all", "any", "not"]
    static let idleKeys = ["window", "max_requests", "min_coverage", "metric", "stat", "at_most"]
    /// Usage columns that are not metrics: a metric filter cannot name them.
    static let reservedColumns: Set<String> = ["graph_id", "period_start", "period_seconds", "requests"]

    /// Parses one `match` item, a mapping with exactly one key naming the filter; nil (errors recorded) if invalid.
    static func parse(_ node: Node, _ reader: YAMLReader) -> Filter? {
        guard case .mapping(let mapping) = node else {
            reader.fail(node, "expected a filter like { idle: {...} }, found \(YAMLReader.describe(node))")
            return nil
        }
        guard mapping.count == 1, let (keyNode, value) = mapping.first else {
            reader.fail(
                node,
                "a filter must have exactly one key, one of: \(kinds.joined(separator: ", ")) (found \(mapping.count)); list several filters as separate items"
            )
            return nil
        }
        guard case .scalar(let key) = keyNode, kinds.contains(key.string) else {
            let shown = keyNode.scalar.map { ConfigFileError.quote($0.string) } ?? YAMLReader.describe(keyNode)
            reader.fail(
                keyNode,
                "unknown filter \(shown) (expected one of: \(kinds.joined(separator: ", ")))",
                text: keyNode.scalar?.string
            )
            return nil
        }
        switch key.string {
        case "idle": return parseIdle(value, reader).map(Filter.idle)
        case "tag": return parseTag(value, reader).map(Filter.tag)
        case "name": return parseName(value, reader).map(Filter.name)
        case "size": return parseSize(value, reader)
        case "age":
            guard let fields = reader.fields(value, in: "age filter", allowed: ["min"], required: ["min"]),
                let min = fields["min"].flatMap({ reader.duration($0, "age min") })
            else { return nil }
            return .age(minimum: min)
        case "schedule": return parseSchedule(value, reader).map(Filter.schedule)
        case "all", "any":
            guard let items = reader.list(value, "\(key.string) filter", nonEmpty: true) else { return nil }
            let filters = items.compactMap { parse($0, reader) }
            guard filters.count == items.count else { return nil }
            return key.string == "all" ? .all(filters) : .any(filters)
        default:  // "not"
            return parse(value, reader).map(Filter.not)
        }
    }

    static func parseIdle(_ node: Node, _ reader: YAMLReader) -> IdleFilter? {
        guard let fields = reader.fields(node, in: "idle filter", allowed: idleKeys, required: ["window"]) else {
            return nil
        }
        var isValid = true
        let window = fields["window"].flatMap { reader.duration($0, "idle window") }
        var minCoverage = IdleFilter.defaultMinCoverage
        if let node = fields["min_coverage"] {
            if let value = reader.decimal(node, "min_coverage", in: 0...1) {
                minCoverage = value
            } else {
                isValid = false
            }
        }
        let metricKeys = ["metric", "stat", "at_most"].filter(fields.has)
        var measure = IdleMeasure.requests(atMost: 0)
        if metricKeys.isEmpty {
            if let node = fields["max_requests"] {
                if let value = reader.int(node, "max_requests", in: 0...Int.max) {
                    measure = .requests(atMost: Double(value))
                } else {
                    isValid = false
                }
            }
        } else if let metric = parseMetricMeasure(fields, reader) {
            measure = metric
        } else {
            isValid = false
        }
        guard isValid, let window else { return nil }
        return IdleFilter(window: window, measure: measure, minCoverage: minCoverage)
    }

    /// The `metric`/`stat`/`at_most` measure of an idle filter, or nil (errors recorded) when it is incomplete,
    /// mixed with `max_requests`, or names an unknown stat or a column that is not a metric.
    static func parseMetricMeasure(_ fields: YAMLReader.Fields, _ reader: YAMLReader) -> IdleMeasure? {
        let metricKeys = ["metric", "stat", "at_most"].filter(fields.has)
        var isValid = true
        var measure: IdleMeasure?
        if fields.has("max_requests") {
            reader.fail(
                fields.keys["max_requests"],
                "max_requests does not mix with metric in an idle filter: one filter measures one thing (use two idle filters)"
            )
            isValid = false
        }
        for key in ["metric", "stat", "at_most"] where !fields.has(key) {
            reader.fail(
                at: fields.mark,
                "missing key \"\(key)\" in idle filter: metric, stat and at_most go together"
            )
            isValid = false
        }
        if metricKeys.count == 3, let name = fields["metric"].flatMap({ reader.text($0, "metric") }),
            let stat = fields["stat"].flatMap({ reader.text($0, "stat") }),
            let atMost = fields["at_most"].flatMap({
                reader.decimal($0, "at_most", in: 0...Decimal.greatestFiniteMagnitude)
            })
        {
            let statistic = MetricStatistic(rawValue: stat)
            if statistic == nil {
                reader.fail(
                    fields["stat"],
                    "unknown stat \(ConfigFileError.quote(stat)) (expected one of: sum, max, avg)",
                    text: stat
                )
            }
            if reservedColumns.contains(name) {
                reader.fail(
                    fields["metric"],
                    "metric \(ConfigFileError.quote(name)) is not a metric column\(name == "requests" ? " (use max_requests)" : "")"
                )
                isValid = false
            }
            if let statistic {
                measure = .metric(name, statistic, atMost: NSDecimalNumber(decimal: atMost).doubleValue)
            } else {
                isValid = false
            }
        } else {
            isValid = false
        }
        return isValid ? measure : nil
    }

    static func parseTag(_ node: Node, _ reader: YAMLReader) -> TagFilter? {
        guard
            let fields = reader.fields(
                node,
                in: "tag filter",
                allowed: ["key", "in", "value", "exists"],
                required: ["key"]
            )
        else { return nil }
        let key = fields["key"].flatMap { reader.text($0, "tag key") }
        let given = ["in", "value", "exists"].filter(fields.has)
        guard given.count == 1 else {
            reader.fail(
                at: fields.mark,
                "a tag filter needs exactly one of in, value, exists (found \(given.isEmpty ? "none" : given.joined(separator: ", ")))"
            )
            return nil
        }
        var condition: TagFilter.Condition?
        if let node = fields["in"] {
            condition = reader.texts(node, "tag in", nonEmpty: true).map(TagFilter.Condition.oneOf)
        } else if let node = fields["value"] {
            condition = reader.text(node, "tag value", nonEmpty: false).map(TagFilter.Condition.equals)
        } else if let node = fields["exists"] {
            condition = reader.bool(node, "tag exists").map(TagFilter.Condition.exists)
        }
        guard let key, let condition else { return nil }
        return TagFilter(key: key, condition: condition)
    }

    static func parseName(_ node: Node, _ reader: YAMLReader) -> NameFilter? {
        guard let fields = reader.fields(node, in: "name filter", allowed: ["in", "matches"]) else { return nil }
        let given = ["in", "matches"].filter(fields.has)
        guard given.count == 1 else {
            reader.fail(
                at: fields.mark,
                "a name filter needs exactly one of in, matches (found \(given.isEmpty ? "none" : given.joined(separator: ", ")))"
            )
            return nil
        }
        if let node = fields["in"] {
            return reader.texts(node, "name in", nonEmpty: true).map { NameFilter(condition: .oneOf($0)) }
        }
        guard let node = fields["matches"], let pattern = reader.text(node, "name matches") else { return nil }
        if let refusal = NameFilter.refusal(of: pattern) {
            reader.fail(node, "regular expression \(ConfigFileError.quote(pattern)) \(refusal)", text: pattern)
            return nil
        }
        guard let filter = NameFilter(pattern: pattern) else {
            reader.fail(node, "regular expression \(ConfigFileError.quote(pattern)) does not compile", text: pattern)
            return nil
        }
        if let warning = NameFilter.anchoredLiteralWarning(for: pattern) { reader.warn(node, warning) }
        return filter
    }

    static func parseSize(_ node: Node, _ reader: YAMLReader) -> Filter? {
        guard let fields = reader.fields(node, in: "size filter", allowed: ["in"], required: ["in"]),
            let items = fields["in"].flatMap({ reader.list($0, "size in", nonEmpty: true) })
        else { return nil }
        var indexes: Set<String> = []
        var isValid = true
        for item in items {
            guard let text = reader.text(item, "a size") else {
                isValid = false
                continue
            }
            guard let index = GraphSize.index(forNameOrIndex: text) else {
                let known = GraphSize.names.sorted { (Int($0.key) ?? 0) < (Int($1.key) ?? 0) }
                    .map { "\($0.value) (\($0.key))" }.joined(separator: ", ")
                reader.fail(
                    item,
                    "unknown size \(ConfigFileError.quote(text)) (expected a name or index: \(known))",
                    text: text
                )
                isValid = false
                continue
            }
            indexes.insert(index)
        }
        return isValid ? .size(indexes) : nil
    }

    static func parseSchedule(_ node: Node, _ reader: YAMLReader) -> ScheduleFilter? {
        guard
            let fields = reader.fields(
                node,
                in: "schedule filter",
                allowed: ["timezone", "days", "between"],
                required: ["timezone"]
            )
        else { return nil }
        var isValid = true
        var timeZone: TimeZone?
        var zoneName: String?
        if let node = fields["timezone"], let name = reader.text(node, "timezone") {
            timeZone = TimeZone(identifier: name)
            zoneName = name
            if timeZone == nil || name.isEmpty {
                reader.fail(
                    node,
                    "unknown time zone \(ConfigFileError.quote(name)) (expected an IANA name like Europe/Berlin or UTC)",
                    text: name
                )
            }
        }
        if !fields.has("days") && !fields.has("between") {
            reader.fail(at: fields.mark, "a schedule filter needs days, between or both")
            isValid = false
        }
        var days: Set<Weekday>?
        if let node = fields["days"] {
            days = parseDays(node, reader)
            if days == nil { isValid = false }
        }
        var between: DailyInterval?
        if let node = fields["between"] {
            if let text = reader.text(node, "schedule between") {
                between = DailyInterval(parsing: text)
                if between == nil {
                    reader.fail(
                        node,
                        "between \(ConfigFileError.quote(text)) is not a time range like \"19:00-07:00\" (24-hour clock, start and end differ)",
                        text: text
                    )
                    isValid = false
                }
            } else {
                isValid = false
            }
        }
        guard isValid, let timeZone else { return nil }
        return ScheduleFilter(timeZone: timeZone, timeZoneName: zoneName, days: days, between: between)
    }

    /// The `days` of a schedule filter, or nil (errors recorded) when one is unknown, listed twice or not text.
    static func parseDays(_ node: Node, _ reader: YAMLReader) -> Set<Weekday>? {
        guard let items = reader.list(node, "schedule days", nonEmpty: true) else { return nil }
        var isValid = true
        var days: Set<Weekday> = []
        for item in items {
            guard let text = reader.text(item, "a day") else {
                isValid = false
                continue
            }
            guard let day = Weekday(name: text) else {
                reader.fail(
                    item,
                    "unknown day \(ConfigFileError.quote(text)) (expected one of: mon, tue, wed, thu, fri, sat, sun)",
                    text: text
                )
                isValid = false
                continue
            }
            if days.contains(day) {
                reader.fail(item, "day \(text) is listed twice", text: text)
                isValid = false
            }
            days.insert(day)
        }
        return isValid ? days : nil
    }
}
