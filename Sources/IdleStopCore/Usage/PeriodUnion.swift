/// The union of periods that arrive in any order: an `IntervalSet` for the periods in order, a `CoverageBitmap` for
/// the late ones on a regular grid, and a batch of the other late ones merged in bulk.
///
/// Time-ordered periods go straight into the set in O(1). A late period goes into the bitmap when it lies on its
/// grid (the bitmap is made at the first late period that can fix one: its length, aligned to the epoch, over
/// `bounds`); a late period off the grid waits in `pending` until `pendingLimit` of them are merged at once. So
/// shuffled minute or hourly rows cost one bit per slot of `bounds`, whatever their order, instead of one interval
/// per period.
struct PeriodUnion: Sendable {
    /// The periods merged so far.
    private(set) var covered = IntervalSet()
    /// Periods that arrived out of order, off the bitmap's grid, not yet in `covered`.
    private(set) var pending: [Range<Int64>] = []
    /// Out-of-order periods on a regular grid.
    private(set) var grid: CoverageBitmap?
    /// Where every period added lies (the largest window), which the bitmap spans; nil: no bitmap.
    let bounds: Range<Int64>?
    /// Out-of-order periods held before one merge.
    static let pendingLimit = 512
    /// The most slots a bitmap may have (8 KiB: a week of 10-second slots).
    static let maximumGridSlots = 1 << 16

    /// `bounds`: where every period added will lie, for the bitmap of late periods; nil keeps them as intervals.
    init(bounds: Range<Int64>? = nil) { self.bounds = bounds }

    /// Adds `[start, end)`: at once when it is in order, else in the bitmap or the next batch.
    @inline(__always) mutating func insert(start: Int64, end: Int64) {
        guard start < end else { return }
        if let last = covered.intervals.last, start < last.lowerBound {
            insertLate(start: start, end: end)
        } else {
            covered.insert(start: start, end: end)
        }
    }

    /// Adds a period that starts before the last interval of `covered`.
    ///
    /// Out of line, so that time-ordered input keeps a small inlined path.
    @inline(never) private mutating func insertLate(start: Int64, end: Int64) {
        if grid == nil, let bounds {
            let (length, overflow) = end.subtractingReportingOverflow(start)
            if !overflow, start % length == 0 {
                grid = CoverageBitmap(slotSeconds: length, covering: bounds, maximumSlots: Self.maximumGridSlots)
            }
        }
        if grid?.insert(start: start, end: end) == true { return }
        pending.append(start..<end)
        if pending.count >= Self.pendingLimit { flushPending() }
    }

    /// Merges the pending periods into `covered`.
    mutating func flushPending() {
        guard !pending.isEmpty else { return }
        pending.sort { $0.lowerBound < $1.lowerBound }
        covered.insert(sorted: pending)
        pending.removeAll(keepingCapacity: true)
    }

    /// Adds every period of `other`; bitmaps of the same grid merge bit by bit.
    mutating func formUnion(_ other: PeriodUnion) {
        flushPending()
        var ranges = other.covered.intervals + other.pending
        if let theirs = other.grid {
            if grid == nil {
                grid = theirs
            } else if let mine = grid, mine.hasSameGrid(as: theirs) {
                grid?.formUnion(theirs)
            } else {
                ranges += theirs.ranges
            }
        }
        covered.insert(sorted: ranges.sorted { $0.lowerBound < $1.lowerBound })
    }

    /// Every period added, as one set.
    var merged: IntervalSet {
        var result = covered
        let late = pending + (grid?.ranges ?? [])
        result.insert(sorted: late.sorted { $0.lowerBound < $1.lowerBound })
        return result
    }
}
