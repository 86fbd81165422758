import Foundation
import IdleStopTestSupport
import Testing

@testable import IdleStopCore

@Suite struct ConfigFileNotifyTests {
    func fixture(_ name: String) throws -> String {
        try Fixtures(.module).path("config/\(name).yml")
    }

    @Test func theNotifySectionIsReadWithEveryDestination() throws {
        let path = try fixture("notify")
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        let notify = try #require(try ConfigFile.load(path: path).notify)
        #expect(notify.modes == [.live, .dryRun])
        #expect(notify.ownerTag == "owner")
        #expect(
            notify.smn
                == ConfigFile.SMN(
                    topicURN: "urn:smn:cn-north-4:0a1b2c3d4e5f:ges-idle-stop",
                    endpoint: "https://smn.cn-north-4.myhuaweicloud.com"
                )
        )
        #expect(
            notify.webhooks == [
                ConfigFile.Webhook(url: .literal("https://hooks.example/ges"), format: .generic),
                ConfigFile.Webhook(url: .environment("SLACK_WEBHOOK_URL"), format: .slack),
                ConfigFile.Webhook(
                    url: .file(folder.appendingPathComponent("secrets/webhook-url").standardizedFileURL.path),
                    format: .generic
                ),
            ]
        )
        #expect(notify.owners["team-a"] == ConfigFile.Owner(smnTopicURN: "urn:smn:cn-north-4:0a1b2c3d4e5f:team-a"))
        #expect(
            notify.owners["team-b"]?.webhook
                == ConfigFile.Webhook(url: .literal("http://127.0.0.1:8080/_sim/webhooks/team-b"), format: .slack)
        )
    }

    @Test func liveRunsAloneNotifyByDefault() throws {
        let config = try ConfigFile.parse(
            yaml: "notify: { webhooks: [ { url: https://h.example/x } ] }\n",
            file: "c.yml"
        )
        #expect(config.notify?.modes == [.live])
        #expect(config.notify?.webhooks.first?.format == .generic)
    }

    @Test func everyMistakeIsReportedWithItsPosition() throws {
        let path = try fixture("notify-bad")
        let found: [String]
        do {
            _ = try ConfigFile.load(path: path)
            found = []
        } catch {
            found = error.errors.map { "\($0.line):\($0.column): \($0.message)" }
        }
        let expected = [
            "2:9: notify.runs: \"nightly\" is not live or dry-run",
            "3:21: notify.smn.topic_urn \"arn:aws:sns:x\" is not a topic URN like urn:smn:cn-north-4:PROJECT_ID:topic",
            "3:48: notify.smn.endpoint must be https:// (plain http only to 127.0.0.1, ::1 or localhost)",
            "5:14: notify.webhooks.url must be https:// (plain http only to 127.0.0.1, ::1 or localhost)",
            "5:50: notify.webhooks.format \"teams\" is not generic or slack",
            "6:7: notify.webhooks: give exactly one of url, url_env, url_file",
            "7:9: unknown key \"adress\" in notify.webhooks (expected one of: url, url_env, url_file, format)",
            "9:13: notify.owners.team-a names no destination: give smn_topic_urn or webhook",
            "9:5: notify.owners needs notify.owner_tag: the tag that names a graph's owner",
            "10:3: unknown key \"colour\" in notify (expected one of: runs, owner_tag, smn, webhooks, owners)",
        ]
        for message in expected {
            #expect(found.contains(message), "missing: \(message)\nfound: \(found)")
        }
    }
}
