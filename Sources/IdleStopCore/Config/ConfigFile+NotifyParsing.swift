import Foundation
import Yams

extension ConfigFile {
    static let notifyKeys = ["runs", "owner_tag", "smn", "webhooks", "owners"]
    static let webhookKeys = ["url", "url_env", "url_file", "format"]

    /// Reads `notify:`; every problem is recorded with its position.
    static func parseNotify(_ node: Node, _ reader: YAMLReader, folder: String?) -> Notify? {
        guard let fields = reader.fields(node, in: "notify", allowed: notifyKeys) else { return nil }
        var notify = Notify()
        if let runs = fields["runs"], let names = reader.texts(runs, "notify.runs") {
            var modes: Set<RunInfo.Mode> = []
            for name in names {
                guard let mode = RunInfo.Mode(rawValue: name) else {
                    reader.fail(runs, "notify.runs: \(ConfigFileError.quote(name)) is not live or dry-run", text: name)
                    continue
                }
                modes.insert(mode)
            }
            notify.modes = modes
        }
        notify.ownerTag = fields["owner_tag"].flatMap { reader.text($0, "notify.owner_tag") }
        if let smn = fields["smn"],
            let smnFields = reader.fields(
                smn,
                in: "notify.smn",
                allowed: ["topic_urn", "endpoint"],
                required: ["topic_urn"]
            )
        {
            let urn = smnFields["topic_urn"].flatMap { topicURN($0, "notify.smn.topic_urn", reader) }
            let endpoint = smnFields["endpoint"].flatMap { secureURL($0, "notify.smn.endpoint", reader) }
            notify.smn = urn.map { SMN(topicURN: $0, endpoint: endpoint) }
        }
        if let list = fields["webhooks"].flatMap({ reader.list($0, "notify.webhooks", nonEmpty: true) }) {
            notify.webhooks = list.compactMap { webhook($0, "notify.webhooks", reader, folder: folder) }
        }
        if let owners = fields["owners"] {
            guard case .mapping(let mapping) = owners else {
                reader.fail(owners, "expected a mapping for notify.owners, found \(YAMLReader.describe(owners))")
                return notify
            }
            for (key, value) in mapping {
                guard let name = reader.text(key, "an owner in notify.owners") else { continue }
                let what = "notify.owners.\(name)"
                guard let ownerFields = reader.fields(value, in: what, allowed: ["smn_topic_urn", "webhook"]) else {
                    continue
                }
                let owner = Owner(
                    smnTopicURN: ownerFields["smn_topic_urn"].flatMap { topicURN($0, "\(what).smn_topic_urn", reader) },
                    webhook: ownerFields["webhook"].flatMap { webhook($0, "\(what).webhook", reader, folder: folder) }
                )
                if owner.smnTopicURN == nil && owner.webhook == nil {
                    reader.fail(value, "\(what) names no destination: give smn_topic_urn or webhook")
                }
                notify.owners[name] = owner
            }
            if notify.ownerTag == nil, !mapping.isEmpty {
                reader.fail(owners, "notify.owners needs notify.owner_tag: the tag that names a graph's owner")
            }
        }
        return notify
    }

    /// One webhook: exactly one of `url`, `url_env`, `url_file`, and a `format`.
    static func webhook(_ node: Node, _ what: String, _ reader: YAMLReader, folder: String?) -> Webhook? {
        guard let fields = reader.fields(node, in: what, allowed: webhookKeys) else { return nil }
        var format: WebhookFormat? = .generic
        if let formatNode = fields["format"], let name = reader.text(formatNode, "\(what).format") {
            format = WebhookFormat(rawValue: name)
            if format == nil {
                reader.fail(
                    formatNode,
                    "\(what).format \(ConfigFileError.quote(name)) is not generic or slack",
                    text: name
                )
            }
        }
        let given = ["url", "url_env", "url_file"].filter(fields.has)
        guard given.count == 1 else {
            reader.fail(node, "\(what): give exactly one of url, url_env, url_file")
            return nil
        }
        let url: WebhookURL?
        switch given[0] {
        case "url": url = fields["url"].flatMap { secureURL($0, "\(what).url", reader) }.map { .literal($0) }
        case "url_env": url = fields["url_env"].flatMap { reader.text($0, "\(what).url_env") }.map { .environment($0) }
        default:
            url = fields["url_file"].flatMap { reader.text($0, "\(what).url_file") }.map { .file(resolve($0, folder)) }
        }
        guard let url, let format else { return nil }
        return Webhook(url: url, format: format)
    }

    /// An `https://` URL, or `http://` to a loopback host (ges-sim, a local relay), without credentials in it.
    static func secureURL(_ node: Node, _ what: String, _ reader: YAMLReader) -> String? {
        guard let text = url(node, what, reader), let url = URL(string: text) else { return nil }
        guard url.user == nil, url.password == nil else {
            reader.fail(node, "\(what) must not hold a user or password; use url_env or url_file for a secret URL")
            return nil
        }
        guard url.scheme?.lowercased() == "https" || isLoopback(url.host ?? "") else {
            reader.fail(node, "\(what) must be https:// (plain http only to 127.0.0.1, ::1 or localhost)", text: text)
            return nil
        }
        return text
    }

    /// `localhost`, `::1` or an address in 127.0.0.0/8: the only hosts plain HTTP may go to.
    static func isLoopback(_ host: String) -> Bool {
        let name = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return name == "localhost" || name == "::1" || name.split(separator: ".").first == "127"
    }

    /// `urn:smn:{region}:{project_id}:{topic}`, topic of letters, digits, `-` and `_` (docs/ges-api.md §11).
    static func topicURN(_ node: Node, _ what: String, _ reader: YAMLReader) -> String? {
        guard let text = reader.text(node, what) else { return nil }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        let isName = { (part: Substring) in
            !part.isEmpty && part.count <= 255
                && part.unicodeScalars.allSatisfy {
                    $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_")
                }
        }
        guard parts.count == 5, parts[0] == "urn", parts[1] == "smn", parts[2...].allSatisfy(isName) else {
            reader.fail(
                node,
                "\(what) \(ConfigFileError.quote(text)) is not a topic URN like urn:smn:cn-north-4:PROJECT_ID:topic",
                text: text
            )
            return nil
        }
        return text
    }
}
