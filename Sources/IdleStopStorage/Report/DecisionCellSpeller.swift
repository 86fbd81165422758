import Foundation
import IdleStopCore

/// Spells the cells of one run's decisions, column by column: the one spelling the CSV report and the history share.
///
/// `ReportRow` (the CSV) and `DecisionRowEncoder` (the `decisions` table) both ask it for every `ReportColumn`, so
/// the two can never disagree. It is fast enough for 100,000 rows: the run's cells are spelled once, times by
/// integer arithmetic (`Instant.description`), and the few distinct sizes, windows, coverages, prices and savings of
/// a run once each and remembered (`ReportFormat` goes through `Decimal`, about 20 µs a row).
public struct DecisionCellSpeller {
    /// Every column, in `ReportColumn` order (`allCases` builds a new array at each use).
    public static let columns = ReportColumn.allCases
    /// Remembered spellings per kind of value; a cache that reaches this size is cleared.
    private static let cacheLimit = 4096

    private let runID: String
    private let evaluatedAt: Instant
    private let evaluatedAtText: String
    private let mode: String
    private var sizes: [String: String] = [:]
    private var windowHours: [Int64: String] = [:]
    private var coverages: [UInt64: String] = [:]
    private var prices: [Decimal: String] = [:]
    private var savings: [Decimal: String] = [:]

    public init(run: RunInfo) {
        runID = run.id
        evaluatedAt = run.evaluatedAt
        evaluatedAtText = run.evaluatedAt.description
        mode = run.mode.rawValue
    }

    /// The text of `column` for `decision`; empty for "no value" (an empty CSV cell, NULL in SQLite).
    public mutating func cell(_ column: ReportColumn, of decision: Decision) -> String {
        switch column {
        case .runID: runID
        case .evaluatedAt: evaluatedAtText
        case .mode: mode
        case .graphID: decision.graph.id
        case .graphName: decision.graph.name
        case .productType: decision.graph.productType
        case .size: size(decision.graph.sizeIndex)
        case .status: decision.graph.status.rawValue
        case .policy: decision.policy ?? ""
        case .decision: decision.kind.rawValue
        case .result: decision.kind == .stop ? decision.result?.rawValue ?? "" : ""
        case .reason: decision.reason
        case .requestsInWindow: decision.requestsInWindow.map { ReportFormat.count($0) } ?? ""
        case .windowHours: decision.window.map { hours($0) } ?? ""
        case .coverage: decision.coverage.map { coverage($0) } ?? ""
        case .lastActivity:
            if let last = decision.lastActivity {
                Instant(unixSeconds: last).description
            } else if Self.coveredSeconds(decision) != nil {
                Self.noActivity
            } else {
                ""
            }
        case .idleHours:
            if let last = decision.lastActivity {
                ReportFormat.elapsedHours(from: Instant(unixSeconds: last), to: evaluatedAt)
            } else if let covered = Self.coveredSeconds(decision) {
                ReportFormat.elapsedHours(from: evaluatedAt.advanced(by: -covered), to: evaluatedAt)
            } else {
                ""
            }
        case .hourlyPrice: decision.hourlyPrice.map { price($0) } ?? ""
        case .currency: decision.currency ?? ""
        case .projectedSavings: decision.projectedSavings.map { saving($0) } ?? ""
        case .jobID: decision.jobID ?? ""
        case .errorCode: decision.errorCode ?? ""
        case .errorMessage: decision.errorMessage ?? ""
        }
    }

    /// `last_activity` of a graph with no request in the covered part of its window: text, which a spreadsheet
    /// sorts after every timestamp, while `idle_hours` stays a number (the covered hours, a lower bound).
    public static let noActivity = "none in the window"

    /// Seconds of the deciding window that usage covered, when the graph showed no activity in them; else nil.
    private static func coveredSeconds(_ decision: Decision) -> Int64? {
        guard decision.lastActivity == nil, let window = decision.window, let coverage = decision.coverage,
            coverage > 0
        else { return nil }
        return Int64((Double(window.seconds) * min(coverage, 1)).rounded(.down))
    }

    private mutating func size(_ index: String) -> String {
        Self.spell(index, in: &sizes) { GraphSize.name(forIndex: $0) }
    }

    private mutating func hours(_ span: TimeSpan) -> String {
        Self.spell(span.seconds, in: &windowHours) { ReportFormat.hours(TimeSpan(seconds: $0)) }
    }

    private mutating func coverage(_ share: Double) -> String {
        Self.spell(share.bitPattern, in: &coverages) { ReportFormat.fraction(Double(bitPattern: $0)) }
    }

    private mutating func price(_ amount: Decimal) -> String {
        Self.spell(amount, in: &prices) { ReportFormat.decimal($0) }
    }

    private mutating func saving(_ amount: Decimal) -> String {
        Self.spell(amount, in: &savings) { ReportFormat.money($0) }
    }

    /// The remembered spelling of `key`, else `spelling(key)`, remembered.
    private static func spell<Key: Hashable>(
        _ key: Key,
        in cache: inout [Key: String],
        _ spelling: (Key) -> String
    ) -> String {
        if let known = cache[key] { return known }
        let text = spelling(key)
        if cache.count >= cacheLimit { cache.removeAll(keepingCapacity: true) }
        cache[key] = text
        return text
    }
}
