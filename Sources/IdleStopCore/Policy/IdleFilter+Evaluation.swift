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
        let covering = Covering(span: span, percent: percent, coverageSentence: coverageSentence)
        switch measure {
        case .requests(let atMost):
            judgeRequests(&check, atMost: atMost, covering: covering)
        case .metric(let name, let statistic, let atMost):
            judgeMetric(
                &check,
                name: name,
                statistic: statistic,
                atMost: atMost,
                stats: windowUsage.metrics[name],
                covering: covering
            )
        }
        return check
    }

    /// What a check's sentences say about its window: its span, the covered percentage, and the sentence for
    /// too little coverage.
    private struct Covering {
        var span: String
        var percent: Int64
        var coverageSentence: String
    }

    /// Judges a request count: more than `atMost` fails, too little coverage is unknown, else it holds.
    private func judgeRequests(_ check: inout IdleCheck, atMost: Double, covering: Covering) {
        check.threshold = atMost
        let value = check.requests
        let count = NumberText.format(value) + (value == 1 ? " request" : " requests")
        if value > atMost {
            check.sentence = "\(count) in the last \(covering.span), more than the \(NumberText.format(atMost)) allowed"
        } else if !check.hasCoverage {
            check.failedForCoverage = true
            check.sentence = covering.coverageSentence
        } else {
            check.held = true
            check.sentence = "\(count) in the last \(covering.span), usage covers \(covering.percent)% of the window"
        }
    }

    /// Judges a metric's `statistic`: over `atMost` fails (an average only with full coverage), too little coverage
    /// is unknown, no values is unknown, else it holds.
    private func judgeMetric(
        _ check: inout IdleCheck,
        name: String,
        statistic: MetricStatistic,
        atMost: Double,
        stats: MetricStats?,
        covering: Covering
    ) {
        check.metric = name
        check.statistic = statistic
        check.threshold = atMost
        let value: Double? =
            switch statistic {
            case .sum: stats.flatMap { $0.count > 0 ? $0.sum : nil }
            case .max: stats.flatMap { $0.count > 0 ? $0.max : nil }
            case .avg: stats?.average
            }
        check.value = value
        let limit = NumberText.format(atMost)
        let span = covering.span
        // A partial average says nothing about the whole window, so it cannot fail early.
        if let value, value > atMost, statistic != .avg || check.hasCoverage {
            check.sentence =
                "\(name) \(statistic) \(NumberText.format(value)) over the last \(span), more than the \(limit) allowed"
        } else if !check.hasCoverage {
            check.failedForCoverage = true
            check.sentence = covering.coverageSentence
        } else if let value {
            check.held = true
            check.sentence =
                "\(name) \(statistic) \(NumberText.format(value)) over the last \(span) (at most \(limit)), "
                + "\(name) values cover \(covering.percent)% of the window"
        } else {
            check.sentence = "no \(name) values in the last \(span): its \(statistic) is unknown"
        }
    }

    /// The check as a filter outcome: held, failed (over the threshold), or unknown (coverage or no values).
    func outcome(_ usage: GraphUsage) -> FilterOutcome {
        let check = check(usage)
        let state: FilterOutcome.State =
            check.held ? .holds : (check.failedForCoverage || check.value == nil ? .unknown : .fails)
        return FilterOutcome(state: state, sentence: check.sentence, idleChecks: [check])
    }
}
