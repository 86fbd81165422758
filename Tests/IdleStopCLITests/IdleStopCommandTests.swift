import ArgumentParser
import Foundation
import Testing

@testable import IdleStopCLI

/// The root command: `--version`, and help that stands alone for each subcommand.
@Suite struct IdleStopCommandTests {
    static func help(_ command: any ParsableCommand.Type) -> String {
        IdleStopCommand.helpMessage(for: command, columns: 100)
    }

    @Test func versionNamesTheReleaseAndTheCommit() throws {
        let line = try #require(BuildInfo.versionLine.wholeMatch(of: #/ges-idle-stop (\d+\.\d+\.\d+) \(commit (.+)\)/#))
        #expect(line.1 == BuildInfo.version)
        #expect(line.2 == BuildInfo.commit)
        #expect(BuildInfo.commit == "unknown" || BuildInfo.commit.wholeMatch(of: #/[0-9a-f]{7,40}(-dirty)?/#) != nil)
    }

    @Test func theExecutablePrintsTheVersionLineAndExitsZero() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: ExecutableRun.executable.path))
        let harness = try CLIHarness()
        let result = try await ExecutableRun.run(["--version"], environment: [:], in: harness.folder)
        #expect(result.status == 0)
        #expect(result.stdout == BuildInfo.versionLine + "\n")
        #expect(result.stderr.isEmpty)
    }

    @Test func usageExportHelpListsNoRunOnlyOption() {
        let help = Self.help(UsageExportCommand.self)
        for option in [
            "--dry-run", "--wait", "--concurrency", "--policy", "--pricing", "--horizon", "--report", "--db",
        ] {
            #expect(!help.contains(option), "usage export --help lists \(option)")
        }
        for option in ["--since", "--out", "--period", "--endpoint", "--ces-endpoint", "--deadline", "--quiet"] {
            #expect(help.contains(option), "usage export --help misses \(option)")
        }
        #expect(help.contains("HUAWEICLOUD_SDK_AK"))
        #expect(help.contains("  5 "))
    }

    @Test(arguments: [RunCommand.self, ApplyCommand.self] as [any ParsableCommand.Type])
    func runAndApplyHelpNameEveryUsageValueTheCredentialsAndTheExitStatuses(command: any ParsableCommand.Type) {
        let help = Self.help(command)
        for word in [
            "cloud-eye", "*.csv", "standard input", "HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK",
            "HUAWEICLOUD_SDK_SECURITY_TOKEN", "GES_AUTH_TOKEN", "GES_AUTH_TOKEN_FILE", "HUAWEICLOUD_IAM_ENDPOINT",
            "HUAWEICLOUD_DOMAIN_NAME", "HUAWEICLOUD_USER_NAME", "HUAWEICLOUD_PASSWORD", "/etc/ges-idle-stop",
            "--dry-run", "--policy", "--deadline",
        ] {
            #expect(help.contains(word), "\(command) --help misses \(word)")
        }
        for status in ExitStatus.allCases {
            #expect(help.contains("  \(status.rawValue) "), "\(command) --help misses exit status \(status.rawValue)")
        }
        #expect(help.contains("75"))
        #expect(help.contains("summary line"))
    }

    @Test(arguments: [ReportCommand.self, ValidateCommand.self] as [any ParsableCommand.Type])
    func reportAndValidateHelpListTheirExitStatuses(command: any ParsableCommand.Type) {
        let help = Self.help(command)
        #expect(help.contains("Exit status:"))
        #expect(help.contains("  0 ") && help.contains("  1 "))
        #expect(!help.contains("--endpoint"))
    }

    @Test func rootHelpNamesShellCompletion() {
        #expect(IdleStopCommand.helpMessage(columns: 100).contains("--generate-completion-script"))
    }
}
