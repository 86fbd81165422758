import Foundation
import IdleStopCore

/// A small run for the notification tests: two owners, one graph without one, stops, a failure and a flag.
enum NotificationSample {
    static let run = RunInfo(
        id: "00000000abcd",
        evaluatedAt: Instant(unixSeconds: 1_795_744_800),
        startedAt: Date(timeIntervalSince1970: 1_795_744_800),
        mode: .live
    )

    static func decision(
        _ id: String,
        owner: String?,
        kind: DecisionKind,
        result: StopResult? = nil,
        savings: String? = nil,
        currency: String = "CNY"
    ) -> Decision {
        Decision(
            graph: Graph(
                id: id,
                name: "graph-\(id)",
                status: .running,
                sizeIndex: "1",
                tags: owner.map { ["owner": $0] } ?? [:]
            ),
            kind: kind,
            reason: "idle for 30h",
            currency: savings == nil ? nil : currency,
            projectedSavings: savings.flatMap { Decimal(string: $0) },
            result: result,
            errorCode: result == .failed ? "GES.7003" : nil
        )
    }

    static let decisions = [
        decision("a1", owner: "team-a", kind: .stop, result: .confirmed, savings: "0.1"),
        decision("a2", owner: "team-a", kind: .stop, result: .requested, savings: "0.2"),
        decision("b1", owner: "team-b", kind: .stop, result: .failed, savings: "5"),
        decision("b2", owner: "team-b", kind: .keep),
        decision("n1", owner: nil, kind: .flag),
        decision("n2", owner: nil, kind: .skip),
    ]

    static func notification(ownerTag: String? = "owner", owner: String? = nil) -> RunNotification {
        RunNotification(
            run: run,
            decisions: decisions,
            exitStatus: 2,
            exitStatusName: "someStopsFailed",
            reportPath: "/var/reports/r.csv",
            ownerTag: ownerTag,
            owner: owner
        )
    }
}
