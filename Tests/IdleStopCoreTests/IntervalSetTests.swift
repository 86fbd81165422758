import PropertyBased
import Testing

@testable import IdleStopCore

/// The brute-force model: the set of covered seconds.
private func model(_ ranges: [Range<Int64>]) -> Set<Int64> {
    var seconds: Set<Int64> = []
    for range in ranges { seconds.formUnion(range) }
    return seconds
}

/// Generated ranges, possibly empty or inverted, within a small span so overlaps are frequent.
private let rangeGen = Gen.int64(in: -50...150).array(of: 2).map { pair in pair[0]..<max(pair[0], pair[1]) }
private let rangesGen = rangeGen.array(of: 0...25)

struct IntervalSetTests {
    @Test func appendsInTimeOrderAndMergesTouchingIntervals() {
        var set = IntervalSet()
        set.insert(start: 0, end: 10)
        set.insert(start: 10, end: 20)
        set.insert(start: 30, end: 40)
        set.insert(start: 35, end: 45)
        set.insert(start: 5, end: 5)
        #expect(set.intervals == [0..<20, 30..<45])
        #expect(set.totalSeconds == 35)
    }

    @Test func insertsOutOfOrderAcrossSeveralIntervals() {
        var set = IntervalSet([50..<60, 0..<5, 20..<30, 40..<45])
        #expect(set.intervals == [0..<5, 20..<30, 40..<45, 50..<60])
        set.insert(start: 25, end: 50)
        #expect(set.intervals == [0..<5, 20..<60])
        set.insert(start: 6, end: 7)
        #expect(set.intervals == [0..<5, 6..<7, 20..<60])
        #expect(set.coveredSeconds(in: 4..<21) == 3)
        #expect(set.coveredSeconds(in: 100..<200) == 0)
        #expect(set.coveredSeconds(in: -100..<0) == 0)
    }

    @Test func unionLengthMatchesTheModel() async {
        await propertyCheck(input: rangesGen) { ranges in
            let set = IntervalSet(ranges)
            #expect(set.totalSeconds == Int64(model(ranges).count))
            #expect(zip(set.intervals, set.intervals.dropFirst()).allSatisfy { $0.upperBound < $1.lowerBound })
            #expect(set.intervals.allSatisfy { !$0.isEmpty })
        }
    }

    @Test func coverageInAClipRangeMatchesTheModelAndNeverExceedsIt() async {
        await propertyCheck(input: rangesGen, rangeGen) { ranges, clip in
            let covered = IntervalSet(ranges).coveredSeconds(in: clip)
            #expect(covered == Int64(model(ranges).filter { clip.contains($0) }.count))
            #expect(covered >= 0 && covered <= clip.upperBound - clip.lowerBound)
        }
    }

    @Test func insertionOrderDoesNotMatter() async {
        await propertyCheck(input: rangesGen) { ranges in
            #expect(IntervalSet(ranges) == IntervalSet(ranges.reversed()))
            #expect(IntervalSet(ranges) == IntervalSet(ranges.sorted { $0.lowerBound < $1.lowerBound }))
        }
    }

    @Test func unionOfTwoSetsEqualsInsertingEverything() async {
        await propertyCheck(input: rangesGen, rangesGen) { first, second in
            var merged = IntervalSet(first)
            merged.formUnion(IntervalSet(second))
            #expect(merged == IntervalSet(first + second))
        }
    }

    @Test func aSortedBatchInsertEqualsInsertingOneByOne() async {
        await propertyCheck(input: rangesGen, rangesGen) { first, batch in
            var batched = IntervalSet(first)
            batched.insert(sorted: batch.sorted { $0.lowerBound < $1.lowerBound })
            #expect(batched == IntervalSet(first + batch))
        }
    }
}
