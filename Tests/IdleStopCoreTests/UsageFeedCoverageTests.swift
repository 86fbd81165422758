import Foundation
import Testing

@testable import IdleStopCore

/// Which graphs count for `limits.min_data_share`, and when the feed is too thin (exit 6).
@Suite struct UsageFeedCoverageTests {
    static let now = Instant(unixSeconds: 1_795_744_800)  // 2026-11-27T02:00:00Z
    static let day = TimeSpan.hours(24)

    static let policies: PolicySet = {
        let yaml = """
            version: 1
            protect:
              tags: { keep-running: "true" }
            policies:
              - name: report-vip
                match:
                  - tag: { key: tier, value: vip }
                action: report
              - name: idle-dev
                match:
                  - tag: { key: env, in: [dev] }
                  - idle: { window: 24h, max_requests: 0, min_coverage: 0.9 }
                action: stop
              - name: flag-prod
                match:
                  - tag: { key: env, in: [prod] }
                  - any: [ { idle: { window: 24h } } ]
                action: report

            """
        return try! PolicySet.parse(yaml: yaml, file: "p.yml")
    }()

    static func graph(
        _ id: String,
        env: String = "dev",
        status: GraphStatus = .running,
        product: String = "InMemory",
        tags: [String: String] = [:]
    ) -> Graph {
        var all = tags
        all["env"] = env
        return Graph(
            id: id,
            name: id,
            status: status,
            productType: product,
            sizeIndex: "1",
            created: now.advanced(by: -30 * 86_400),
            tags: all
        )
    }

    static func usage(_ id: String, covered: Int64, requests: Double = 0, lastRecordEnd: Int64? = nil) -> GraphUsage {
        GraphUsage(
            graphID: id,
            windows: [day: WindowUsage(window: day, coveredSeconds: covered, requests: requests)],
            lastRecordEnd: lastRecordEnd
        )
    }

    func measure(_ graphs: [Graph], _ usage: [String: GraphUsage], tainted: Set<String> = []) -> UsageFeedCoverage {
        UsageFeedCoverage.measure(
            graphs: graphs,
            usage: usage,
            tainted: tainted,
            policies: Self.policies,
            now: Self.now
        )
    }

    @Test func aDeadFeedLeavesEveryEvaluatedGraphWithoutUsableUsage() {
        let coverage = measure([Self.graph("a"), Self.graph("b"), Self.graph("p", env: "prod")], [:])
        #expect(coverage.evaluatedGraphIDs == ["a", "b", "p"])
        #expect(coverage.graphIDsWithoutUsage == ["a", "b", "p"])
        #expect(coverage.newestRecordEnd == nil)
        #expect(coverage.isTooThin(minimumShare: 0.5))
    }

    @Test func hardRulesTaintedRowsAndOtherDecidersTakeAGraphOutOfTheCount() {
        let graphs = [
            Self.graph("stopped", status: .stopped), Self.graph("db", product: "Persistence"),
            Self.graph("kept", tags: ["keep-running": "true"]), Self.graph("tainted"),
            // Decided by a policy without an idle filter before any idle filter is reached.
            Self.graph("vip", tags: ["tier": "vip"]),
            // Ruled out by every idle policy's other filters: usage cannot change its fate.
            Self.graph("qa", env: "qa"),
            Self.graph("counted"),
        ]
        let coverage = measure(graphs, [:], tainted: ["tainted"])
        #expect(coverage.evaluatedGraphIDs == ["counted"])
    }

    @Test func aGraphHasUsableUsageWhenAReachedIdleFilterHasItsCoverage() {
        let graphs = [Self.graph("idle"), Self.graph("busy"), Self.graph("thin"), Self.graph("busy-thin")]
        let coverage = measure(
            graphs,
            [
                "idle": Self.usage("idle", covered: 86_400), "busy": Self.usage("busy", covered: 86_400, requests: 9),
                "thin": Self.usage("thin", covered: 3600),
                // Requests show it in use, but the feed covers an hour of the day: no usable usage.
                "busy-thin": Self.usage("busy-thin", covered: 3600, requests: 9),
            ]
        )
        #expect(coverage.evaluatedGraphIDs == ["idle", "busy", "thin", "busy-thin"])
        #expect(coverage.graphIDsWithoutUsage == ["thin", "busy-thin"])
        #expect(coverage.usableCount == 2)
        #expect(!coverage.isTooThin(minimumShare: 0.5))
        #expect(coverage.isTooThin(minimumShare: 0.51))
    }

    @Test func nestedIdleFiltersAreReachedToo() {
        let coverage = measure([Self.graph("p", env: "prod")], ["p": Self.usage("p", covered: 86_400)])
        #expect(coverage.evaluatedGraphIDs == ["p"])
        #expect(coverage.graphIDsWithoutUsage.isEmpty)
    }

    @Test(
        arguments: [
            (0, 0, "0.5", false), (1, 0, "0.5", true), (2, 1, "0.5", false), (3, 1, "0.5", true), (3, 3, "1", false),
            (3, 2, "1", true), (3, 0, "0", false),
        ] as [(Int, Int, String, Bool)]
    )
    func tooThinMeansFewerThanTheShareWithUsableUsage(evaluated: Int, usable: Int, share: String, thin: Bool) {
        let ids = (0..<evaluated).map { "g\($0)" }
        let coverage = UsageFeedCoverage(evaluatedGraphIDs: ids, graphIDsWithoutUsage: Array(ids.dropFirst(usable)))
        #expect(coverage.isTooThin(minimumShare: Decimal(string: share)!) == thin)
    }

    @Test func theNewestRecordIsTheLatestOfAnyInventoryGraph() {
        let coverage = measure(
            [Self.graph("a"), Self.graph("off", status: .stopped)],
            [
                "a": Self.usage("a", covered: 0, lastRecordEnd: 1_795_140_000),
                "off": Self.usage("off", covered: 0, lastRecordEnd: 1_795_200_000),
            ]
        )
        #expect(coverage.newestRecordEnd == 1_795_200_000)
        let message = coverage.tooThinMessage(minimumShare: 0.5)
        #expect(message.hasPrefix("usage data too thin: 1 of 1 running graph(s) the policies evaluate had no usable"))
        #expect(message.contains("min_data_share 0.5 needs at least 50%"))
        #expect(message.contains("the newest usage record ends at 2026-11-20T18:40:00Z"))
    }

    @Test func theMessageSaysWhenThereAreNoRecordsAtAll() {
        let coverage = measure([Self.graph("a")], [:])
        #expect(coverage.tooThinMessage(minimumShare: 0.5).contains("; no usage records at all."))
        #expect(
            coverage.tooThinMessage(minimumShare: 0.5, rowsForOtherGraphs: 7).contains(
                "no usage records for the inventory's graphs at all (7 row(s) name other graphs)"
            )
        )
    }
}
