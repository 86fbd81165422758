import Foundation

extension ConfigFile {
    /// The `notify:` section: who hears about a run after it ends (docs/SPEC.md §6, extension).
    ///
    /// Default destinations get every graph of the message, grouped by `ownerTag` when set; `owners` sends each
    /// owner's group to that owner's own topic or webhook as well.
    public struct Notify: Sendable, Equatable {
        /// The kinds of run that notify; `[.live]` unless the file says otherwise.
        public var modes: Set<RunInfo.Mode>
        /// The graph tag whose value names a graph's owner, e.g. `owner`.
        public var ownerTag: String?
        public var smn: SMN?
        public var webhooks: [Webhook]
        /// Owner tag value → that owner's own destinations.
        public var owners: [String: Owner]

        public init(
            modes: Set<RunInfo.Mode> = [.live],
            ownerTag: String? = nil,
            smn: SMN? = nil,
            webhooks: [Webhook] = [],
            owners: [String: Owner] = [:]
        ) {
            self.modes = modes
            self.ownerTag = ownerTag
            self.smn = smn
            self.webhooks = webhooks
            self.owners = owners
        }
    }

    /// A Huawei Cloud SMN topic to publish to; the endpoint defaults to `https://smn.{region}.myhuaweicloud.com`.
    public struct SMN: Sendable, Equatable {
        public var topicURN: String
        public var endpoint: String?

        public init(topicURN: String, endpoint: String? = nil) {
            self.topicURN = topicURN
            self.endpoint = endpoint
        }
    }

    /// A webhook: where its URL comes from and what the JSON body looks like.
    public struct Webhook: Sendable, Equatable {
        public var url: WebhookURL
        public var format: WebhookFormat

        public init(url: WebhookURL, format: WebhookFormat = .generic) {
            self.url = url
            self.format = format
        }
    }

    /// A webhook URL written out, or named: a Slack webhook URL is itself a secret.
    public enum WebhookURL: Sendable, Equatable {
        case literal(String)
        /// The name of an environment variable holding the URL.
        case environment(String)
        /// A file holding the URL (resolved against the config file's folder).
        case file(String)
    }

    /// `generic`: the run summary and rows as structured JSON; `slack`: `{"text": …}`.
    public enum WebhookFormat: String, Sendable, Equatable, CaseIterable {
        case generic, slack
    }

    /// One owner's own destinations, each optional.
    public struct Owner: Sendable, Equatable {
        public var smnTopicURN: String?
        public var webhook: Webhook?

        public init(smnTopicURN: String? = nil, webhook: Webhook? = nil) {
            self.smnTopicURN = smnTopicURN
            self.webhook = webhook
        }
    }
}
