import IdleStopCore
import Testing

@testable import IdleStopStorage

/// Cloud Eye datapoints packed per graph and period length read back as the same records, in time order.
struct UsageSeriesTests {
    static func record(_ graph: String, _ start: Int64, _ seconds: Int64 = 3600, requests: Double) -> UsageRecord {
        UsageRecord(graphID: graph, periodStart: start, periodSeconds: seconds, requests: requests)
    }

    @Test func packsPerGraphAndPeriodInTimeOrderAndReadsBack() {
        let records = [
            Self.record("g-2", 7200, requests: 1), Self.record("g-1", 3600, requests: 0.125),
            Self.record("g-1", 0, requests: 0), Self.record("g-1", 10_800, requests: 1e20),
            Self.record("g-1", 0, 300, requests: 4),
        ]
        let series = UsageSeries.pack(records)
        #expect(series.map(\.graphID) == ["g-1", "g-1", "g-2"])
        #expect(series[0].periodSeconds == 300)
        #expect(series[1].points == "0:0 1:0.125 3:100000000000000000000")
        #expect(series[1].lastStart == 10_800)
        let back = series.flatMap { $0.records() }
        #expect(
            Set(back.map { "\($0.graphID) \($0.periodStart) \($0.periodSeconds) \($0.requests)" })
                == Set(records.map { "\($0.graphID) \($0.periodStart) \($0.periodSeconds) \($0.requests)" })
        )
        #expect(back.count == records.count)
    }

    @Test func aStartOffTheGridBeginsANewSeries() {
        let series = UsageSeries.pack([Self.record("g", 0, requests: 1), Self.record("g", 1800, requests: 2)])
        #expect(series.map(\.firstStart) == [0, 1800])
        #expect(series.map(\.points) == ["0:1", "0:2"])
    }

    @Test func firstEndIsThatOfTheFirstDatapointStartingInTheSpan() {
        let series = UsageSeries.pack((0..<5).map { Self.record("g", Int64($0) * 3600, requests: 0) })[0]
        #expect(series.firstEnd(startingFrom: 3000, before: 20_000) == 7200)
        #expect(series.firstEnd(startingFrom: 0, before: 20_000) == 3600)
        #expect(series.firstEnd(startingFrom: 14_401, before: 20_000) == nil)
        #expect(series.firstEnd(startingFrom: 3000, before: 3600) == nil)
    }
}
