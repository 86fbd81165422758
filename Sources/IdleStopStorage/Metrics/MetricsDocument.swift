import Foundation
import IdleStopCore

/// A run's figures in the Prometheus text exposition format, for node_exporter's textfile collector.
///
/// Pure: the same facts give the same text, series in a fixed order. Every decision and stop result is written,
/// 0 included, so that dashboards never see a series vanish; a run that failed before deciding has no `figures`
/// and writes only its exit status, end time and duration (docs/SPEC.md §8, metrics file).
/// Format: https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format.
public struct MetricsDocument: Sendable, Equatable {
    /// When the run started and ended (wall clock).
    public var startedAt: Date
    public var finishedAt: Date
    /// The run's exit status (docs/SPEC.md §8).
    public var exitStatus: Int32
    /// What a run that got as far as deciding decided and did; nil for a run that failed before.
    public var figures: Figures?

    public init(startedAt: Date, finishedAt: Date, exitStatus: Int32, figures: Figures? = nil) {
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.exitStatus = exitStatus
        self.figures = figures
    }

    /// The counts and money of a run that decided.
    public struct Figures: Sendable, Equatable {
        public var isDryRun: Bool
        /// Graphs per decision (every graph of the inventory has one).
        public var graphsByDecision: [DecisionKind: Int]
        /// `stop` decisions per result (a stop with no result yet, as in the report, counts in none).
        public var stopsByResult: [StopResult: Int]
        /// Projected savings of the stops sent or accepted (or that a dry-run would send), per currency.
        public var projectedSavings: [String: Decimal]
        /// Graphs the policies judge on usage whose usage covered the windows they ask for.
        public var usageCoveredGraphs: Int
        /// Graphs the policies judge on usage (the denominator of `limits.min_data_share`).
        public var usageEvaluatedGraphs: Int
    }

    /// One series family: its name, its HELP text and its samples (labels already rendered, value).
    typealias Family = (name: String, help: String, samples: [(labels: String, value: String)])

    /// The file's text: HELP and TYPE lines, then the samples, one family after another.
    public var text: String {
        let families = runFamilies + (figures.map(Self.families(of:)) ?? [])
        var lines: [String] = []
        for family in families {
            lines.append("# HELP \(family.name) \(Self.escapeHelp(family.help))")
            lines.append("# TYPE \(family.name) gauge")
            for sample in family.samples { lines.append(family.name + sample.labels + " " + sample.value) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The families every run has, a failed one too.
    var runFamilies: [Family] {
        [
            (
                "ges_idle_stop_last_run_timestamp_seconds", "When the last run ended, in Unix seconds.",
                [("", Self.seconds(finishedAt.timeIntervalSince1970))]
            ),
            (
                "ges_idle_stop_last_run_exit_status", "Exit status of the last run (docs/SPEC.md §8); 0 is done.",
                [("", String(exitStatus))]
            ),
            (
                "ges_idle_stop_run_duration_seconds", "How long the last run took, in seconds.",
                [("", Self.seconds(max(0, finishedAt.timeIntervalSince(startedAt))))]
            ),
        ]
    }

    /// The families of a run that decided; every decision and result label is present, 0 included.
    static func families(of figures: Figures) -> [Family] {
        [
            (
                "ges_idle_stop_last_run_dry_run", "1 when the last run was a dry-run (no stop sent), else 0.",
                [("", figures.isDryRun ? "1" : "0")]
            ),
            (
                "ges_idle_stop_graphs", "Graphs of the inventory per decision of the last run.",
                DecisionKind.allCases.map {
                    (labels(["decision": $0.rawValue]), String(figures.graphsByDecision[$0] ?? 0))
                }
            ),
            (
                "ges_idle_stop_stops", "Stop decisions of the last run per result.",
                StopResult.allCases.map { (labels(["result": $0.rawValue]), String(figures.stopsByResult[$0] ?? 0)) }
            ),
            (
                "ges_idle_stop_projected_savings",
                "Projected savings over the horizon of the stops the last run sent (or would send), per currency.",
                figures.projectedSavings.sorted { $0.key < $1.key }.map {
                    (labels(["currency": $0.key]), "\($0.value)")
                }
            ),
            (
                "ges_idle_stop_usage_covered_graphs",
                "Graphs the policies judge on usage whose usage covered the windows asked for, in the last run.",
                [("", String(figures.usageCoveredGraphs))]
            ),
            (
                "ges_idle_stop_usage_evaluated_graphs",
                "Graphs the policies judge on usage in the last run (the base of limits.min_data_share).",
                [("", String(figures.usageEvaluatedGraphs))]
            ),
        ]
    }

    /// `{name="value"}` with the value escaped as the format requires: backslash, double quote, line feed.
    static func labels(_ pairs: KeyValuePairs<String, String>) -> String {
        let inner = pairs.map { name, value in
            let escaped = value.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "\"", with: "\\\"")
                .replacingOccurrences(of: "\n", with: "\\n")
            return "\(name)=\"\(escaped)\""
        }
        return "{" + inner.joined(separator: ",") + "}"
    }

    /// A HELP text with backslash and line feed escaped.
    static func escapeHelp(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }

    /// Seconds to the millisecond, without exponent.
    static func seconds(_ value: Double) -> String {
        String(format: "%.3f", value)
    }
}

extension MetricsDocument.Figures {
    /// Tallies a run's final decisions; the savings are the summary line's (`RunSummary`).
    public init(decisions: [Decision], isDryRun: Bool, usage: UsageFeedCoverage) {
        var byDecision: [DecisionKind: Int] = [:]
        var byResult: [StopResult: Int] = [:]
        for decision in decisions {
            byDecision[decision.kind, default: 0] += 1
            if decision.kind == .stop, let result = decision.result { byResult[result, default: 0] += 1 }
        }
        self.init(
            isDryRun: isDryRun,
            graphsByDecision: byDecision,
            stopsByResult: byResult,
            projectedSavings: RunSummary(decisions: decisions).projectedSavings,
            usageCoveredGraphs: usage.usableCount,
            usageEvaluatedGraphs: usage.evaluatedGraphIDs.count
        )
    }
}
