import Foundation
import IdleStopTestSupport
import Testing

@testable import IdleStopCore

/// The fixture's path inside the test bundle.
private func fixture(_ name: String) throws -> String {
    try Fixtures(.module).path("policies/\(name).yml")
}

/// Descriptions with the fixture folder removed, so expectations read `file.yml:line:column: message`.
private func problems(_ name: String) throws -> [String] {
    let path = try fixture(name)
    do {
        _ = try PolicySet.load(path: path)
        return []
    } catch {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path + "/"
        return error.errors.map { $0.description.replacingOccurrences(of: folder, with: "") }
    }
}

@Test func everyFilterKindParses() throws {
    let set = try PolicySet.load(path: try fixture("every-filter"))
    #expect(set.limits.maxStopsPerRun == 10)
    #expect(set.limits.maxStopShare == Decimal(string: "0.25"))
    #expect(
        set.protection.tags == [
            ProtectedTag(key: "keep-running", value: "true"), ProtectedTag(key: "tier", value: "gold"),
        ]
    )
    #expect(set.protection.graphs == ["prod-recommendations", "0f3a-graph-id"])
    #expect(set.policies.map(\.name) == ["nightly-dev", "report-only"])
    #expect(set.policies.map(\.action) == [.stop, .report])
    let first = set.policies[0]
    #expect(first.description == "every kind of filter once")
    #expect(first.match.count == 9)
    #expect(first.position.line == 9)
    #expect(first.match[3] == .size(["1", "4"]))
    #expect(first.match[4] == .age(minimum: .days(3)))
    #expect(first.match[1] == .tag(TagFilter(key: "owner", condition: .exists(true))))
    let schedule = ScheduleFilter(
        timeZone: TimeZone(identifier: "Europe/Berlin")!,
        timeZoneName: "Europe/Berlin",
        days: [.mon, .tue, .wed, .thu, .fri],
        between: DailyInterval(start: 19 * 60, end: 7 * 60)
    )
    #expect(first.match[5] == .schedule(schedule))
    #expect(
        first.match[6]
            == .any([
                .idle(IdleFilter(window: .hours(24))),
                .idle(IdleFilter(window: .hours(6), measure: .metric("cpu_util", .max, atMost: 2))),
            ])
    )
    #expect(
        first.match[8] == .all([.idle(IdleFilter(window: .days(7), measure: .requests(atMost: 20), minCoverage: 0.5))])
    )
}

@Test func anchoredLiteralNamePatternsAreWarningsWithTheirPlaceNotErrors() throws {
    let path = try fixture("anchored-names")
    let set = try PolicySet.load(path: path)
    #expect(set.policies.count == 2)
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path + "/"
    #expect(
        set.warnings.map { $0.replacingOccurrences(of: folder, with: "") } == [
            "anchored-names.yml:5:26: name pattern \"^scratch-\" matches only a graph named exactly \"scratch-\" "
                + "(patterns match the whole name); for names that start with \"scratch-\" write \"scratch-.*\"",
            "anchored-names.yml:11:30: name pattern \"prod$\" matches only a graph named exactly \"prod\" "
                + "(patterns match the whole name); for names that end with \"prod\" write \".*prod\"",
        ]
    )
    // Merging keeps every file's warnings, in order; validate reports them without failing the file.
    let other = PolicySet(warnings: ["other.yml:1:1: a warning"])
    #expect(try PolicySet.merged([set, other]).warnings == set.warnings + other.warnings)
    let findings = FileValidator.check(paths: [path])
    #expect(findings.problems.isEmpty)
    #expect(findings.warnings == set.warnings)
}

@Test func aPolicyMayGiveANoticeAndZeroMeansNone() throws {
    let set = try PolicySet.load(path: try fixture("notice"))
    #expect(set.policies.map(\.notice) == [.hours(24), nil, nil])
}

@Test func limitsDefaultToTwentyFiveStopsAndHalfTheFleet() throws {
    let set = try PolicySet.parse(yaml: "version: 1\npolicies: []\n", file: "p.yml")
    #expect(set.limits.maxStopsPerRun == 25)
    #expect(set.limits.maxStopShare == Decimal(string: "0.5"))
    #expect(set.limits.configuredMaxStopsPerRun == nil)
}

