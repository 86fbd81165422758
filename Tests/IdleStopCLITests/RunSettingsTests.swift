import Foundation
import IdleStopCore
import Testing

@testable import IdleStopCLI

/// Flags over environment over config file: the deadline's spellings and the config's `auth:` section.
@Suite struct RunSettingsTests {
    func settings(_ arguments: [String], config: String? = nil) throws -> RunSettings {
        var arguments = arguments
        if let config {
            let harness = try CLIHarness()
            try config.write(toFile: harness.path("config.yml"), atomically: false, encoding: .utf8)
            arguments += ["--config", harness.path("config.yml")]
        }
        return try RunSettings.resolve(options: RunOptions.parse(arguments), environment: [:])
    }

    @Test(arguments: [("3", 3.0), ("3s", 3), ("90s", 90), ("15m", 900), ("2h", 7200), ("7d", 604_800)])
    func deadlineIsSecondsOrADuration(text: String, seconds: Double) throws {
        #expect(try settings(["--deadline", text]).deadline == seconds)
    }

    @Test(arguments: ["0", "-5", "0s", "3x", "soon", "8d", "1.5"])
    func aDeadlineThatIsNotAPositiveDurationUpToAWeekIsRefused(text: String) {
        #expect(throws: CommandError.self) { try settings(["--deadline=\(text)"]) }
    }

    @Test func theFlagWinsOverTheConfigsRunDeadline() throws {
        let config = "timeouts: { run_deadline_seconds: 120 }\n"
        #expect(try settings([], config: config).deadline == 120)
        #expect(try settings(["--deadline", "30s"], config: config).deadline == 30)
        #expect(try settings([]).deadline == 900)
    }

    @Test func theConfigsAuthSectionReachesTheSettingsWithTheTokenFileResolvedBesideIt() throws {
        let resolved = try settings([], config: "auth:\n  token_file: secrets/ges-token\n  token_env: MY_TOKEN\n")
        let folder = try #require(resolved.configPath.map { URL(fileURLWithPath: $0).deletingLastPathComponent() })
        #expect(resolved.auth?.tokenFile == folder.appendingPathComponent("secrets/ges-token").standardizedFileURL.path)
        #expect(resolved.auth?.tokenEnv == "MY_TOKEN")
        #expect(try settings([]).auth == nil)
    }
}
