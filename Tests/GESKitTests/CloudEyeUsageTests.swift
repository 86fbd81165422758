import Foundation
import Testing

@testable import GESKit

struct CloudEyeUsageTests {
    @Test func recordsAreOrderedByGraphThenTimeWithThePeriodLength() {
        let usage = CloudEyeUsage(
            period: .fiveMinutes,
            from: Date(timeIntervalSince1970: 1_700_000_100),
            to: Date(timeIntervalSince1970: 1_700_000_700),
            datapoints: [
                "graph-b": [CloudEyeDatapoint(timestamp: 1_700_000_100_000, sum: 2.5)],
                "graph-a": [
                    CloudEyeDatapoint(timestamp: 1_700_000_100_000, sum: 0),
                    CloudEyeDatapoint(timestamp: 1_700_000_400_000, sum: 0.1),
                ],
                "graph-c": [],
            ]
        )
        let records = usage.records()
        #expect(records.map(\.graphID) == ["graph-a", "graph-a", "graph-b"])
        #expect(records.map(\.periodStart) == [1_700_000_100, 1_700_000_400, 1_700_000_100])
        #expect(records.allSatisfy { $0.periodSeconds == 300 })
        #expect(records.map(\.requests) == [0, 0.1, 2.5])
    }

    @Test func rawDatapointsStandForOneMinute() {
        let usage = CloudEyeUsage(
            period: .raw,
            from: Date(timeIntervalSince1970: 0),
            to: Date(timeIntervalSince1970: 120),
            datapoints: ["g": [CloudEyeDatapoint(timestamp: 60_000, sum: 3)]]
        )
        #expect(usage.records().map(\.periodSeconds) == [60])
    }

    @Test func gapsProduceNoRecords() {
        let usage = CloudEyeUsage(
            period: .oneHour,
            from: Date(timeIntervalSince1970: 0),
            to: Date(timeIntervalSince1970: 3 * 3600),
            datapoints: [
                "g": [CloudEyeDatapoint(timestamp: 0, sum: 1), CloudEyeDatapoint(timestamp: 7_200_000, sum: 4)]
            ]
        )
        #expect(usage.records().map(\.periodStart) == [0, 7200])
    }

    @Test(arguments: [(Int64(1_999), Int64(1)), (0, 0), (-1, -1), (-1000, -1), (1_700_000_000_999, 1_700_000_000)])
    func periodStartRoundsMillisecondsDown(_ millis: Int64, _ seconds: Int64) {
        #expect(CloudEyeDatapoint(timestamp: millis, sum: 0).periodStart == seconds)
    }
}
