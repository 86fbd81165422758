import Foundation
import IdleStopTestSupport
import Testing

@testable import IdleStopCore

/// `FileValidator` on data files: usage CSVs and inventory JSON, alone and next to YAML files.
struct FileValidatorTests {
    /// The path of a fixture under `Fixtures/<folder>`.
    private static func fixture(_ name: String, _ folder: String, _ ext: String?) throws -> String {
        try Fixtures(.module).path("\(folder)/\(name)" + (ext.map { ".\($0)" } ?? ""))
    }

    @Test func aValidUsageFileAndAValidInventoryHaveNoProblems() throws {
        let paths = [try Self.fixture("crlf-bom", "usage", "csv"), try Self.fixture("complete", "inventory", "json")]
        #expect(FileValidator.validate(paths: paths).isEmpty)
    }

    @Test func everyBadRowUpToTheLimitThenOneLineWithTheRest() throws {
        let path = try Self.fixture("many-bad-rows", "usage", "csv")
        let problems = FileValidator.validate(paths: [path])
        #expect(problems.count == FileValidator.badRowLimit + 1)
        #expect(problems.first?.description.hasPrefix(path + ":2:3 (period_seconds): \"0\" ") == true)
        #expect(problems.last == .moreBadRows(file: path, count: 5))
        #expect(problems.last?.description == "… and 5 more bad rows in \(path)")
    }

    @Test func mixedFilesReportInFileOrderAndPolicyMetricsAreChecked() throws {
        let usage = try Self.fixture("three-bad-rows", "usage", "csv")
        let inventory = try Self.fixture("not-json", "inventory", "json")
        let policy = try Self.fixture("every-filter", "policies", "yml")
        let unknownKey = try Self.fixture("unknown-key", "policies", "yml")
        // The usage file comes first, yet the metric the policy after it reads (cpu_util) is checked.
        let problems = FileValidator.validate(paths: [usage, inventory, policy, unknownKey])
        #expect(problems.map(\.file) == [usage, usage, usage, usage, inventory, unknownKey, unknownKey])
        #expect(problems.compactMap { if case .usage(let error) = $0 { error.line } else { nil } } == [3, 4, 5, 7])
        #expect(problems[4].description == inventory + ":4:29: not valid JSON: unexpected \"'\" (expected a value)")
        // Without a policy the metric column is not checked.
        #expect(FileValidator.validate(paths: [usage]).count == 3)
    }

    @Test func anInventoryIsCheckedAsAWholeListing() throws {
        let path = try Self.fixture("count-mismatch", "inventory", "json")
        let problems = FileValidator.validate(paths: [path])
        #expect(problems.count == 1)
        #expect(problems.first?.description.hasPrefix(path + ":1:17: graph_count is 3 but the file lists 2") == true)
    }

    @Test func missingFilesAndFoldersAreProblemsOfTheirKind() throws {
        let folder = try Self.fixture("folder", "usage", nil)
        let problems = FileValidator.validate(paths: ["/nonexistent/usage.csv", "/nonexistent/fleet.json", folder])
        #expect(
            problems.map(\.description) == [
                "/nonexistent/usage.csv: no such file", "/nonexistent/fleet.json: no such file",
                "\(folder): is a folder, not a file",
            ]
        )
    }

    @Test(
        arguments: [
            ("usage.csv", "", FileValidator.Kind.usage), ("fleet.JSON", "", .inventory),
            ("export.txt", "\u{FEFF}\"graph_id\", period_start,period_seconds,requests\r\ng1,0,60,1\n", .usage),
            ("fleet.txt", " \n{\"graph_count\": 0, \"graphs\": []}", .inventory),
            ("policy.yml", "{limits: {}}", nil), ("policy", "version: 1\npolicies: []\n", nil),
            ("notes.txt", "graph_id: x\n", nil),
        ] as [(String, String, FileValidator.Kind?)]
    )
    func theKindOfADataFileIsToldByItsExtensionThenItsFirstBytes(
        name: String,
        text: String,
        kind: FileValidator.Kind?
    ) throws {
        let folder = try TemporaryFolder.make("file-validator")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(FileValidator.dataKind(path: path) == kind)
    }
}

/// `FileValidator` on the three YAML kinds: policy, pricing and config files.
extension FileValidatorTests {
    @Test func validFilesOfEveryKindHaveNoProblems() throws {
        let paths = [
            try Self.fixture("every-filter", "policies", "yml"), try Self.fixture("examples", "pricing", "yml"),
            try Self.fixture("full", "config", "yml"),
        ]
        #expect(FileValidator.validate(paths: paths).isEmpty)
    }

    @Test func problemsOfSeveralFilesComeInFileOrder() throws {
        let policy = try Self.fixture("unknown-key", "policies", "yml")
        let pricing = try Self.fixture("errors", "pricing", "yml")
        let config = try Self.fixture("secrets", "config", "yml")
        let problems = FileValidator.validate(paths: [policy, pricing, config, "/nonexistent.yml"])
        #expect(problems.first?.file == policy)
        #expect(problems.last?.description == "/nonexistent.yml: no such file")
        #expect(problems.filter { $0.file == pricing }.count == 8)
        #expect(problems.filter { $0.file == config }.count == 3)
    }

    @Test(arguments: [
        ("version: 1\npolicies:\n  - name: a\n", FileValidator.Kind.policy),
        ("version: 1\nprotect: { graphs: [a] }\n", .policy),
        ("limits: {}\n", .policy),
        ("version: 1\ncurrency: USD\nprices: []\n", .pricing),
        ("policies: [a.yml, b.yml]\n", .config),
        ("policies: []\nregion: x\n", .config),
        ("endpoint: https://x\n", .config),
        ("- a list\n", .config),
    ])
    func kindFollowsTheTopLevelKeys(yaml: String, kind: FileValidator.Kind) {
        #expect(FileValidator.kind(of: yaml) == kind)
    }

    @Test func errorDescriptionsNameFileLineAndColumn() {
        let error = ConfigFileError(
            file: "policies/idle-graphs.yml",
            line: 12,
            column: 7,
            message:
                "unknown key \"windw\" in idle filter (expected one of: window, max_requests, min_coverage, metric, stat, at_most)"
        )
        #expect(
            error.description
                == "policies/idle-graphs.yml:12:7: unknown key \"windw\" in idle filter (expected one of: window, max_requests, min_coverage, metric, stat, at_most)"
        )
        let list = ConfigFileErrors([
            error, ConfigFileError(file: "a.yml", line: 0, column: 0, message: "no such file"),
        ])
        #expect(list.description.split(separator: "\n").count == 2)
        #expect(
            ConfigFileError(file: "f", line: 1, column: 1, message: "m", text: String(repeating: "x", count: 60)).text?
                .count == 41
        )
    }
}
