/// Covered time as one bit per slot of a fixed grid: periods of a regular feed, in any order, in a few KB.
///
/// Slot `k` is `[k × slotSeconds, (k + 1) × slotSeconds)` in Unix seconds (aligned to the epoch, so minute or hourly
/// exports fall on it whatever `now` is). The bitmap holds the slots that meet a fixed range, e.g. the largest
/// window; a period that does not start and end on the grid inside it is not held (`insert` says so), and the
/// caller keeps it some other way. Shuffled input costs one bit per slot instead of one interval per period.
struct CoverageBitmap: Sendable, Equatable {
    /// Seconds per slot (positive).
    let slotSeconds: Int64
    /// The slot of bit 0.
    let firstSlot: Int64
    /// Slots held: bits `0..<slotCount`.
    let slotCount: Int
    private var words: [UInt64]

    /// A bitmap over the slots that meet `range`; nil when `slotSeconds` is not positive, the range is empty or it
    /// spans more than `maximumSlots` slots.
    init?(slotSeconds: Int64, covering range: Range<Int64>, maximumSlots: Int) {
        guard slotSeconds > 0, !range.isEmpty else { return nil }
        let first = Self.floorDivide(range.lowerBound, slotSeconds)
        let (span, overflow) = Self.floorDivide(range.upperBound - 1, slotSeconds).subtractingReportingOverflow(first)
        guard !overflow, span < Int64(maximumSlots),
            !(first + span + 1).multipliedReportingOverflow(by: slotSeconds).overflow,
            !first.multipliedReportingOverflow(by: slotSeconds).overflow
        else { return nil }
        self.slotSeconds = slotSeconds
        firstSlot = first
        slotCount = Int(span) + 1
        words = Array(repeating: 0, count: (slotCount + 63) / 64)
    }

    /// Whether `other` has the same grid and slots, so that the two merge bit by bit.
    func hasSameGrid(as other: CoverageBitmap) -> Bool {
        slotSeconds == other.slotSeconds && firstSlot == other.firstSlot && slotCount == other.slotCount
    }

    /// Adds `[start, end)` when it starts and ends on the grid within the held slots; false (nothing added) otherwise.
    @inline(__always) mutating func insert(start: Int64, end: Int64) -> Bool {
        guard start < end, start % slotSeconds == 0, end % slotSeconds == 0 else { return false }
        let low = start / slotSeconds - firstSlot
        let high = end / slotSeconds - firstSlot
        guard low >= 0, high <= Int64(slotCount) else { return false }
        setBits(Int(low)..<Int(high))
        return true
    }

    /// Adds every slot of `other`, which must have the same grid.
    mutating func formUnion(_ other: CoverageBitmap) {
        precondition(hasSameGrid(as: other), "merging coverage bitmaps of different grids")
        for index in words.indices { words[index] |= other.words[index] }
    }

    /// The covered time as sorted, disjoint, non-touching ranges of Unix seconds.
    var ranges: [Range<Int64>] {
        var result: [Range<Int64>] = []
        var bit = 0
        while let start = nextBit(from: bit, set: true) {
            let end = nextBit(from: start, set: false) ?? slotCount
            result.append((firstSlot + Int64(start)) * slotSeconds..<(firstSlot + Int64(end)) * slotSeconds)
            bit = end
        }
        return result
    }

    /// Whether no slot is covered.
    var isEmpty: Bool { words.allSatisfy { $0 == 0 } }

    /// Sets bits `bits`, a word at a time.
    private mutating func setBits(_ bits: Range<Int>) {
        var bit = bits.lowerBound
        while bit < bits.upperBound {
            let offset = bit & 63
            let count = min(64 - offset, bits.upperBound - bit)
            let mask = count == 64 ? UInt64.max : ((1 << UInt64(count)) - 1) << UInt64(offset)
            words[bit >> 6] |= mask
            bit += count
        }
    }

    /// The first bit at or after `bit` that is set (or clear), or nil when there is none below `slotCount`.
    private func nextBit(from bit: Int, set: Bool) -> Int? {
        var index = bit >> 6
        guard index < words.count else { return nil }
        var word = (set ? words[index] : ~words[index]) & (UInt64.max << UInt64(bit & 63))
        while word == 0 {
            index += 1
            guard index < words.count else { return nil }
            word = set ? words[index] : ~words[index]
        }
        let found = index << 6 + word.trailingZeroBitCount
        return found < slotCount ? found : nil
    }

    /// `value ÷ divisor` rounded towards minus infinity (`divisor` positive).
    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return value % divisor < 0 ? quotient - 1 : quotient
    }
}
