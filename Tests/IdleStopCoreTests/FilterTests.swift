import Foundation
import Testing

@testable import IdleStopCore

/// 2026-11-27T02:00:00Z, a Friday.
private let now = Instant(unixSeconds: 1_795_744_800)
private let idleDay = GraphUsage(
    graphID: "g",
    windows: [.hours(24): WindowUsage(window: .hours(24), coveredSeconds: 86_400)]
)
private let busyDay = GraphUsage(
    graphID: "g",
    windows: [.hours(24): WindowUsage(window: .hours(24), coveredSeconds: 86_400, requests: 5)]
)
private let noData = GraphUsage(graphID: "g")

private func graph(
    name: String = "dev-a",
    size: String = "1",
    createdDaysAgo: Double? = nil,
    tags: [String: String] = [:]
) -> Graph {
    Graph(
        id: "g",
        name: name,
        status: .running,
        sizeIndex: size,
        created: createdDaysAgo.map { now.advanced(by: -Int64($0 * 86_400)) },
        tags: tags
    )
}

private func evaluate(_ item: String, _ graph: Graph, _ usage: GraphUsage = idleDay) throws -> PolicyEvaluation {
    try parsedPolicy(item).evaluate(graph: graph, usage: usage, now: now)
}

@Test(arguments: [
    ("tag: { key: env, in: [dev, test] }", ["env": "test"], true, "tag env is \"test\""),
    ("tag: { key: env, in: [dev, test] }", ["env": "prod"], false, "tag env is \"prod\", not one of dev, test"),
    ("tag: { key: env, in: [dev, test] }", [:], false, "no tag env, policy needs one of dev, test"),
    ("tag: { key: env, value: dev }", ["env": "dev"], true, "tag env is \"dev\""),
    ("tag: { key: env, value: dev }", ["env": "Dev"], false, "tag env is \"Dev\", not \"dev\""),
    ("tag: { key: owner, exists: true }", ["owner": "ann"], true, "tag owner is set"),
    ("tag: { key: owner, exists: true }", [:], false, "no tag owner"),
    ("tag: { key: owner, exists: false }", [:], true, "no tag owner"),
    (
        "tag: { key: owner, exists: false }", ["owner": "ann"], false,
        "tag owner is set (\"ann\"), policy needs it absent"
    ),
])
func tagFilter(item: String, tags: [String: String], matched: Bool, sentence: String) throws {
    let result = try evaluate(item, graph(tags: tags))
    #expect(result.matched == matched)
    #expect(result.summary == sentence)
}

@Test(arguments: [
    ("name: { in: [dev-a, dev-b] }", "dev-a", true, "name \"dev-a\" is listed"),
    ("name: { in: [dev-a, dev-b] }", "dev-c", false, "name \"dev-c\" is not one of dev-a, dev-b"),
    ("name: { matches: \"dev-.*\" }", "dev-a", true, "name \"dev-a\" matches /dev-.*/"),
    // The whole name must match: a pattern is not a substring search.
    ("name: { matches: \"dev\" }", "dev-a", false, "name \"dev-a\" does not match /dev/"),
    ("name: { matches: \"a|dev-a\" }", "dev-a", true, "name \"dev-a\" matches /a|dev-a/"),
    ("name: { matches: \"a|b\" }", "ab", false, "name \"ab\" does not match /a|b/"),
])
func nameFilter(item: String, name: String, matched: Bool, sentence: String) throws {
    let result = try evaluate(item, graph(name: name))
    #expect(result.matched == matched)
    #expect(result.summary == sentence)
}

@Test(arguments: [
    ("1", true, "size million is one of million, billion"),
    ("4", true, "size billion is one of million, billion"),
    ("2", false, "size ten-million is not one of million, billion"),
])
func sizeFilterAcceptsNamesAndIndexes(size: String, matched: Bool, sentence: String) throws {
    let result = try evaluate("size: { in: [\"4\", million] }", graph(size: size))
    #expect(result.matched == matched)
    #expect(result.summary == sentence)
}

