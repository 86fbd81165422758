import Foundation
import Testing

@testable import GESSimulator

struct SimulatedClockTests {
    @Test(arguments: [
        (784_111_777.9, "Sun, 06 Nov 1994 08:49:37 GMT"),
        (0, "Thu, 01 Jan 1970 00:00:00 GMT"),
        (1_795_132_800, "Fri, 20 Nov 2026 00:00:00 GMT"),
        (951_825_599, "Tue, 29 Feb 2000 11:59:59 GMT"),
    ])
    func formatsIMFFixdateRoundingDown(seconds: Double, expected: String) {
        #expect(SimulatedClock.httpDate(Date(timeIntervalSince1970: seconds)) == expected)
    }

    @Test func buildsOnlyRealDates() {
        let leap = SimulatedClock.utcDate(year: 2024, month: 2, day: 29, hour: 23, minute: 59, second: 59)
        #expect(leap?.timeIntervalSince1970 == 1_709_251_199)
        #expect(SimulatedClock.utcDate(year: 2026, month: 2, day: 29, hour: 0, minute: 0, second: 0) == nil)
        #expect(SimulatedClock.utcDate(year: 2026, month: 1, day: 1, hour: 24, minute: 0, second: 0) == nil)
    }
}
