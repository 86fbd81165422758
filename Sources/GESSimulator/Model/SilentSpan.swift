import Foundation

/// A time a graph sent Cloud Eye nothing because it was not running (stopping, stopped, starting, …).
///
/// `end` is nil while the graph is still silent. Times are on the simulator's clock.
struct SilentSpan: Sendable, Equatable {
    var start: Date
    var end: Date?

    /// Whether `[start, end)` of a datapoint shares any time with this span.
    func overlaps(start other: Date, end otherEnd: Date) -> Bool {
        other < (end ?? .distantFuture) && start < otherEnd
    }
}