@Test(arguments: [
    (Double?(5), true, "created 5d ago (at least 3d)"),
    (Double?(3), true, "created 3d ago (at least 3d)"),
    (Double?(2.9), false, "created 2d ago, policy needs 3d"),
    (Double?(0.5), false, "created 12h ago, policy needs 3d"),
    (Double?.none, false, "creation time unknown, policy needs 3d"),
])
func ageFilter(daysAgo: Double?, matched: Bool, sentence: String) throws {
    let result = try evaluate("age: { min: 3d }", graph(createdDaysAgo: daysAgo))
    #expect(result.matched == matched)
    #expect(result.summary == sentence)
}

@Test func allNeedsEveryFilter() throws {
    let item = "all: [ { tag: { key: env, value: dev } }, { idle: { window: 24h } } ]"
    #expect(try evaluate(item, graph(tags: ["env": "dev"])).matched)
    #expect(try evaluate(item, graph(tags: ["env": "dev"]), busyDay).matched == false)
    #expect(try evaluate(item, graph(tags: ["env": "prod"])).matched == false)
}

@Test func anyNeedsOneFilter() throws {
    let item = "any: [ { tag: { key: env, value: dev } }, { name: { in: [scratch] } } ]"
    #expect(try evaluate(item, graph(tags: ["env": "dev"])).matched)
    #expect(try evaluate(item, graph(name: "scratch")).matched)
    let neither = try evaluate(item, graph(name: "x", tags: ["env": "prod"]))
    #expect(!neither.matched)
    #expect(
        neither.failure
            == "none of the alternatives holds: tag env is \"prod\", not \"dev\"; name \"x\" is not one of scratch"
    )
}

@Test func notInvertsAFilter() throws {
    let item = "not: { tag: { key: env, value: prod } }"
    #expect(try evaluate(item, graph(tags: ["env": "dev"])).matched)
    let prod = try evaluate(item, graph(tags: ["env": "prod"]))
    #expect(!prod.matched)
    #expect(prod.failure == "excluded: tag env is \"prod\"")
}

@Test func missingDataNeverMakesAPolicyMatchEvenUnderNot() throws {
    // "not idle" must not hold just because there is no usage data: unknown stays unknown.
    let notIdle = try evaluate("not: { idle: { window: 24h } }", graph(), noData)
    #expect(!notIdle.matched)
    #expect(notIdle.idleChecks.first?.failedForCoverage == true)
    #expect(try evaluate("not: { idle: { window: 24h } }", graph(), busyDay).matched)
    #expect(try evaluate("not: { age: { min: 3d } }", graph(createdDaysAgo: nil)).matched == false)
}

@Test func anyHoldsWhenOneBranchHoldsDespiteMissingData() throws {
    let item = "any: [ { idle: { window: 24h } }, { tag: { key: env, value: dev } } ]"
    #expect(try evaluate(item, graph(tags: ["env": "dev"]), noData).matched)
    let unknown = try evaluate(item, graph(tags: ["env": "prod"]), noData)
    #expect(!unknown.matched)
    #expect(unknown.failure == "insufficient usage data: 0% of 24h covered, 90% required")
}

@Test func nestedIdleFiltersAreAllChecked() throws {
    let usage = GraphUsage(
        graphID: "g",
        windows: [
            .hours(24): WindowUsage(window: .hours(24), coveredSeconds: 86_400),
            .days(7): WindowUsage(window: .days(7), coveredSeconds: 604_800, requests: 50),
        ]
    )
    let item = "any: [ { all: [ { idle: { window: 7d, max_requests: 20 } } ] }, { not: { idle: { window: 24h } } } ]"
    let result = try evaluate(item, graph(), usage)
    #expect(result.idleChecks.map(\.window) == [.days(7), .hours(24)])
    #expect(result.idleChecks.map(\.held) == [false, true])
    #expect(!result.matched)
}
