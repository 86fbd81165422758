import IdleStopCore
import Testing

@testable import GESKit

struct CloudEyePeriodTests {
    struct ChoiceCase: Sendable, CustomTestStringConvertible {
        var windows: [String]
        var expected: CloudEyePeriod
        var testDescription: String { "\(windows) → \(expected)" }
    }

    static let choices: [ChoiceCase] = [
        .init(windows: ["24h"], expected: .oneHour),
        .init(windows: ["6h"], expected: .fiveMinutes),
        .init(windows: ["2h"], expected: .fiveMinutes),
        .init(windows: ["1h"], expected: .oneMinute),
        .init(windows: ["30m"], expected: .oneMinute),
        .init(windows: ["25h"], expected: .oneHour),
        .init(windows: ["7d"], expected: .oneHour),
        .init(windows: ["2w"], expected: .oneHour),
        .init(windows: ["24h", "7d"], expected: .oneHour),
        .init(windows: ["6h", "7d"], expected: .fiveMinutes),
        .init(windows: ["7d", "2w"], expected: .oneHour),
        // 26h20m is not a whole number of hours; 1200 s divides it.
        .init(windows: ["1580m"], expected: .twentyMinutes),
        // 6h and 7m: only 60 s divides both, and 7m / 24 < 60 s.
        .init(windows: ["6h", "7m"], expected: .raw),
        .init(windows: ["90s"], expected: .raw),
        .init(windows: [], expected: .oneHour),
    ]

    @Test(arguments: choices)
    func choosesTheCoarsestPeriodThatFitsEveryWindow(_ row: ChoiceCase) throws {
        let windows = Set(try row.windows.map { try #require(TimeSpan(parsing: $0)) })
        #expect(CloudEyePeriod.choose(forWindows: windows) == row.expected)
    }

    @Test(arguments: [
        "10m", "30m", "45m", "1h", "2h", "6h", "12h", "24h", "36h", "2d", "3d", "7d", "2w", "30d",
    ])
    func chosenPeriodDividesTheWindowAndGivesAtLeast24Points(_ text: String) throws {
        let window = try #require(TimeSpan(parsing: text))
        let period = CloudEyePeriod.choose(forWindows: [window])
        #expect(window.seconds % period.rawValue == 0)
        #expect(window.seconds / period.datapointSeconds >= 10)
        if period != .raw { #expect(window.seconds / period.rawValue >= 24) }
        #expect(period.rawValue <= 3600)
    }

    @Test func rangeLimitsFollowTheDocumentation() {
        let hours: [CloudEyePeriod: Int64] = [
            .raw: 4, .oneMinute: 4, .fiveMinutes: 24, .twentyMinutes: 72, .oneHour: 240, .fourHours: 720,
            .oneDay: 180 * 24,
        ]
        for period in CloudEyePeriod.allCases {
            #expect(period.maxRangeSeconds == hours[period].map { $0 * 3600 }, "\(period)")
        }
    }

    @Test func queryValueIsTheDecimalString() {
        #expect(CloudEyePeriod.allCases.map(\.queryValue) == ["1", "60", "300", "1200", "3600", "14400", "86400"])
        #expect(CloudEyePeriod.raw.datapointSeconds == 60)
        #expect(CloudEyePeriod.fiveMinutes.datapointSeconds == 300)
    }
}
