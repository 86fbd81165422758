import Foundation
import IdleStopCore
import Testing

/// The files in `deploy/` work as shipped: a crontab `crontab` accepts, systemd units `systemd-analyze` accepts,
/// an example config that validates, and a README that quotes the crontab verbatim.
@Suite struct DeployFilesTests {
    static let deploy = CLIHarness.repository.appendingPathComponent("deploy")

    static func text(_ name: String) throws -> String {
        try String(contentsOf: deploy.appendingPathComponent(name), encoding: .utf8)
    }

    /// What `crontab` would refuse in a user crontab, or an operator would regret: one sentence per problem.
    ///
    /// A line is blank, a comment, a `NAME=value` setting, or an entry: five time fields (numbers, ranges, lists,
    /// steps, `*`, month and day names) or an `@` nickname, then the command. Cron reads no continuation lines
    /// (a trailing `\` would reach the shell as is) and turns an unescaped `%` into a newline; the file must end
    /// with a newline.
    static func crontabProblems(_ text: String) -> [String] {
        var problems: [String] = []
        if !text.hasSuffix("\n") { problems.append("the last line has no newline (crontab: premature EOF)") }
        let ranges = [0...59, 0...23, 1...31, 1...12, 0...7]
        let names = [
            3: ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
            4: ["sun", "mon", "tue", "wed", "thu", "fri", "sat"],
        ]
        let nicknames: Set = [
            "@reboot", "@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly",
        ]
        var entries = 0
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            if trimmed.hasSuffix("\\") { problems.append("line \(number) ends with a backslash") }
            if trimmed.wholeMatch(of: #/[A-Za-z_][A-Za-z0-9_]*\s*=.*/#) != nil { continue }
            let fields = trimmed.split(separator: " ", omittingEmptySubsequences: true)
            let command: [Substring]
            if let first = fields.first, first.hasPrefix("@") {
                if !nicknames.contains(String(first)) { problems.append("line \(number): unknown nickname \(first)") }
                command = Array(fields.dropFirst())
            } else {
                guard fields.count > 5 else {
                    problems.append("line \(number): fewer than five time fields and a command")
                    continue
                }
                for (position, field) in fields.prefix(5).enumerated()
                where !isTimeField(String(field), range: ranges[position], names: names[position] ?? []) {
                    problems.append("line \(number): time field \(position + 1) \"\(field)\" is not valid")
                }
                command = Array(fields.dropFirst(5))
            }
            if command.isEmpty { problems.append("line \(number): no command") }
            let joined = command.joined(separator: " ")
            if joined.replacingOccurrences(of: "\\%", with: "").contains("%") {
                problems.append("line \(number): an unescaped % (cron makes it a newline); write \\%")
            }
            entries += 1
        }
        if entries == 0 { problems.append("no entry") }
        return problems
    }

    /// One time field: `*` or a list of values and ranges, each with an optional `/step`.
    static func isTimeField(_ field: String, range: ClosedRange<Int>, names: [String]) -> Bool {
        func value(_ text: Substring) -> Int? {
            if let number = Int(text) { return range.contains(number) ? number : nil }
            return names.firstIndex(of: text.lowercased()).map { $0 + range.lowerBound }
        }
        return field.split(separator: ",", omittingEmptySubsequences: false).allSatisfy { item in
            let parts = item.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count <= 2 else { return false }
            if parts.count == 2, (Int(parts[1]) ?? 0) < 1 { return false }
            if parts[0] == "*" { return true }
            let bounds = parts[0].split(separator: "-", omittingEmptySubsequences: false)
            guard (1...2).contains(bounds.count), let low = value(bounds[0]) else { return false }
            if bounds.count == 2 { return value(bounds[1]).map { low <= $0 } ?? false }
            return true
        }
    }

    @Test func theCrontabIsOneEntryPerLineThatCrontabAccepts() throws {
        let cron = try Self.text("ges-idle-stop.cron")
        #expect(Self.crontabProblems(cron).isEmpty, "\(Self.crontabProblems(cron))")
        let entries = cron.split(separator: "\n").filter { $0.first?.isNumber == true }
        #expect(entries.count == 1)
        let entry = try #require(entries.first)
        #expect(entry.contains("mkdir -p /var/log/ges-idle-stop && "))
        #expect(entry.contains("/usr/local/bin/ges-idle-stop run --config /etc/ges-idle-stop/config.yml"))
        #expect(entry.contains(">>/var/log/ges-idle-stop/run.log 2>&1"))
    }

