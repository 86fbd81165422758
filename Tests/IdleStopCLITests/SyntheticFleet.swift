import Foundation
import GESSimulator

/// A seeded fleet and its hourly usage, for tests that drive the release executable many times.
///
/// Each graph has a behaviour that says, hour by hour, how many requests a person would send it. The
/// usage CSV and the simulator's Cloud Eye serve the same records, so the CSV path and the Cloud Eye path
/// must decide the same.
struct SyntheticFleet {
    /// How a graph is used, hour by hour.
    enum Behaviour: CaseIterable {
        /// Requests every hour.
        case busy
        /// Running and never queried.
        case idle
        /// Queried in about one hour of twelve.
        case bursty
        /// Queried on one weekday only (Monday, UTC), all day.
        case weekly
        /// Records for about half of the hours only: never enough coverage to call idle.
        case sparse
    }

    struct Member {
        var id: String
        var name: String
        var tags: [String: String]
        var productType: String
        var behaviour: Behaviour
        var seed: UInt64
    }

    var members: [Member]

    /// `count` graphs with behaviours and tags drawn from `seed`; about one in ten is protected, one in
    /// fifteen is a database-edition graph.
    init(count: Int, seed: UInt64, idPrefix: String = "") {
        var generator = SplitMix(seed: seed)
        members = (0..<count).map { index in
            let behaviour = Behaviour.allCases[Int(generator.next() % UInt64(Behaviour.allCases.count))]
            let env = ["dev", "test", "staging", "prod"][Int(generator.next() % 4)]
            var tags = ["env": env, "owner": "team-\(index % 7)"]
            if generator.next() % 10 == 0 { tags["keep-running"] = "true" }
            let productType = generator.next() % 15 == 0 ? "Persistence" : "InMemory"
            return Member(
                id: Self.graphID(prefix: idPrefix, index: index),
                name: "graph-\(idPrefix)\(index)",
                tags: tags,
                productType: productType,
                behaviour: behaviour,
                seed: generator.next()
            )
        }
    }

    /// A UUID-shaped ID that sorts by index.
    static func graphID(prefix: String, index: Int) -> String {
        let tail = String(format: "%012x", index)
        let head = String((prefix + "00000000").prefix(8)).map { $0.isHexDigit ? $0 : "a" }
        return String(head) + "-0000-4000-8000-" + tail
    }

    /// The list-graphs object of a member, as GES would list it.
    static func graphObject(_ member: Member, status: String = "200") -> JSONValue {
        .object([
            "id": .string(member.id), "name": .string(member.name), "status": .string(status),
            "graph_size_type_index": .string("1"), "replication": .integer(1),
            "created": .string("2026-01-01T00:00:00Z"), "updated": .string("2026-01-01T00:00:00Z"),
            "product_type": .string(member.productType),
            "tags": .array(
                member.tags.sorted { $0.key < $1.key }.map {
                    .object(["key": .string($0.key), "value": .string($0.value)])
                }
            ),
        ])
    }

    var fleetDocument: FleetDocument { FleetDocument(graphs: members.map { Self.graphObject($0) }) }

    /// The requests a person sends `member` in the hour starting at `hourStart`, or nil for no record.
    static func requests(_ member: Member, hourStart: Int64) -> Int64? {
        let hour = hourStart / 3600
        var generator = SplitMix(seed: member.seed ^ UInt64(bitPattern: hour &* 0x9E37_79B9))
        let draw = generator.next()
        switch member.behaviour {
        case .busy: return Int64(5 + draw % 50)
        case .idle: return 0
        case .bursty: return draw % 12 == 0 ? Int64(1 + draw % 9) : 0
        case .weekly:
            // 1970-01-01 was a Thursday: day 4 of the week counted from Monday = 0 is Monday.
            let weekday = ((hourStart / 86_400) + 3) % 7
            return weekday == 0 ? Int64(3 + draw % 20) : 0
        case .sparse: return draw % 2 == 0 ? Int64(draw % 3) : nil
        }
    }

    /// Whether `member` gets requests in `[from, to)` (whole hours), by its behaviour.
    static func hasDemand(_ member: Member, from: Int64, to: Int64) -> Bool {
        stride(from: from, to: to, by: 3600).contains { (requests(member, hourStart: $0) ?? 0) > 0 }
    }

    /// Hourly records of every member over `[from, to)`, skipping the hours where `isRecorded` says no.
    func records(
        from: Int64,
        to: Int64,
        isRecorded: (Member, Int64) -> Bool = { _, _ in true }
    )
        -> [SimulatedUsage.Record]
    {
        var records: [SimulatedUsage.Record] = []
        for member in members {
            for hour in stride(from: from, to: to, by: 3600) where isRecorded(member, hour) {
                guard let requests = Self.requests(member, hourStart: hour) else { continue }
                records.append(
                    SimulatedUsage.Record(
                        graphID: member.id,
                        periodStart: hour,
                        periodSeconds: 3600,
                        requests: requests
                    )
                )
            }
        }
        return records
    }

    /// The records as a usage CSV (docs/SPEC.md §3), with Unix-second period starts.
    static func csv(_ records: [SimulatedUsage.Record]) -> String {
        var text = "graph_id,period_start,period_seconds,requests\n"
        text.reserveCapacity(records.count * 64)
        for record in records {
            text += "\(record.graphID),\(record.periodStart),\(record.periodSeconds),\(record.requests)\n"
        }
        return text
    }
}

/// A small seeded generator (SplitMix64), so fleets and usage are the same on every machine.
struct SplitMix: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