@Test func unknownKeyNamesFileLineColumnAndTheAllowedKeys() throws {
    let found = try problems("unknown-key")
    #expect(
        found.contains(
            "unknown-key.yml:5:17: unknown key \"windw\" in idle filter (expected one of: window, max_requests, min_coverage, metric, stat, at_most)"
        )
    )
    #expect(found.contains("unknown-key.yml:5:15: missing key \"window\" in idle filter"))
}

@Test func everyProblemOfAFileIsReportedWithItsPosition() throws {
    #expect(
        try problems("many-errors") == [
            "many-errors.yml:1:10: unsupported version 2 (expected 1)",
            "many-errors.yml:3:22: max_stops_per_run must be at least 0, found -1",
            "many-errors.yml:4:19: max_stop_share must be between 0 and 1, found 1.5",
            "many-errors.yml:8:25: idle window \"0h\" is not a positive duration like 30m, 24h, 7d or 2w",
            "many-errors.yml:9:26: regular expression \"dev-[\" does not compile",
            "many-errors.yml:10:22: unknown size \"huge\" (expected a name or index: ten-thousand (0), million (1), ten-million (2), hundred-million (3), billion (4), ten-billion (5), hundred-billion (6), billion-enhanced (401))",
            "many-errors.yml:11:31: unknown time zone \"Mars/Olympus\" (expected an IANA name like Europe/Berlin or UTC)",
            "many-errors.yml:11:54: between \"25:00-07:00\" is not a time range like \"19:00-07:00\" (24-hour clock, start and end differ)",
            "many-errors.yml:12:14: a tag filter needs exactly one of in, value, exists (found in, value)",
            "many-errors.yml:13:29: max_requests does not mix with metric in an idle filter: one filter measures one thing (use two idle filters)",
            "many-errors.yml:14:36: expected true or false for tag exists, found \"yes\"",
            "many-errors.yml:15:9: unknown filter \"colour\" (expected one of: idle, tag, name, size, age, schedule, all, any, not)",
            "many-errors.yml:17:11: duplicate policy name \"a\" (first defined at line 6)",
            "many-errors.yml:18:12: match must not be empty",
            "many-errors.yml:19:13: unknown action \"delete\" (expected stop or report)",
        ]
    )
}

@Test func badYAMLSyntaxReportsYamsPosition() throws {
    let found = try problems("bad-syntax")
    #expect(found.count == 1)
    #expect(found.first?.hasPrefix("bad-syntax.yml:5:5: invalid YAML: did not find expected ',' or ']'") == true)
}

