import Foundation
import IdleStopCore
import Testing

@testable import IdleStopCLI

/// Flags over environment over config file: the deadline's spellings, the config's `auth:` section, and where
/// the default policy and pricing files are looked for.
@Suite struct RunSettingsTests {
    func settings(_ arguments: [String], config: String? = nil) throws -> RunSettings {
        var arguments = ["--policy", CLIHarness.policy] + arguments
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

    /// A pretend host: a working folder, an install prefix with the executable, and an `/etc/ges-idle-stop`.
    struct Host {
        let root: URL
        var working: URL { root.appendingPathComponent("work") }
        var executable: URL { root.appendingPathComponent("prefix/bin/ges-idle-stop") }
        var share: URL { root.appendingPathComponent("prefix/share/ges-idle-stop") }
        var etc: URL { root.appendingPathComponent("etc/ges-idle-stop") }

        init() throws {
            root = try CLIHarness().folder
            let bin = executable.deletingLastPathComponent()
            for folder in [working.appendingPathComponent("policies"), bin, share, etc] {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            }
        }

        /// Places `name` in the working folder's `policies/`, in the prefix's share folder and/or in etc.
        func place(_ name: String, in places: [KeyPath<Host, URL>]) throws {
            for place in places {
                let folder = place == \Host.working ? working.appendingPathComponent("policies") : self[keyPath: place]
                try "version: 1\n".write(
                    to: folder.appendingPathComponent(name),
                    atomically: false,
                    encoding: .utf8
                )
            }
        }

        /// The defaults as a run on this host sees them: relative paths resolve against the working folder.
        var defaults: RunSettings.DefaultFiles {
            let working = working
            return RunSettings.DefaultFiles(executable: executable, systemFolder: etc.path) { path in
                let absolute = path.hasPrefix("/") ? path : working.appendingPathComponent(path).path
                return FileManager.default.fileExists(atPath: absolute)
            }
        }

        func settings(_ arguments: [String]) throws(CommandError) -> RunSettings {
            let options: RunOptions
            do { options = try RunOptions.parse(arguments) } catch { throw .setting("\(error)") }
            return try RunSettings.resolve(options: options, environment: [:], defaults: defaults)
        }
    }

    @Test func defaultFilesAreLookedForInTheWorkingFolderThenBesideTheExecutableThenInEtc() {
        let candidates = RunSettings.defaultCandidates(
            named: "idle-graphs.yml",
            executable: URL(fileURLWithPath: "/opt/ges/bin/ges-idle-stop")
        )
        #expect(
            candidates == [
                "policies/idle-graphs.yml", "/opt/ges/share/ges-idle-stop/idle-graphs.yml",
                "/etc/ges-idle-stop/idle-graphs.yml",
            ]
        )
        #expect(
            RunSettings.defaultCandidates(named: "pricing.yml", executable: nil, systemFolder: "/x")
                == ["policies/pricing.yml", "/x/pricing.yml"]
        )
    }

    @Test func theFirstPlaceThatHasTheFileWins() throws {
        let host = try Host()
        try host.place("idle-graphs.yml", in: [\.working, \.share, \.etc])
        try host.place("pricing.yml", in: [\.share, \.etc])
        var resolved = try host.settings([])
        #expect(resolved.policyPaths == ["policies/idle-graphs.yml"])
        #expect(resolved.pricingPath == host.share.appendingPathComponent("pricing.yml").path)
        #expect(!resolved.pricingIsDefault)

        try FileManager.default.removeItem(at: host.working.appendingPathComponent("policies/idle-graphs.yml"))
        resolved = try host.settings([])
        #expect(resolved.policyPaths == [host.share.appendingPathComponent("idle-graphs.yml").path])

        try FileManager.default.removeItem(at: host.share.appendingPathComponent("idle-graphs.yml"))
        try FileManager.default.removeItem(at: host.share.appendingPathComponent("pricing.yml"))
        resolved = try host.settings([])
        #expect(resolved.policyPaths == [host.etc.appendingPathComponent("idle-graphs.yml").path])
        #expect(resolved.pricingPath == host.etc.appendingPathComponent("pricing.yml").path)
    }

    @Test func noPolicyFileAnywhereIsBadInputNamingThePlacesTheFlagAndTheConfigKey() throws {
        let host = try Host()
        #expect {
            try host.settings([])
        } throws: { error in
            guard let error = error as? CommandError, case .setting(let message) = error.cause else { return false }
            return message.contains("--policy") && message.contains("policies:")
                && message.contains("policies/idle-graphs.yml")
                && message.contains(host.share.appendingPathComponent("idle-graphs.yml").path)
                && message.contains(host.etc.appendingPathComponent("idle-graphs.yml").path)
        }
    }

    @Test func noPricingFileAnywhereIsAWarningThatNamesTheFlagAndTheConfigKey() throws {
        let host = try Host()
        try host.place("idle-graphs.yml", in: [\.etc])
        let resolved = try host.settings([])
        #expect(resolved.pricingIsDefault)
        #expect(resolved.missingPricingWarning.contains("--pricing"))
        #expect(resolved.missingPricingWarning.contains("pricing:"))
        #expect(resolved.missingPricingWarning.contains(host.etc.appendingPathComponent("pricing.yml").path))
    }

    @Test func filesNamedByFlagsOrTheConfigAreNotLookedFor() throws {
        let host = try Host()
        let named = try host.settings(["--policy", "mine.yml", "--pricing", "prices.yml"])
        #expect(named.policyPaths == ["mine.yml"])
        #expect(named.pricingPath == "prices.yml")
        let config = host.root.appendingPathComponent("config.yml")
        try "policies: [ a.yml ]\npricing: b.yml\n".write(to: config, atomically: false, encoding: .utf8)
        let configured = try host.settings(["--config", config.path])
        #expect(configured.policyPaths == [host.root.appendingPathComponent("a.yml").standardizedFileURL.path])
        #expect(!configured.pricingIsDefault)
    }

    @Test func usageExportSettingsLookForNoPolicyAndReadCloudEye() throws {
        let host = try Host()
        let resolved = try RunSettings.resolve(
            connection: ConnectionOptions.parse(["--deadline", "60"]),
            run: nil,
            environment: [:],
            defaults: host.defaults
        )
        #expect(resolved.policyPaths.isEmpty)
        #expect(resolved.usageSources == [UsageCollector.cloudEyeSource])
        #expect(resolved.deadline == 60)
    }
}
