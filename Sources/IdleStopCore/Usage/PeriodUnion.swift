/// The union of periods that arrive in any order: an `IntervalSet` plus a batch of late periods merged in bulk.
///
/// Time-ordered periods go straight into the set in O(1); an out-of-order one waits in `pending` until
/// `pendingLimit` of them are merged at once (shuffled input would otherwise cost an array move per period).
struct PeriodUnion: Sendable {
    /// The periods merged so far.
    private(set) var covered = IntervalSet()
    /// Periods that arrived out of order, not yet in `covered`.
    private(set) var pending: [Range<Int64>] = []
    /// Out-of-order periods held before one merge.
    static let pendingLimit = 512

    /// Adds `[start, end)`: at once when it is in order, else in the next batch.
    @inline(__always) mutating func insert(start: Int64, end: Int64) {
        guard start < end else { return }
        if let last = covered.intervals.last, start < last.lowerBound {
            pending.append(start..<end)
            if pending.count >= Self.pendingLimit { flushPending() }
        } else {
            covered.insert(start: start, end: end)
        }
    }

    /// Merges the pending periods into `covered`.
    mutating func flushPending() {
        guard !pending.isEmpty else { return }
        pending.sort { $0.lowerBound < $1.lowerBound }
        covered.insert(sorted: pending)
        pending.removeAll(keepingCapacity: true)
    }

    /// Adds every period of `other`.
    mutating func formUnion(_ other: PeriodUnion) {
        flushPending()
        covered.formUnion(other.merged)
    }

    /// Every period added, as one set.
    var merged: IntervalSet {
        var result = covered
        result.insert(sorted: pending.sorted { $0.lowerBound < $1.lowerBound })
        return result
    }
}
