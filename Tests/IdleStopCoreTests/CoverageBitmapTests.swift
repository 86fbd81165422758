import PropertyBased
import Testing

@testable import IdleStopCore

/// Slot ranges on a 10-second grid, some empty, within a span that crosses zero so floor division is exercised.
private let slotRangeGen = Gen.int64(in: -12...18).array(of: 2).map { pair in
    (pair[0] * 10)..<(max(pair[0], pair[1]) * 10)
}

/// Inserts each range, in order, and says which ones the bitmap held.
private func insert(_ ranges: [Range<Int64>], into bitmap: inout CoverageBitmap) -> [Bool] {
    ranges.map { bitmap.insert(start: $0.lowerBound, end: $0.upperBound) }
}

struct CoverageBitmapTests {
    @Test func holdsPeriodsOnTheGridAndGivesThemBackAsMergedRanges() throws {
        var bitmap = try #require(CoverageBitmap(slotSeconds: 60, covering: 600..<1200, maximumSlots: 64))
        #expect(bitmap.slotCount == 10)
        #expect(bitmap.isEmpty)
        let held = insert([900..<960, 600..<720, 720..<780, 1140..<1200], into: &bitmap)
        #expect(held == [true, true, true, true])
        #expect(bitmap.ranges == [600..<780, 900..<960, 1140..<1200])
        #expect(!bitmap.isEmpty)
    }

    @Test func refusesPeriodsOffTheGridOrOutsideItsSlots() throws {
        var bitmap = try #require(CoverageBitmap(slotSeconds: 60, covering: 630..<1190, maximumSlots: 64))
        // The slots that meet the range: 600..<1200.
        #expect(bitmap.slotCount == 10)
        let refused = insert([630..<660, 600..<650, 540..<600, 1200..<1260, 660..<660], into: &bitmap)
        #expect(refused == [false, false, false, false, false])
        #expect(bitmap.isEmpty)
        #expect(insert([600..<1200], into: &bitmap) == [true])
        #expect(bitmap.ranges == [600..<1200])
    }

    @Test func isNotMadeForTooManySlotsOrAnEmptyRange() {
        #expect(CoverageBitmap(slotSeconds: 1, covering: 0..<604_800, maximumSlots: 1 << 16) == nil)
        #expect(CoverageBitmap(slotSeconds: 10, covering: 0..<604_800, maximumSlots: 1 << 16) != nil)
        #expect(CoverageBitmap(slotSeconds: 60, covering: 100..<100, maximumSlots: 64) == nil)
        #expect(CoverageBitmap(slotSeconds: 0, covering: 0..<100, maximumSlots: 64) == nil)
        #expect(CoverageBitmap(slotSeconds: 60, covering: (Int64.max - 100)..<Int64.max, maximumSlots: 64) == nil)
    }

    @Test func rangesEqualTheIntervalSetOfTheSamePeriodsAcrossWordsAndZero() async {
        await propertyCheck(input: slotRangeGen.array(of: 0...40)) { ranges in
            guard var bitmap = CoverageBitmap(slotSeconds: 10, covering: -120..<180, maximumSlots: 64) else {
                Issue.record("no bitmap for 30 slots")
                return
            }
            let nonEmpty = ranges.filter { !$0.isEmpty }
            #expect(insert(nonEmpty, into: &bitmap).allSatisfy { $0 })
            #expect(bitmap.ranges == IntervalSet(ranges).intervals)
        }
    }

    @Test func wideRangesCrossWordBoundaries() throws {
        var bitmap = try #require(CoverageBitmap(slotSeconds: 1, covering: 0..<300, maximumSlots: 300))
        #expect(insert([3..<200, 250..<300], into: &bitmap) == [true, true])
        #expect(bitmap.ranges == [3..<200, 250..<300])
    }

    @Test func unionOfTwoBitmapsHoldsTheSlotsOfBoth() async {
        await propertyCheck(input: slotRangeGen.array(of: 0...20), slotRangeGen.array(of: 0...20)) { first, second in
            guard var mine = CoverageBitmap(slotSeconds: 10, covering: -120..<180, maximumSlots: 64),
                var theirs = CoverageBitmap(slotSeconds: 10, covering: -120..<180, maximumSlots: 64)
            else {
                Issue.record("no bitmap for 30 slots")
                return
            }
            _ = insert(first, into: &mine)
            _ = insert(second, into: &theirs)
            #expect(mine.hasSameGrid(as: theirs))
            mine.formUnion(theirs)
            #expect(mine.ranges == IntervalSet(first + second).intervals)
        }
    }
}
