import Foundation

/// What the fault settings decided for one request: wait this long, maybe hang, maybe answer an error status.
struct FaultPlan: Sendable, Equatable {
    var delay: TimeInterval = 0
    var hangSeconds: Double?
    var injectedStatus: Int?

    /// Draws a plan: jitter, then hang, then one uniform draw walked through the error rates in status order.
    static func draw(from faults: FaultSettings, using generator: inout SeededGenerator) -> FaultPlan {
        var plan = FaultPlan()
        var milliseconds = Double(max(0, faults.latencyMilliseconds))
        if faults.jitterMilliseconds > 0 {
            milliseconds += generator.nextUnit() * Double(faults.jitterMilliseconds)
        }
        plan.delay = milliseconds / 1000
        if let hang = faults.hangSeconds, hang > 0, faults.hangRate > 0 {
            if faults.hangRate >= 1 || generator.nextUnit() < faults.hangRate {
                plan.hangSeconds = hang
                return plan
            }
        }
        let rates = faults.errorRates.filter { $0.value > 0 }.sorted { $0.key < $1.key }
        if !rates.isEmpty {
            let draw = generator.nextUnit()
            var cumulative = 0.0
            for (status, rate) in rates {
                cumulative += rate
                if draw < cumulative {
                    plan.injectedStatus = status
                    break
                }
            }
        }
        return plan
    }
}