    @Test(arguments: [
        ("15 2 * * * run \\\n", "backslash"), ("15 2 * * run\n", "fewer than five"), ("15 2 * * * date +%F\n", "%"),
        ("61 2 * * * run\n", "time field 1"), ("15 2 * * *\n", "fewer than five"), ("15 2 * * * run", "newline"),
        ("@often run\n", "nickname"), ("*/0 * * * * run\n", "time field 1"),
    ])
    func theCrontabCheckerRefusesWhatCronWouldMisread(text: String, problem: String) {
        let problems = Self.crontabProblems(text)
        #expect(problems.contains { $0.contains(problem) }, "\(problems)")
    }

    @Test(arguments: [
        "# comment\nSHELL=/bin/sh\n0 2 * * * run\n", "*/15 0-6,22-23 1-31 jan-dec mon-fri date +\\%F\n",
        "@daily run\n",
    ])
    func theCrontabCheckerAcceptsWhatCronReads(text: String) {
        #expect(Self.crontabProblems(text).isEmpty, "\(Self.crontabProblems(text))")
    }

    @Test func theReadmeQuotesTheCrontabVerbatim() throws {
        let readme = try String(
            contentsOf: CLIHarness.repository.appendingPathComponent("README.md"),
            encoding: .utf8
        )
        #expect(readme.contains("```cron\n" + (try Self.text("ges-idle-stop.cron")) + "```\n"))
    }

    @Test func theServiceIsHardenedAndKeepsSecretsInAFileOfMode600() throws {
        let service = try Self.text("ges-idle-stop.service")
        for line in [
            "Type=oneshot", "NoNewPrivileges=yes", "ProtectSystem=strict", "PrivateTmp=yes", "ProtectHome=yes",
            "StateDirectory=ges-idle-stop", "LogsDirectory=ges-idle-stop",
            "EnvironmentFile=/etc/ges-idle-stop/credentials.env",
        ] {
            #expect(service.split(separator: "\n").contains(Substring(line)), "the service misses \(line)")
        }
        #expect(service.contains("mode 600"))
        #expect(service.contains("/usr/local/bin/ges-idle-stop run --config /etc/ges-idle-stop/config.yml"))
        #expect(try Self.text("ges-idle-stop.timer").contains("OnCalendar="))
    }

    /// `systemd-analyze`, when this machine has it (Debian: the systemd package).
    static var systemdAnalyze: String? {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
            .map { $0 + "/systemd-analyze" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @Test(.enabled(if: DeployFilesTests.systemdAnalyze != nil, "systemd-analyze is not installed"))
    func systemdAnalyzeVerifiesTheServiceAndTheTimer() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.systemdAnalyze))
        process.arguments = ["verify", "ges-idle-stop.service", "ges-idle-stop.timer"]
        process.currentDirectoryURL = Self.deploy
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        // Warnings about our units (unknown keys, bad values) do not change the status: none may appear.
        let ours = text.split(separator: "\n").filter { $0.contains("ges-idle-stop.") }
        #expect(ours.isEmpty, "\(ours)")
    }

    @Test func theExampleConfigValidatesAndFindsThePoliciesInstalledBesideIt() throws {
        let folder = try CLIHarness().folder
        let manager = FileManager.default
        for (source, name) in [
            (Self.deploy.appendingPathComponent("config.yml"), "config.yml"),
            (URL(fileURLWithPath: CLIHarness.policy), "idle-graphs.yml"),
            (URL(fileURLWithPath: CLIHarness.pricing), "pricing.yml"),
        ] {
            try manager.copyItem(at: source, to: folder.appendingPathComponent(name))
        }
        let paths = ["config.yml", "idle-graphs.yml", "pricing.yml"].map { folder.appendingPathComponent($0).path }
        let problems = FileValidator.validate(paths: paths)
        #expect(problems.isEmpty, "\(problems)")
        let config = try ConfigFile.load(path: paths[0])
        #expect(config.policies == [paths[1]])
        #expect(config.pricing == paths[2])
        #expect(config.usage == ["cloud-eye"])
    }
}
