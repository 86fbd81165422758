import Foundation

extension Filter {
    /// Evaluates the filter for one graph at `now`; pure.
    func evaluate(graph: Graph, usage: GraphUsage, now: Instant) -> FilterOutcome {
        switch self {
        case .idle(let idle):
            return idle.outcome(usage)
        case .tag(let tag):
            return tag.evaluate(graph)
        case .name(let filter):
            return filter.evaluate(graph)
        case .size(let indexes):
            return Self.size(of: graph, oneOf: indexes)
        case .age(let minimum):
            return Self.age(of: graph, atLeast: minimum, now: now)
        case .schedule(let schedule):
            return schedule.contains(now)
                ? .holds("inside schedule \(schedule.summary)") : .fails("outside schedule \(schedule.summary)")
        case .all(let filters):
            return Self.all(filters.map { $0.evaluate(graph: graph, usage: usage, now: now) })
        case .any(let filters):
            return Self.any(filters.map { $0.evaluate(graph: graph, usage: usage, now: now) })
        case .not(let filter):
            return Self.not(filter.evaluate(graph: graph, usage: usage, now: now))
        }
    }

    /// The graph's size is one of `indexes`; the sentence names sizes, smallest first.
    static func size(of graph: Graph, oneOf indexes: Set<String>) -> FilterOutcome {
        let size = GraphSize.name(forIndex: graph.sizeIndex)
        let wanted = indexes.sorted { (Int($0) ?? .max, $0) < (Int($1) ?? .max, $1) }
            .map(GraphSize.name(forIndex:)).joined(separator: ", ")
        return indexes.contains(graph.sizeIndex)
            ? .holds("size \(size) is one of \(wanted)") : .fails("size \(size) is not one of \(wanted)")
    }

    /// The graph was created at least `minimum` before `now`; unknown when GES gave no creation time.
    static func age(of graph: Graph, atLeast minimum: TimeSpan, now: Instant) -> FilterOutcome {
        guard let created = graph.created else {
            return .unknown("creation time unknown, policy needs \(NumberText.span(minimum))")
        }
        let seconds = now.seconds(since: created)
        let age = seconds > 0 ? "created \(NumberText.age(seconds: seconds)) ago" : "created just now"
        return seconds >= minimum.seconds
            ? .holds("\(age) (at least \(NumberText.span(minimum)))")
            : .fails("\(age), policy needs \(NumberText.span(minimum))")
    }

    /// One must hold: the first that holds decides; else the first unknown; else every reason joined.
    static func any(_ outcomes: [FilterOutcome]) -> FilterOutcome {
        let checks = outcomes.flatMap(\.idleChecks)
        if let hit = outcomes.first(where: { $0.state == .holds }) {
            return FilterOutcome(state: .holds, sentence: hit.sentence, idleChecks: checks)
        }
        if let unknown = outcomes.first(where: { $0.state == .unknown }) {
            return FilterOutcome(state: .unknown, sentence: unknown.sentence, idleChecks: checks)
        }
        let reasons = outcomes.map(\.sentence).joined(separator: "; ")
        return FilterOutcome(state: .fails, sentence: "none of the alternatives holds: \(reasons)", idleChecks: checks)
    }

    /// The inner filter turned round; unknown stays unknown (a gap in the data never excludes a graph).
    static func not(_ inner: FilterOutcome) -> FilterOutcome {
        switch inner.state {
        case .holds:
            return FilterOutcome(state: .fails, sentence: "excluded: \(inner.sentence)", idleChecks: inner.idleChecks)
        case .fails:
            return FilterOutcome(state: .holds, sentence: inner.sentence, idleChecks: inner.idleChecks)
        case .unknown:
            return inner
        }
    }

    /// All must hold: the first failure decides; else the first unknown; else every sentence joined.
    static func all(_ outcomes: [FilterOutcome]) -> FilterOutcome {
        let checks = outcomes.flatMap(\.idleChecks)
        if let failure = outcomes.first(where: { $0.state == .fails }) {
            return FilterOutcome(state: .fails, sentence: failure.sentence, idleChecks: checks)
        }
        if let unknown = outcomes.first(where: { $0.state == .unknown }) {
            return FilterOutcome(state: .unknown, sentence: unknown.sentence, idleChecks: checks)
        }
        return FilterOutcome(
            state: .holds,
            sentence: outcomes.map(\.sentence).joined(separator: "; "),
            idleChecks: checks
        )
    }
}

extension NameFilter {
    /// The graph's name is listed or matches the pattern; the sentence quotes the name.
    func evaluate(_ graph: Graph) -> FilterOutcome {
        let name = ConfigFileError.quote(graph.name)
        switch condition {
        case .oneOf(let names):
            return matches(graph.name)
                ? .holds("name \(name) is listed")
                : .fails("name \(name) is not one of \(names.joined(separator: ", "))")
        case .matches:
            let pattern = writtenPattern ?? ""
            return matches(graph.name)
                ? .holds("name \(name) matches /\(pattern)/") : .fails("name \(name) does not match /\(pattern)/")
        }
    }
}

extension TagFilter {
    func evaluate(_ graph: Graph) -> FilterOutcome {
        let actual = graph.tags[key]
        let shown = actual.map(ConfigFileError.quote)
        switch condition {
        case .oneOf(let values):
            let list = values.joined(separator: ", ")
            guard let actual, let shown else { return .fails("no tag \(key), policy needs one of \(list)") }
            return values.contains(actual)
                ? .holds("tag \(key) is \(shown)") : .fails("tag \(key) is \(shown), not one of \(list)")
        case .equals(let value):
            let wanted = ConfigFileError.quote(value)
            guard let actual, let shown else { return .fails("no tag \(key), policy needs \(wanted)") }
            return actual == value ? .holds("tag \(key) is \(shown)") : .fails("tag \(key) is \(shown), not \(wanted)")
        case .exists(let wanted):
            switch (actual, wanted) {
            case (.some, true): return .holds("tag \(key) is set")
            case (nil, false): return .holds("no tag \(key)")
            case (nil, true): return .fails("no tag \(key)")
            case (.some, false): return .fails("tag \(key) is set (\(shown ?? "")), policy needs it absent")
            }
        }
    }
}
