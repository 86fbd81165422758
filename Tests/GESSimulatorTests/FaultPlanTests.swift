import Testing

@testable import GESSimulator

struct FaultPlanTests {
    @Test func noFaultsMeansNoDelayAndNoInjection() {
        var generator = SeededGenerator(seed: 1)
        let plan = FaultPlan.draw(from: FaultSettings(), using: &generator)
        #expect(plan == FaultPlan())
    }

    @Test func errorRatesAreHonouredOverManyDraws() {
        var generator = SeededGenerator(seed: 99)
        let faults = FaultSettings(errorRates: [503: 0.3, 500: 0.1])
        var counts: [Int: Int] = [:]
        for _ in 0..<10_000 {
            counts[FaultPlan.draw(from: faults, using: &generator).injectedStatus ?? 200, default: 0] += 1
        }
        #expect((2_700...3_300).contains(counts[503] ?? 0))
        #expect((800...1_200).contains(counts[500] ?? 0))
        #expect((5_600...6_400).contains(counts[200] ?? 0))
    }

    @Test func aRateOfOneAlwaysInjects() {
        var generator = SeededGenerator(seed: 5)
        for _ in 0..<100 {
            #expect(FaultPlan.draw(from: FaultSettings(errorRates: [429: 1]), using: &generator).injectedStatus == 429)
        }
    }

    @Test func latencyAndJitterStayInRange() {
        var generator = SeededGenerator(seed: 3)
        let faults = FaultSettings(latencyMilliseconds: 100, jitterMilliseconds: 50)
        for _ in 0..<200 {
            let delay = FaultPlan.draw(from: faults, using: &generator).delay
            #expect(delay >= 0.1 && delay < 0.15)
        }
    }

    @Test func hangWinsOverErrors() {
        var generator = SeededGenerator(seed: 3)
        let plan = FaultPlan.draw(from: FaultSettings(errorRates: [503: 1], hangSeconds: 30), using: &generator)
        #expect(plan.hangSeconds == 30)
        #expect(plan.injectedStatus == nil)
    }

    @Test(arguments: ["503=0.3", " 429 = 1 ", "500=0"])
    func parsesErrorRateFlags(_ text: String) throws {
        let rate = try FaultSettings.errorRate(parsing: text)
        #expect((400...599).contains(rate.status))
    }

    @Test(arguments: ["503", "503=1.5", "200=0.1", "abc=0.1", "503=-0.1"])
    func refusesBadErrorRateFlags(_ text: String) {
        #expect(throws: SimulatorError.self) { try FaultSettings.errorRate(parsing: text) }
    }
}
