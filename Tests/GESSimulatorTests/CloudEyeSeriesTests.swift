import Foundation
import Testing

@testable import GESSimulator

@Suite("Cloud Eye datapoints from usage records")
struct CloudEyeSeriesTests {
    static let day: Int64 = 1_795_132_800  // 2026-11-20T00:00:00Z

    static func series(_ records: [(Int64, Int64, Int64)]) -> SimulatedUsage.Series? {
        SimulatedUsage(
            records: records.map {
                .init(graphID: "g", periodStart: $0.0, periodSeconds: $0.1, requests: $0.2)
            }
        ).series["g"]
    }

    static func sums(_ points: [CloudEyeSeries.Point]) -> [Int64: Int64] {
        Dictionary(
            uniqueKeysWithValues: points.map { ($0.timestamp / 1000, $0.value.integerValue ?? -1) }
        )
    }

    @Test func oneDatapointPerBucketWithDataAndGapsStayGaps() {
        let h: Int64 = 3600
        let series = Self.series([
            (Self.day, h, 10), (Self.day + h, h, 0), (Self.day + 3 * h, h, 7), (Self.day + 3 * h, h, 5),
        ])
        let points = CloudEyeSeries(period: .oneHour, filter: .sum).points(
            of: series,
            from: Self.day * 1000,
            to: (Self.day + 5 * h) * 1000,
            silent: []
        )
        // 02:00 and 04:00 have no record: no datapoint, not a zero. Repeated rows add up.
        #expect(Self.sums(points) == [Self.day: 10, Self.day + h: 0, Self.day + 3 * h: 12])
        #expect(points.map(\.timestamp) == points.map(\.timestamp).sorted())
    }

    @Test func bucketsStartInsideTheRangeAndAreAlignedToTheEpoch() {
        let records: [(Int64, Int64, Int64)] = (0..<12).map { (index: Int64) in
            (Self.day + index * 300, 300, index)
        }
        let points = CloudEyeSeries(period: .twentyMinutes, filter: .sum).points(
            of: Self.series(records),
            from: (Self.day + 100) * 1000,
            to: (Self.day + 3600) * 1000 - 1,
            silent: []
        )
        // The bucket at 00:00 starts before `from`; 00:20 and 00:40 lie inside.
        let second: Int64 = Self.day + 1200
        let third: Int64 = Self.day + 2400
        #expect(Self.sums(points) == [second: 22, third: 38])
    }

    @Test func aLongRecordIsSpreadOverItsBucketsInWholeRequestsThatAddUpExactly() {
        // 100 requests from 00:30 to 02:30: a quarter, a half and a quarter of the time.
        let series = Self.series([(Self.day + 1800, 7200, 100)])
        let hourly = CloudEyeSeries(period: .oneHour, filter: .sum).points(
            of: series,
            from: Self.day * 1000,
            to: (Self.day + 4 * 3600) * 1000,
            silent: []
        )
        #expect(Self.sums(hourly) == [Self.day: 25, Self.day + 3600: 50, Self.day + 7200: 25])
        let fiveMinutes = CloudEyeSeries(period: .fiveMinutes, filter: .sum).points(
            of: Self.series([(Self.day, 3600, 20)]),
            from: Self.day * 1000,
            to: (Self.day + 3600) * 1000,
            silent: []
        )
        #expect(fiveMinutes.count == 12)
        #expect(fiveMinutes.compactMap(\.value.integerValue).reduce(0, +) == 20)
        #expect(fiveMinutes.compactMap(\.value.integerValue).allSatisfy { $0 == 1 || $0 == 2 })
    }

    @Test(arguments: [Int64(1), 7, 999, 1_000_003, Int64.max / 2])
    func spreadingNeverLosesOrInventsRequests(requests: Int64) {
        let series = Self.series([(Self.day + 17, 86_400 * 3 + 11, requests)])
        for period in [CloudEyeLimits.Period.oneHour, .fourHours, .oneDay] {
            let points = CloudEyeSeries(period: period, filter: .sum).points(
                of: series,
                from: (Self.day - 86_400) * 1000,
                to: (Self.day + 5 * 86_400) * 1000,
                silent: []
            )
            #expect(points.compactMap(\.value.integerValue).reduce(0, +) == requests, "\(period)")
        }
    }

    @Test func rawDataUsesMinuteBuckets() {
        let series = Self.series([(Self.day, 300, 10), (Self.day + 600, 60, 3)])
        let points = CloudEyeSeries(period: .raw, filter: .sum).points(
            of: series,
            from: Self.day * 1000,
            to: (Self.day + 900) * 1000,
            silent: []
        )
        #expect(
            Self.sums(points) == [
                Self.day: 2, Self.day + 60: 2, Self.day + 120: 2, Self.day + 180: 2, Self.day + 240: 2,
                Self.day + 600: 3,
            ]
        )
    }

    @Test(arguments: [
        (CloudEyeFilter.sum, JSONValue.integer(19)), (.max, .integer(9)), (.min, .integer(0)),
        (.average, .number(4.75)), (.variance, .number(10.6875)),
    ])
    func everyFilterIsComputedOverTheValuesInTheBucket(filter: CloudEyeFilter, expected: JSONValue) {
        let series = Self.series([
            (Self.day, 300, 4), (Self.day + 300, 300, 6), (Self.day + 600, 300, 0),
            (Self.day + 1200, 300, 9),
        ])
        let points = CloudEyeSeries(period: .oneHour, filter: filter).points(
            of: series,
            from: Self.day * 1000,
            to: (Self.day + 3600) * 1000,
            silent: []
        )
        #expect(points == [CloudEyeSeries.Point(timestamp: Self.day * 1000, value: expected)])
    }

    @Test func aBucketOverlappingSilentTimeGivesNoDatapoint() {
        let h: Int64 = 3600
        let series = Self.series((0..<6).map { (Self.day + $0 * h, h, 1) })
        let silent = [
            SilentSpan(
                start: Date(timeIntervalSince1970: TimeInterval(Self.day + h + 1800)),
                end: Date(timeIntervalSince1970: TimeInterval(Self.day + 2 * h))
            ),
            SilentSpan(start: Date(timeIntervalSince1970: TimeInterval(Self.day + 5 * h)), end: nil),
        ]
        let points = CloudEyeSeries(period: .oneHour, filter: .sum).points(
            of: series,
            from: Self.day * 1000,
            to: (Self.day + 6 * h) * 1000,
            silent: silent
        )
        // 01:00 overlaps the first span; 02:00 starts as it ends (no overlap); 05:00 is in the open span.
        #expect(
            points.map { $0.timestamp / 1000 } == [
                Self.day, Self.day + 2 * h, Self.day + 3 * h, Self.day + 4 * h,
            ]
        )
    }

    @Test func noRecordsOrAnEmptyRangeGiveNoDatapoints() {
        let sum = CloudEyeSeries(period: .oneHour, filter: .sum)
        #expect(sum.points(of: nil, from: 0, to: 86_400_000, silent: []).isEmpty)
        let series = Self.series([(Self.day, 3600, 5)])
        #expect(
            sum.points(of: series, from: Self.day * 1000 + 1, to: Self.day * 1000 + 3_599_000, silent: [])
                .isEmpty
        )
        #expect(
            sum.points(
                of: series,
                from: (Self.day + 3600) * 1000,
                to: (Self.day + 7200) * 1000,
                silent: []
            ).isEmpty
        )
    }
}
