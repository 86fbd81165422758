import Foundation
import GESKit
import IdleStopCore
import IdleStopStorage
import Logging

extension RunPipeline {
    /// One message to send: where, for which owner (nil: the whole run), and in which form.
    struct NotificationTarget {
        enum Kind {
            case smn(topicURN: String)
            case webhook(ConfigFile.Webhook)
        }

        var kind: Kind
        var owner: String?
    }

    /// Sends the run's notifications (`notify:` of docs/SPEC.md §6) and records each one in the history.
    ///
    /// Called after the report is written. A failed notification logs a warning and is recorded; it never
    /// changes what was stopped or the exit status. The `notify:` section is read from the config file again
    /// here (it was checked when the run started) so that `RunSettings` need not carry it.
    func notify(_ outcome: Outcome, decisions: [Decision], store: HistoryStore, deadline: Date) async {
        let run = outcome.run
        let status = outcome.status
        let reportPath = outcome.reportFailure == nil ? outcome.reportPath : nil
        guard let notify = notifySection(), notify.modes.contains(run.mode) else { return }
        let targets = Self.targets(of: notify, decisions: decisions)
        guard !targets.isEmpty else { return }
        let factory = ClientFactory(settings: settings, environment: environment, logger: logger)
        let transport: CurlTransport
        do { transport = try factory.makeTransport() } catch {
            logger.warning("notifications not sent: \(error)")
            return
        }
        let delivery = NotificationDelivery(transport: transport, retryPolicy: factory.retryPolicy, logger: logger)
        for target in targets {
            let notification = RunNotification(
                run: run,
                decisions: decisions,
                exitStatus: status.rawValue,
                exitStatusName: "\(status)",
                reportPath: reportPath,
                ownerTag: notify.ownerTag,
                owner: target.owner
            )
            let (kind, shown, receipt) = await send(
                notification,
                to: target.kind,
                smn: notify.smn,
                delivery: delivery,
                transport: transport,
                deadline: deadline
            )
            record(receipt, kind: kind, shown: shown, owner: target.owner, run: run, store: store)
        }
    }

    /// The `notify:` section of the config file, read again; nil without a config file or when it no longer reads.
    private func notifySection() -> ConfigFile.Notify? {
        guard let path = settings.configPath else { return nil }
        do {
            return try ConfigFile.load(path: path).notify
        } catch {
            logger.warning(
                "notifications not sent: the config file changed during the run and no longer reads: \(error)"
            )
            return nil
        }
    }

    /// The run-wide destinations, then each owner's own ones for the owners that have a graph in `decisions`.
    static func targets(of notify: ConfigFile.Notify, decisions: [Decision]) -> [NotificationTarget] {
        var targets: [NotificationTarget] = []
        if let smn = notify.smn { targets.append(.init(kind: .smn(topicURN: smn.topicURN), owner: nil)) }
        targets += notify.webhooks.map { .init(kind: .webhook($0), owner: nil) }
        for (owner, destinations) in notify.owners.sorted(by: { $0.key < $1.key })
        where decisions.contains(where: { RunNotification.owner(of: $0, tag: notify.ownerTag) == owner }) {
            if let urn = destinations.smnTopicURN { targets.append(.init(kind: .smn(topicURN: urn), owner: owner)) }
            if let webhook = destinations.webhook { targets.append(.init(kind: .webhook(webhook), owner: owner)) }
        }
        return targets
    }

    /// Logs how one notification went and records it in the history (a failure to record is only logged).
    private func record(
        _ receipt: NotificationDelivery.Receipt,
        kind: NotificationRecord.Kind,
        shown: String,
        owner: String?,
        run: RunInfo,
        store: HistoryStore
    ) {
        let forOwner = owner.map { " for owner \($0)" } ?? ""
        if let error = receipt.error {
            logger.warning("notification to \(shown)\(forOwner) failed after \(receipt.attempts) attempt(s): \(error)")
        } else {
            logger.info("notified \(shown)\(forOwner)")
        }
        do {
            try store.recordNotification(
                NotificationRecord(
                    runID: run.id,
                    kind: kind,
                    target: shown,
                    owner: owner,
                    isDelivered: receipt.isDelivered,
                    attempts: receipt.attempts,
                    error: receipt.error?.description,
                    sentAt: Date()
                )
            )
        } catch {
            logger.warning("could not record the notification to \(shown): \(error)")
        }
    }

