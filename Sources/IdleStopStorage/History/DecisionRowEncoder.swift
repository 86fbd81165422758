import Foundation
import GRDB
import IdleStopCore

/// Spells decisions as `decisions` table values, cell for cell as `ReportRow` does, but fast enough for 100,000 rows.
///
/// `ReportRow` formats every number through `Decimal` and every time through `ISO8601FormatStyle`: about
/// 20 µs a row. Here the run's cells are spelled once, times by integer arithmetic, and the few distinct
/// prices, savings, windows and coverages are spelled once each and remembered. Empty cells are NULL.
/// `DecisionRowEncoderTests` checks the result against `ReportRow` cell by cell.
struct DecisionRowEncoder {
    /// Column names in `ReportColumn` order, as the INSERT names them.
    static let columns: [String] = ReportColumn.allCases.map(\.rawValue)
    /// Rows per INSERT: one statement execution per 32 rows costs SQLite about a quarter less than one per row.
    static let rowsPerInsert = 32

    /// The INSERT of `rows` rows (`VALUES (?, …), (?, …)`).
    static func insertSQL(rows: Int) -> String {
        let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        return "INSERT INTO decisions (\(columns.joined(separator: ", "))) VALUES "
            + Array(repeating: row, count: rows).joined(separator: ", ")
    }
    /// Remembered spellings per kind of value; a cache that reaches this size is cleared.
    private static let cacheLimit = 4096

    private let runID: DatabaseValue
    private let evaluatedAt: DatabaseValue
    private let mode: DatabaseValue
    private let evaluatedAtSeconds: Int64
    private var windowHours: [Int64: DatabaseValue] = [:]
    private var coverages: [UInt64: DatabaseValue] = [:]
    private var prices: [Decimal: DatabaseValue] = [:]
    private var savings: [Decimal: DatabaseValue] = [:]
    private var sizes: [String: DatabaseValue] = [:]
    /// One row's values, reused from row to row.
    private(set) var values: [DatabaseValue]

    init(run: RunInfo) {
        runID = Self.text(run.id)
        evaluatedAt = Self.text(ReportFormat.timestamp(run.evaluatedAt))
        mode = Self.text(run.mode.rawValue)
        evaluatedAtSeconds = Int64(run.evaluatedAt.timeIntervalSince1970.rounded(.down))
        values = Array(repeating: .null, count: Self.columns.count)
    }

    /// Fills `values` with the row of `decisions[index]`, in `ReportColumn` order.
    ///
    /// Reads the fields in place: a `Decision` passed by value is copied, a retain for each of its strings.
    mutating func encode(_ decisions: UnsafeBufferPointer<Decision>, at index: Int) {
        let decision = decisions.baseAddress! + index
        values[0] = runID
        values[1] = evaluatedAt
        values[2] = mode
        values[3] = Self.text(decision.pointee.graph.id)
        values[4] = Self.text(decision.pointee.graph.name)
        values[5] = Self.text(decision.pointee.graph.productType)
        values[6] = size(decision.pointee.graph.sizeIndex)
        values[7] = Self.text(decision.pointee.graph.status)
        values[8] = Self.text(decision.pointee.policy)
        let kind = decision.pointee.kind
        values[9] = Self.text(kind.rawValue)
        values[10] = Self.text(kind == .stop ? decision.pointee.result?.rawValue : nil)
        values[11] = Self.text(decision.pointee.reason)
        values[12] = Self.text(decision.pointee.requestsInWindow.map { ReportFormat.count($0) })
        values[13] = decision.pointee.window.map { hours($0) } ?? .null
        values[14] = decision.pointee.coverage.map { coverage($0) } ?? .null
        let lastActivity = decision.pointee.lastActivity
        values[15] = Self.text(lastActivity.map { Self.timestamp(unixSeconds: $0) })
        values[16] = Self.text(lastActivity.map { Self.elapsedHours(from: $0, to: evaluatedAtSeconds) })
        values[17] = decision.pointee.hourlyPrice.map { price($0) } ?? .null
        values[18] = Self.text(decision.pointee.currency)
        values[19] = decision.pointee.projectedSavings.map { saving($0) } ?? .null
        values[20] = Self.text(decision.pointee.jobID)
        values[21] = Self.text(decision.pointee.errorCode)
        values[22] = Self.text(decision.pointee.errorMessage)
    }

    /// Fills `values` with `decision`'s row (one decision, for tests and small callers).
    mutating func encode(_ decision: Decision) {
        [decision].withUnsafeBufferPointer { encode($0, at: 0) }
    }