@Test(arguments: [
    (
        "version: 1\npolicies:\n  - name: x\n    match:\n      - idle: { window: 24h, metric: cpu }\n    action: stop\n",
        "p.yml:5:15: missing key \"stat\" in idle filter: metric, stat and at_most go together"
    ),
    (
        "version: 1\npolicies:\n  - name: x\n    match:\n      - idle: { window: 24h, metric: requests, stat: sum, at_most: 1 }\n    action: stop\n",
        "p.yml:5:38: metric \"requests\" is not a metric column (use max_requests)"
    ),
    (
        "version: 1\npolicies:\n  - name: x\n    match:\n      - idle: { window: 24h, metric: cpu, stat: median, at_most: 1 }\n    action: stop\n",
        "p.yml:5:49: unknown stat \"median\" (expected one of: sum, max, avg)"
    ),
    (
        "version: 1\npolicies:\n  - name: x\n    match:\n      - idle: { window: 24h, min_coverage: 1.2 }\n    action: stop\n",
        "p.yml:5:44: min_coverage must be between 0 and 1, found 1.2"
    ),
    (
        "version: 1\npolicies:\n  - name: x\n    match:\n      - idle: { window: 24h, max_requests: \"3\" }\n    action: stop\n",
        "p.yml:5:44: expected a whole number for max_requests, found \"3\""
    ),
    (
        "version: 1\npolicies:\n  - name: x\n    match:\n      - age: { min: -3d }\n    action: stop\n",
        "p.yml:5:21: age min \"-3d\" is not a positive duration like 30m, 24h, 7d or 2w"
    ),
    (
        "version: 1\npolicies:\n  - name: x\n    match:\n      - idle: { window: 24h }\n",
        "p.yml:3:5: missing key \"action\" in a policy"
    ),
    (
        "version: 1\npolicies:\n  - name: x\n    match:\n      - idle: { window: 24h }\n    action: stop\n    notice: 1 day\n",
        "p.yml:7:13: notice \"1 day\" is not a positive duration like 30m, 24h, 7d or 2w"
    ),
    (
        "version: 1\npolicies:\n  - name: x\n    match:\n      - idle: { window: 24h }\n    action: report\n    notice: 24h\n",
        "p.yml:7:13: notice applies only to action: stop (a report policy never stops a graph)"
    ),
    ("policies: []\n", "p.yml:1:1: missing key \"version\" in the policy file"),
    (
        "version: 1\npolicies:\n  - name: x\n    match:\n      - { idle: { window: 1h }, tag: { key: a, exists: true } }\n    action: stop\n",
        "p.yml:5:9: a filter must have exactly one key, one of: idle, tag, name, size, age, schedule, all, any, not (found 2); list several filters as separate items"
    ),
    (
        "version: 1\npolicies:\n  - name: x\n    match:\n      - schedule: { timezone: UTC, days: [mon, funday] }\n    action: stop\n",
        "p.yml:5:48: unknown day \"funday\" (expected one of: mon, tue, wed, thu, fri, sat, sun)"
    ),
    (
        "version: 1\npolicies:\n  - name: x\n    match:\n      - schedule: { timezone: UTC }\n    action: stop\n",
        "p.yml:5:19: a schedule filter needs days, between or both"
    ),
    ("version: 1\nversion: 1\n", "p.yml:1:1: duplicate key \"version\" in a mapping"),
    ("", "p.yml: the file is empty"),
])
func eachErrorKindHasItsPosition(yaml: String, expected: String) {
    #expect(throws: ConfigFileErrors.self) { try PolicySet.parse(yaml: yaml, file: "p.yml") }
    do {
        _ = try PolicySet.parse(yaml: yaml, file: "p.yml")
    } catch {
        #expect(error.errors.map(\.description).contains(expected), "\(error.errors)")
    }
}

@Test func mergingConcatenatesPoliciesUnitesProtectionAndTakesTheStrictestLimits() throws {
    let merged = try PolicySet.merged([
        try PolicySet.load(path: try fixture("merge-a")), try PolicySet.load(path: try fixture("merge-b")),
    ])
    #expect(merged.policies.map(\.name) == ["first", "second"])
    #expect(merged.limits.maxStopsPerRun == 5)
    #expect(merged.limits.maxStopShare == Decimal(string: "0.3"))
    #expect(merged.protection.graphs == ["prod-a", "prod-b"])
    #expect(
        merged.protection.tags == [
            ProtectedTag(key: "keep-running", value: "true"), ProtectedTag(key: "keep-running", value: "yes"),
        ]
    )
    let needs = merged.usageNeeds
    #expect(needs.windows == [.hours(24), .days(7)])
    #expect(needs.metrics == ["cpu_util"])
}

@Test func aLimitSetInNoFileKeepsItsDefaultWhenMerging() throws {
    let a = try PolicySet.parse(yaml: "version: 1\nlimits: { max_stops_per_run: 100 }\n", file: "a.yml")
    let b = try PolicySet.parse(yaml: "version: 1\npolicies: []\n", file: "b.yml")
    let merged = try PolicySet.merged([a, b])
    #expect(merged.limits.maxStopsPerRun == 100)
    #expect(merged.limits.maxStopShare == Decimal(string: "0.5"))
}