    /// Sends one message; answers the kind, the target as it may be shown, and the receipt.
    private func send(
        _ notification: RunNotification,
        to kind: NotificationTarget.Kind,
        smn: ConfigFile.SMN?,
        delivery: NotificationDelivery,
        transport: CurlTransport,
        deadline: Date
    ) async -> (NotificationRecord.Kind, String, NotificationDelivery.Receipt) {
        switch kind {
        case .smn(let topicURN):
            let receipt: NotificationDelivery.Receipt
            do {
                let client = try smnClient(topicURN: topicURN, smn: smn, delivery: delivery, transport: transport)
                receipt = await client.publish(
                    topicURN: topicURN,
                    subject: NotificationText.subject(notification),
                    message: NotificationText.message(notification),
                    deadline: deadline
                )
            } catch {
                receipt = .init(attempts: 0, error: NotificationError("\(error)"))
            }
            return (.smn, topicURN, receipt)
        case .webhook(let webhook):
            let url: URL
            do { url = try webhookURL(webhook.url) } catch {
                return (.webhook, webhook.url.shown, .init(attempts: 0, error: error))
            }
            let body =
                webhook.format == .slack
                ? NotificationDocument.slackBody(notification) : NotificationDocument(notification).encoded()
            let receipt = await WebhookPoster(delivery: delivery).post(body, to: url, deadline: deadline)
            return (.webhook, WebhookPoster.redacted(url), receipt)
        }
    }

    /// The SMN client for a topic: endpoint from `notify.smn.endpoint`, else the region (of the run or the URN).
    private func smnClient(
        topicURN: String,
        smn: ConfigFile.SMN?,
        delivery: NotificationDelivery,
        transport: CurlTransport
    ) throws(CommandError) -> SMNClient {
        let parts = topicURN.split(separator: ":").map(String.init)
        let region = settings.region ?? parts[2]
        guard let endpoint = smn?.endpoint.flatMap(URL.init(string:)) ?? Endpoint.smn(region: region) else {
            throw .setting("no SMN endpoint: give notify.smn.endpoint or region")
        }
        let projectID = settings.projectID ?? parts[3]
        return SMNClient(
            endpoint: endpoint,
            projectID: projectID,
            authorizer: try ClientFactory(settings: settings, environment: environment, logger: logger)
                .makeAuthorizer(projectID: projectID, transport: transport),
            delivery: delivery
        )
    }

    /// The webhook's URL: as written, from an environment variable, or from a file's first line.
    private func webhookURL(_ source: ConfigFile.WebhookURL) throws(NotificationError) -> URL {
        let text: String
        switch source {
        case .literal(let value):
            text = value
        case .environment(let name):
            guard let value = environment[name], !value.isEmpty else {
                throw NotificationError("the environment variable \(name) holding a webhook URL is not set")
            }
            text = value
        case .file(let path):
            guard let value = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw NotificationError("cannot read the webhook URL file \(path)")
            }
            text = value
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let url = URL(string: trimmed), url.host != nil else {
            throw NotificationError("the webhook URL from \(source.shown) is not a URL")
        }
        return url
    }
}

extension ConfigFile.WebhookURL {
    /// Where the URL comes from, as it may be logged: never the URL's path.
    var shown: String {
        switch self {
        case .literal(let text): URL(string: text).map(WebhookPoster.redacted) ?? "a webhook"
        case .environment(let name): "$\(name)"
        case .file(let path): path
        }
    }
}
