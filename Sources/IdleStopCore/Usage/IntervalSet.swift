/// Disjoint, sorted, half-open intervals of Unix seconds: the time that usage periods cover.
///
/// Touching intervals are merged, so the set stays as small as its gaps. Appending at or after the end
/// (time-ordered input, the common case of exports) costs O(1); other inserts cost a binary search and
/// a move of the intervals they replace.
public struct IntervalSet: Sendable, Equatable {
    public private(set) var intervals: [Range<Int64>] = []

    public init() {}

    /// The union of the given ranges.
    public init(_ ranges: some Sequence<Range<Int64>>) {
        for range in ranges { insert(range) }
    }

    public var isEmpty: Bool { intervals.isEmpty }

    /// Seconds covered by the whole set.
    public var totalSeconds: Int64 { intervals.reduce(0) { $0 + ($1.upperBound - $1.lowerBound) } }

    /// Adds `[start, end)`; an empty or inverted range adds nothing.
    ///
    /// Inlined for the time-ordered case (a period at or after the last interval's start), which the reader meets
    /// once per row; an earlier period goes out of line.
    @inline(__always) public mutating func insert(start: Int64, end: Int64) {
        guard start < end else { return }
        if let last = intervals.last {
            if start > last.upperBound {
                intervals.append(start..<end)
                return
            }
            if start >= last.lowerBound {
                if end > last.upperBound { intervals[intervals.count - 1] = last.lowerBound..<end }
                return
            }
        } else {
            intervals.append(start..<end)
            return
        }
        insertBeforeLast(start: start, end: end)
    }

    /// Adds a non-empty `[start, end)` that starts before the last interval: a binary search and a move.
    @inline(never) private mutating func insertBeforeLast(start: Int64, end: Int64) {
        // Intervals in first..<past overlap or touch [start, end).
        let first = firstIndex { $0.upperBound >= start }
        let past = firstIndex { $0.lowerBound > end }
        if first == past {
            intervals.insert(start..<end, at: first)
        } else {
            let merged = min(start, intervals[first].lowerBound)..<max(end, intervals[past - 1].upperBound)
            intervals.replaceSubrange(first..<past, with: CollectionOfOne(merged))
        }
    }

    /// Adds `range`.
    public mutating func insert(_ range: Range<Int64>) { insert(start: range.lowerBound, end: range.upperBound) }

    /// Adds every interval of `other`.
    public mutating func formUnion(_ other: IntervalSet) {
        if intervals.isEmpty {
            intervals = other.intervals
            return
        }
        insert(sorted: other.intervals)
    }

    /// Adds every range of `ranges`, which must be sorted by lower bound, in one linear merge.
    ///
    /// For out-of-order input collected in batches: one merge instead of a binary search and an array move per range.
    public mutating func insert(sorted ranges: [Range<Int64>]) {
        guard !ranges.isEmpty else { return }
        var merged: [Range<Int64>] = []
        merged.reserveCapacity(intervals.count + ranges.count)
        var mine = 0
        var theirs = 0
        while mine < intervals.count || theirs < ranges.count {
            let next: Range<Int64>
            if theirs == ranges.count
                || (mine < intervals.count && intervals[mine].lowerBound <= ranges[theirs].lowerBound)
            {
                next = intervals[mine]
                mine += 1
            } else {
                next = ranges[theirs]
                theirs += 1
            }
            guard !next.isEmpty else { continue }
            if let last = merged.last, next.lowerBound <= last.upperBound {
                if next.upperBound > last.upperBound { merged[merged.count - 1] = last.lowerBound..<next.upperBound }
            } else {
                merged.append(next)
            }
        }
        intervals = merged
    }

    /// Seconds of `range` covered by the set: never more than the length of `range`.
    public func coveredSeconds(in range: Range<Int64>) -> Int64 {
        var index = firstIndex { $0.upperBound > range.lowerBound }
        var total: Int64 = 0
        while index < intervals.count, intervals[index].lowerBound < range.upperBound {
            let interval = intervals[index]
            total += min(interval.upperBound, range.upperBound) - max(interval.lowerBound, range.lowerBound)
            index += 1
        }
        return total
    }

    /// The first index whose interval satisfies `predicate` (which must be false, then true, along the
    /// sorted intervals), or `intervals.count`.
    private func firstIndex(where predicate: (Range<Int64>) -> Bool) -> Int {
        var low = 0
        var high = intervals.count
        while low < high {
            let middle = (low + high) / 2
            if predicate(intervals[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
