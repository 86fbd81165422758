import PropertyBased
import Testing

@testable import IdleStopCore

/// Periods inside `0..<1200`: mostly minute slots (on the grid), some of odd lengths and starts (off it).
private let periodGen = Gen.int64(in: 0...19).array(of: 3).map { draw -> Range<Int64> in
    if draw[2] % 4 == 0 {
        let start = draw[0] * 60 + draw[1]
        return start..<min(1200, start + 7 + draw[2])
    }
    return (draw[0] * 60)..<(draw[0] * 60 + 60)
}
private let periodsGen = periodGen.array(of: 0...60)

/// The periods as `PeriodUnion` gets them: inserted one by one, within `bounds`.
private func union(_ periods: [Range<Int64>], bounds: Range<Int64>? = 0..<1200) -> PeriodUnion {
    var union = PeriodUnion(bounds: bounds)
    for period in periods { union.insert(start: period.lowerBound, end: period.upperBound) }
    return union
}

struct PeriodUnionTests {
    @Test func timeOrderedPeriodsStayInTheIntervalSet() {
        let periods = (0..<20).map { Int64($0) * 60..<Int64($0) * 60 + 60 }
        let result = union(periods)
        #expect(result.grid == nil)
        #expect(result.pending.isEmpty)
        #expect(result.covered.intervals == [0..<1200])
    }

    @Test func latePeriodsOnTheGridGoToTheBitmapNotToPendingIntervals() {
        let periods = (0..<20).reversed().map { Int64($0) * 60..<Int64($0) * 60 + 60 }
        let result = union(periods)
        #expect(result.grid?.slotSeconds == 60)
        #expect(result.pending.isEmpty)
        #expect(result.covered.intervals.count == 1)
        #expect(result.merged.intervals == [0..<1200])
    }

    @Test func latePeriodsOffTheGridWaitAsIntervals() {
        let result = union([600..<660, 0..<60, 7..<30, 100..<107])
        #expect(result.grid?.slotSeconds == 60)
        #expect(result.pending == [7..<30, 100..<107])
        #expect(result.merged.intervals == [0..<60, 100..<107, 600..<660])
    }

    @Test func withoutBoundsLatePeriodsWaitAsIntervals() {
        let result = union([600..<660, 0..<60, 120..<180], bounds: nil)
        #expect(result.grid == nil)
        #expect(result.pending == [0..<60, 120..<180])
    }

    @Test func theUnionEqualsTheIntervalSetInAnyOrder() async {
        await propertyCheck(input: periodsGen) { periods in
            #expect(union(periods).merged == IntervalSet(periods))
            #expect(union(periods.reversed()).merged == IntervalSet(periods))
            #expect(union(periods, bounds: nil).merged == IntervalSet(periods))
        }
    }

    @Test func mergingTwoUnionsEqualsInsertingEverything() async {
        await propertyCheck(input: periodsGen, periodsGen, Gen.bool) { first, second, sameBounds in
            var mine = union(first)
            mine.formUnion(union(second, bounds: sameBounds ? 0..<1200 : 0..<1260))
            #expect(mine.merged == IntervalSet(first + second))
        }
    }
}