@Test func aPolicyNameUsedInTwoFilesIsAnErrorAtItsSecondUse() throws {
    let a = try PolicySet.load(path: try fixture("merge-a"))
    let duplicate = try fixture("merge-duplicate")
    let c = try PolicySet.load(path: duplicate)
    #expect(throws: ConfigFileErrors.self) { try PolicySet.merged([a, c]) }
    do {
        _ = try PolicySet.merged([a, c])
    } catch {
        #expect(error.errors.count == 1)
        #expect(error.errors.first?.file == duplicate)
        #expect(error.errors.first?.line == 7)
        #expect(error.errors.first?.column == 11)
        #expect(error.errors.first?.message.hasPrefix("duplicate policy name \"first\" (first defined at ") == true)
    }
}

@Test func usageNeedsFindNestedIdleFilters() throws {
    let set = try PolicySet.load(path: try fixture("every-filter"))
    #expect(set.usageNeeds.windows == [.hours(24), .hours(6), .days(7)])
    #expect(set.usageNeeds.metrics == ["cpu_util"])
}

@Test func protectionReasonNamesTheTagNameOrID() throws {
    let set = try PolicySet.load(path: try fixture("every-filter"))
    let tagged = Graph(id: "g1", name: "x", status: .running, sizeIndex: "1", tags: ["keep-running": "true"])
    let named = Graph(id: "g2", name: "prod-recommendations", status: .running, sizeIndex: "1")
    let byID = Graph(id: "0f3a-graph-id", name: "y", status: .running, sizeIndex: "1")
    let other = Graph(id: "g3", name: "z", status: .running, sizeIndex: "1", tags: ["keep-running": "false"])
    #expect(set.protectionReason(for: tagged) == "protected by tag keep-running=true")
    #expect(set.protectionReason(for: named) == "protected by name prod-recommendations")
    #expect(set.protectionReason(for: byID) == "protected by ID 0f3a-graph-id")
    #expect(set.protectionReason(for: other) == nil)
}

@Test func theShippedDefaultPolicyFileIsValid() throws {
    let set = try PolicySet.load(path: Repository.url("policies/idle-graphs.yml").path)
    #expect(set.policies.map(\.name) == ["idle-dev-graphs", "idle-a-week", "flag-idle-prod", "flag-idle-unclassified"])
    #expect(set.warnings.isEmpty)
    #expect(set.protection.tags == [ProtectedTag(key: "keep-running", value: "true")])
    #expect(FileValidator.validate(paths: [Repository.url("policies/pricing.yml").path]).isEmpty)
}

@Test func theShippedDefaultFlagsButNeverStopsAGraphItCannotTellIsNotProduction() throws {
    let set = try PolicySet.load(path: Repository.url("policies/idle-graphs.yml").path)
    let now = Instant(unixSeconds: 1_795_744_800)
    let created = now.advanced(by: -30 * 86_400)
    func graph(_ id: String, tags: [String: String]) -> Graph {
        Graph(id: id, name: id, status: .running, sizeIndex: "1", created: created, tags: tags)
    }
    let graphs = [
        graph("untagged", tags: [:]), graph("production", tags: ["env": "production"]),
        graph("unknown-env", tags: ["env": "analytics"]), graph("staging", tags: ["env": "staging"]),
    ]
    // Not a request in a week, every hour covered: as idle as a graph can be.
    let idle = [TimeSpan.hours(24), .days(7)].map { WindowUsage(window: $0, coveredSeconds: $0.seconds) }
    let windows = Dictionary(uniqueKeysWithValues: idle.map { ($0.window, $0) })
    let usage = Dictionary(uniqueKeysWithValues: graphs.map { ($0.id, GraphUsage(graphID: $0.id, windows: windows)) })
    let decisions = DecisionEngine(policies: set, prices: nil, now: now, isDryRun: true)
        .decide(graphs: graphs, usage: usage)
    let byID = Dictionary(uniqueKeysWithValues: decisions.map { ($0.graph.id, $0) })
    #expect(byID["untagged"]?.kind == .flag)
    #expect(byID["untagged"]?.policy == "flag-idle-unclassified")
    #expect(byID["production"]?.kind == .flag)
    #expect(byID["production"]?.policy == "flag-idle-prod")
    #expect(byID["unknown-env"]?.kind == .flag)
    // Only a listed non-production tag lets the default stop a graph.
    #expect(byID["staging"]?.kind == .stop)
    #expect(byID["staging"]?.policy == "idle-a-week")
}
