import Foundation
import Testing

@testable import IdleStopCore

/// Tests `FileValidator`, which checks any of the three YAML kinds for `ges-idle-stop validate`.
private func fixture(_ name: String, _ folder: String) throws -> String {
    try #require(Bundle.module.url(forResource: name, withExtension: "yml", subdirectory: "Fixtures/\(folder)")).path
}

@Test func validFilesOfEveryKindHaveNoProblems() throws {
    let paths = [
        try fixture("every-filter", "policies"), try fixture("examples", "pricing"), try fixture("full", "config"),
    ]
    #expect(FileValidator.validate(paths: paths).isEmpty)
}

@Test func problemsOfSeveralFilesComeInFileOrder() throws {
    let policy = try fixture("unknown-key", "policies")
    let pricing = try fixture("errors", "pricing")
    let config = try fixture("secrets", "config")
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
    let list = ConfigFileErrors([error, ConfigFileError(file: "a.yml", line: 0, column: 0, message: "no such file")])
    #expect(list.description.split(separator: "\n").count == 2)
    #expect(
        ConfigFileError(file: "f", line: 1, column: 1, message: "m", text: String(repeating: "x", count: 60)).text?
            .count == 41
    )
}
