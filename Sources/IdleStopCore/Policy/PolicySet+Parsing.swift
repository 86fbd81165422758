import Foundation
import Yams

extension PolicySet {
    static let topKeys = ["version", "limits", "protect", "policies"]

    /// Reads a policy file (docs/SPEC.md §4); every problem in it is reported, each with file, line and column.
    public static func load(path: String) throws(ConfigFileErrors) -> PolicySet {
        try parse(yaml: FileText.read(path: path), file: path)
    }

    /// Parses policy YAML; `file` names the source in messages and in each policy's position.
    public static func parse(yaml: String, file: String) throws(ConfigFileErrors) -> PolicySet {
        let reader = YAMLReader(file: file)
        let set = reader.compose(yaml).flatMap { parse(root: $0, reader: reader) }
        try reader.check()
        guard let set else {
            throw ConfigFileErrors([ConfigFileError(file: file, line: 0, column: 0, message: "not a policy file")])
        }
        return set
    }

    static func parse(root: Node, reader: YAMLReader) -> PolicySet? {
        guard let top = reader.fields(root, in: "the policy file", allowed: topKeys, required: ["version"]) else {
            return nil
        }
        if let version = top["version"], let number = reader.int(version, "version", in: Int.min...Int.max), number != 1
        {
            reader.fail(version, "unsupported version \(number) (expected 1)")
        }
        var set = PolicySet()
        if let node = top["limits"] { set.limits = parseLimits(node, reader) }
        if let node = top["protect"] { set.protection = parseProtection(node, reader) }
        if let node = top["policies"], let items = reader.list(node, "policies") {
            var seen: [String: Int] = [:]
            for item in items {
                // Names are checked even when the rest of the policy is invalid, so every problem shows at once.
                if let nameNode = item.mapping?["name"], let name = nameNode.scalar?.string, let mark = nameNode.mark {
                    if let first = seen[name] {
                        reader.fail(
                            nameNode,
                            "duplicate policy name \(ConfigFileError.quote(name)) (first defined at line \(first))",
                            text: name
                        )
                        _ = parsePolicy(item, reader)
                        continue
                    }
                    seen[name] = mark.line
                }
                if let policy = parsePolicy(item, reader) { set.policies.append(policy) }
            }
        }
        set.warnings = reader.warnings
        return set
    }

    static func parseLimits(_ node: Node, _ reader: YAMLReader) -> PolicyLimits {
        var limits = PolicyLimits()
        let allowed = ["max_stops_per_run", "max_stop_share", "min_data_share"]
        guard let fields = reader.fields(node, in: "limits", allowed: allowed) else { return limits }
        if let value = fields["max_stops_per_run"] {
            limits.configuredMaxStopsPerRun = reader.int(value, "max_stops_per_run", in: 0...Int.max)
        }
        if let value = fields["max_stop_share"] {
            limits.configuredMaxStopShare = reader.decimal(value, "max_stop_share", in: 0...1)
        }
        if let value = fields["min_data_share"] {
            limits.configuredMinDataShare = reader.decimal(value, "min_data_share", in: 0...1)
        }
        return limits
    }

    static func parseProtection(_ node: Node, _ reader: YAMLReader) -> Protection {
        var protection = Protection()
        guard let fields = reader.fields(node, in: "protect", allowed: ["tags", "graphs"]) else { return protection }
        if let tags = fields["tags"] {
            if case .mapping(let mapping) = tags {
                for (key, value) in mapping {
                    guard let key = reader.text(key, "a tag key in protect.tags"),
                        let value = reader.text(
                            value,
                            "the value of tag \(ConfigFileError.quote(key)) in protect.tags",
                            nonEmpty: false
                        )
                    else { continue }
                    protection.tags.append(ProtectedTag(key: key, value: value))
                }
            } else {
                reader.fail(
                    tags,
                    "expected a mapping of tag keys to values for protect.tags, found \(YAMLReader.describe(tags))"
                )
            }
        }
        if let graphs = fields["graphs"], let names = reader.texts(graphs, "protect.graphs", nonEmpty: false) {
            protection.graphs = names
        }
        return protection
    }

    static func parsePolicy(_ node: Node, _ reader: YAMLReader) -> Policy? {
        guard
            let fields = reader.fields(
                node,
                in: "a policy",
                allowed: ["name", "description", "match", "action", "notice"],
                required: ["name", "match", "action"]
            )
        else { return nil }
        let name = fields["name"].flatMap { reader.text($0, "the policy name") }
        let description = fields["description"].flatMap { reader.text($0, "the policy description", nonEmpty: false) }
        var action: PolicyAction?
        if let node = fields["action"], let text = reader.text(node, "action") {
            action = PolicyAction(rawValue: text)
            if action == nil {
                reader.fail(node, "unknown action \(ConfigFileError.quote(text)) (expected stop or report)", text: text)
            }
        }
        let notice = fields["notice"].flatMap { parseNotice($0, reader) }
        if notice != nil, action == .report, let node = fields["notice"] {
            reader.fail(node, "notice applies only to action: stop (a report policy never stops a graph)")
        }
        var match: [Filter]?
        if let node = fields["match"], let items = reader.list(node, "match", nonEmpty: true) {
            let filters = items.compactMap { Filter.parse($0, reader) }
            match = filters.count == items.count ? filters : nil
        }
        guard let name, let action, let match else { return nil }
        let mark = fields["name"]?.mark ?? fields.mark
        return Policy(
            name: name,
            description: description,
            match: match,
            action: action,
            notice: notice,
            position: SourcePosition(file: reader.file, line: mark?.line ?? 0, column: mark?.column ?? 0)
        )
    }

    /// A policy's `notice:`: a duration like the other policy durations, or `0` for none (nil either way).
    static func parseNotice(_ node: Node, _ reader: YAMLReader) -> TimeSpan? {
        if node.scalar?.string == "0" { return nil }
        return reader.duration(node, "notice")
    }
}
