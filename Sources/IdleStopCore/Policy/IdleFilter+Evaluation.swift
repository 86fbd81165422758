import Foundation

extension IdleFilter {
    /// Checks the usage over the window: the measure first (more than allowed is never idle, whatever the
    /// coverage), then the coverage (too little is unknown, never idle).
    ///
    /// A metric filter counts only the time that has a value for its metric: blank cells are gaps.
    func check(_ usage: GraphUsage) -> IdleCheck {
        let window = self.window
        let span = NumberText.span(window)
        let windowUsage = usage.usage(over: window)
        var measured = windowUsage.coveredSeconds
        var coveredBy = ""
        if case .metric(let name, _, _) = measure {
            measured = windowUsage.metrics[name]?.coveredSeconds ?? 0
            coveredBy = " by \(name) values"
        }
        let covered = min(max(measured, 0), window.seconds)
        let percent = NumberText.percentFloor(covered: covered, of: window.seconds)
        let hasCoverage = Decimal(covered) >= minCoverage * Decimal(window.seconds)
        let coverageSentence =
            "insufficient usage data: \(percent)% of \(span) covered\(coveredBy), "
            + "\(NumberText.percent(minCoverage))% required"
        var check = IdleCheck(
            window: window,
            requests: windowUsage.requests,
            value: windowUsage.requests,
            threshold: 0,
            coverage: Double(covered) / Double(window.seconds),
            minCoverage: minCoverage,
            held: false,
            failedForCoverage: false,
            hasCoverage: hasCoverage,
            sentence: ""
        )
        switch measure {
        case .requests(let atMost):
            check.threshold = atMost
            let value = windowUsage.requests
            let count = NumberText.format(value) + (value == 1 ? " request" : " requests")
            if value > atMost {
                check.sentence = "\(count) in the last \(span), more than the \(NumberText.format(atMost)) allowed"
            } else if !hasCoverage {
                check.failedForCoverage = true
                check.sentence = coverageSentence
            } else {
                check.held = true
                check.sentence = "\(count) in the last \(span), usage covers \(percent)% of the window"
            }
        case .metric(let name, let statistic, let atMost):
            check.metric = name
            check.statistic = statistic
            check.threshold = atMost
            let stats = windowUsage.metrics[name]
            let value: Double? =
                switch statistic {
                case .sum: stats.flatMap { $0.count > 0 ? $0.sum : nil }
                case .max: stats.flatMap { $0.count > 0 ? $0.max : nil }
                case .avg: stats?.average
                }
            check.value = value
            let limit = NumberText.format(atMost)
            // A partial average says nothing about the whole window, so it cannot fail early.
            if let value, value > atMost, statistic != .avg || hasCoverage {
                check.sentence =
                    "\(name) \(statistic) \(NumberText.format(value)) over the last \(span), more than the \(limit) allowed"
            } else if !hasCoverage {
                check.failedForCoverage = true
                check.sentence = coverageSentence
            } else if let value {
                check.held = true
                check.sentence =
                    "\(name) \(statistic) \(NumberText.format(value)) over the last \(span) (at most \(limit)), "
                    + "\(name) values cover \(percent)% of the window"
            } else {
                check.sentence = "no \(name) values in the last \(span): its \(statistic) is unknown"
            }
        }
        return check
    }

    /// The check as a filter outcome: held, failed (over the threshold), or unknown (coverage or no values).
    func outcome(_ usage: GraphUsage) -> FilterOutcome {
        let check = check(usage)
        let state: FilterOutcome.State =
            check.held ? .holds : (check.failedForCoverage || check.value == nil ? .unknown : .fails)
        return FilterOutcome(state: state, sentence: check.sentence, idleChecks: [check])
    }
}