    /// Binds `values` to the parameters of row `row` (0-based) of a multi-row INSERT, directly through SQLite.
    ///
    /// Call `statement.setUncheckedArguments(StatementArguments())` before the first row of each execution:
    /// it resets the statement (binding needs that) and marks it bound, so `execute()` keeps these bindings.
    /// https://sqlite.org/c3ref/bind_blob.html
    func bind(to statement: Statement, row: Int) throws {
        let raw = statement.sqliteStatement
        let first = row * values.count + 1
        for (offset, value) in values.enumerated() {
            let code = value.bind(to: raw, at: CInt(first + offset))
            guard code == 0 else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot bind a decision value")
            }
        }
    }

    /// Text, or NULL when absent or empty (the report's "no value").
    static func text(_ value: String?) -> DatabaseValue {
        guard let value, !value.isEmpty else { return .null }
        return value.databaseValue
    }

    /// `2026-11-27T02:00:00Z`, as `ReportFormat.timestamp(unixSeconds:)` spells it, by integer arithmetic.
    ///
    /// Days to civil date: Howard Hinnant's `civil_from_days` (http://howardhinnant.github.io/date_algorithms.html).
    /// Times before 1970 or after 9999 go to `ReportFormat`.
    static func timestamp(unixSeconds: Int64) -> String {
        guard (0..<253_402_300_800).contains(unixSeconds) else {
            return ReportFormat.timestamp(unixSeconds: unixSeconds)
        }
        let days = unixSeconds / 86_400
        let secondOfDay = Int(unixSeconds - days * 86_400)
        let z = days + 719_468
        let era = z / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * shiftedMonth + 2) / 5 + 1)
        let month = Int(shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9)
        let year = Int(yearOfEra + era * 400 + (month <= 2 ? 1 : 0))
        return String(unsafeUninitializedCapacity: 20) { buffer in
            func put(_ value: Int, digits: Int, at offset: Int) {
                var value = value
                for position in stride(from: offset + digits - 1, through: offset, by: -1) {
                    buffer[position] = UInt8(truncatingIfNeeded: 0x30 + value % 10)
                    value /= 10
                }
            }
            put(year, digits: 4, at: 0)
            buffer[4] = UInt8(ascii: "-")
            put(month, digits: 2, at: 5)
            buffer[7] = UInt8(ascii: "-")
            put(day, digits: 2, at: 8)
            buffer[10] = UInt8(ascii: "T")
            put(secondOfDay / 3600, digits: 2, at: 11)
            buffer[13] = UInt8(ascii: ":")
            put(secondOfDay / 60 % 60, digits: 2, at: 14)
            buffer[16] = UInt8(ascii: ":")
            put(secondOfDay % 60, digits: 2, at: 17)
            buffer[19] = UInt8(ascii: "Z")
            return 20
        }
    }

    /// Hours from `from` to `to` with one decimal, rounded down, never negative: `ReportFormat.elapsedHours`.
    ///
    /// Tenths of an hour are 360 s, so whole tenths are an integer division and the spelling is exact.
    static func elapsedHours(from: Int64, to: Int64) -> String {
        let tenths = max(0, to &- from) / 360
        return "\(tenths / 10).\(tenths % 10)"
    }

    private mutating func size(_ index: String) -> DatabaseValue {
        if let known = sizes[index] { return known }
        let value = Self.text(GraphSize.name(forIndex: index))
        Self.remember(value, for: index, in: &sizes)
        return value
    }

    private mutating func hours(_ span: TimeSpan) -> DatabaseValue {
        if let known = windowHours[span.seconds] { return known }
        let value = Self.text(ReportFormat.hours(span))
        Self.remember(value, for: span.seconds, in: &windowHours)
        return value
    }

    private mutating func coverage(_ share: Double) -> DatabaseValue {
        if let known = coverages[share.bitPattern] { return known }
        let value = Self.text(ReportFormat.fraction(share))
        Self.remember(value, for: share.bitPattern, in: &coverages)
        return value
    }

    private mutating func price(_ amount: Decimal) -> DatabaseValue {
        if let known = prices[amount] { return known }
        let value = Self.text(ReportFormat.decimal(amount))
        Self.remember(value, for: amount, in: &prices)
        return value
    }

    private mutating func saving(_ amount: Decimal) -> DatabaseValue {
        if let known = savings[amount] { return known }
        let value = Self.text(ReportFormat.money(amount))
        Self.remember(value, for: amount, in: &savings)
        return value
    }

    private static func remember<Key: Hashable>(
        _ value: DatabaseValue,
        for key: Key,
        in cache: inout [Key: DatabaseValue]
    ) {
        if cache.count >= cacheLimit { cache.removeAll(keepingCapacity: true) }
        cache[key] = value
    }
}
