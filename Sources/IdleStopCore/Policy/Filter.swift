import Foundation

/// One condition of a policy's `match` list (docs/SPEC.md §4).
public indirect enum Filter: Sendable, Equatable {
    /// Few enough requests (or a small enough metric) over a window with enough usage coverage.
    case idle(IdleFilter)
    case tag(TagFilter)
    case name(NameFilter)
    /// The graph's `graph_size_type_index` is one of these.
    case size(Set<String>)
    /// The graph was created at least this long ago.
    case age(minimum: TimeSpan)
    case schedule(ScheduleFilter)
    case all([Filter])
    case any([Filter])
    case not(Filter)

    /// Every idle filter inside this one, nested ones included.
    public var idleFilters: [IdleFilter] {
        switch self {
        case .idle(let idle): return [idle]
        case .all(let filters), .any(let filters): return filters.flatMap(\.idleFilters)
        case .not(let filter): return filter.idleFilters
        case .tag, .name, .size, .age, .schedule: return []
        }
    }
}
