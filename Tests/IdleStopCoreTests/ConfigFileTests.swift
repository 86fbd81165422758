import Foundation
import IdleStopTestSupport
import Testing

@testable import IdleStopCore

private func fixture(_ name: String) throws -> String {
    try Fixtures(.module).path("config/\(name).yml")
}

private func problems(_ path: String) -> [String] {
    do {
        _ = try ConfigFile.load(path: path)
        return []
    } catch {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path + "/"
        return error.errors.map { $0.description.replacingOccurrences(of: folder, with: "") }
    }
}

@Test func everySettingIsReadAndRelativePathsResolveAgainstTheConfigFolder() throws {
    let path = try fixture("full")
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
    func inFolder(_ relative: String) -> String { folder.appendingPathComponent(relative).standardizedFileURL.path }
    let config = try ConfigFile.load(path: path)
    #expect(config.endpoint == "https://ges.cn-north-4.myhuaweicloud.com")
    #expect(config.region == "cn-north-4")
    #expect(config.projectID == "0a1b2c3d4e5f")
    #expect(config.db == inFolder("var/history.sqlite"))
    #expect(config.reportDirectory == inFolder("reports"))
    #expect(config.metricsFile == inFolder("metrics/ges-idle-stop.prom"))
    #expect(config.pricing == folder.deletingLastPathComponent().appendingPathComponent("policies/pricing.yml").path)
    #expect(config.policies == [inFolder("policies/idle-graphs.yml"), "/etc/ges/extra.yml"])
    #expect(config.usage == [inFolder("usage"), "-", "cloud-eye"])
    #expect(config.inventory == inFolder("fleet.json"))
    #expect(config.cesEndpoint == "https://ces.cn-north-4.myhuaweicloud.com")
    #expect(config.horizon == .days(3))
    #expect(config.maxBadRows == 5)
    #expect(config.concurrency == 4)
    #expect(config.timeouts == ConfigFile.Timeouts(connectSeconds: 5, requestSeconds: 20, runDeadlineSeconds: 600))
    #expect(config.retries == ConfigFile.Retries(maxAttempts: 3, maxSeconds: 30))
    #expect(config.caFile == inFolder("certs/ca.pem"))
    #expect(
        config.auth == ConfigFile.Auth(tokenFile: inFolder("secrets/token"), secretKeyEnv: "MY_SK", userName: "batch")
    )
    #expect(config.history?.retention == HistoryRetention(keepUsageDays: 40, keepDecisionsDays: 500))
}

@Test func withoutHistoryTheDefaultsKeep35DaysOfUsageAnd400OfDecisions() throws {
    let config = try ConfigFile.parse(yaml: "history: { keep_usage_days: 60 }\n", file: "c.yml")
    #expect(config.history?.retention == HistoryRetention(keepUsageDays: 60, keepDecisionsDays: 400))
    #expect(HistoryRetention() == HistoryRetention(keepUsageDays: 35, keepDecisionsDays: 400))
}

@Test func historyKeepsMustBePositiveWholeDays() throws {
    #expect(
        problems(try fixture("history-bad")) == [
            "history-bad.yml:3:20: history.keep_usage_days must be between 1 and 36500, found 0",
            "history-bad.yml:4:24: expected a whole number for history.keep_decisions_days, found \"1.5\"",
            "history-bad.yml:5:3: unknown key \"keep_runs_days\" in history (expected one of: keep_usage_days, keep_decisions_days)",
        ]
    )
}

@Test func parsingWithoutAFolderKeepsPathsAsWritten() throws {
    let config = try ConfigFile.parse(yaml: "db: var/x.sqlite\n", file: "c.yml")
    #expect(config.db == "var/x.sqlite")
    #expect(config.endpoint == nil)
}

@Test func secretsAreRefusedWithoutRepeatingThem() throws {
    let found = problems(try fixture("secrets"))
    let message = "holds a value: secrets do not belong in the config file; name the environment variable or file"
    #expect(found.contains("secrets.yml:4:3: \"password\" \(message)"))
    #expect(found.contains("secrets.yml:5:3: \"sk\" \(message)"))
    #expect(!found.joined().contains("hunter2"))
    #expect(!found.joined().contains("ABCDEFSECRET"))
}

@Test(arguments: ["password", "secret_key", "sk", "token", "security_token", "iam_password", "SK", "auth-token"])
func secretLookingKeysAnywhereAreRefused(key: String) {
    #expect(throws: ConfigFileErrors.self) { try ConfigFile.parse(yaml: "auth:\n  \(key): xyz\n", file: "c.yml") }
    #expect(throws: ConfigFileErrors.self) { try ConfigFile.parse(yaml: "\(key): xyz\n", file: "c.yml") }
}

@Test func everyBadSettingIsReportedWithItsPosition() throws {
    #expect(
        problems(try fixture("errors")) == [
            "errors.yml:1:11: endpoint \"ftp://example.com\" is not a URL like https://ges.cn-north-4.myhuaweicloud.com",
            "errors.yml:2:13: project_id must be 1 to 64 letters and digits",
            "errors.yml:3:10: horizon 8d is longer than 168h: GES restarts a stopped graph after seven days",
            "errors.yml:4:14: concurrency must be between 1 and 64, found 65",
            "errors.yml:5:15: expected a whole number for max_bad_rows, found \"5\"",
            "errors.yml:6:30: connect_seconds must be between 1 and 3600, found 0",
            "errors.yml:6:33: unknown key \"idle_seconds\" in timeouts (expected one of: connect_seconds, request_seconds, run_deadline_seconds)",
            "errors.yml:7:11: policies must not be empty",
            "errors.yml:8:1: unknown key \"colour\" in the config file (expected one of: version, endpoint, region, project_id, db, report_dir, pricing, policies, usage, inventory, ces_endpoint, horizon, max_bad_rows, concurrency, timeouts, retries, ca_file, auth, metrics_file, notify, history)",
        ]
    )
}

@Test func aMissingFileIsAnErrorNamingIt() {
    // The helper strips the folder; the validator test checks the full path.
    #expect(problems("/nonexistent/ges.yml") == ["ges.yml: no such file"])
}
