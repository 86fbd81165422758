import Logging

/// What `validate` found in one usage file: the first bad rows, how many there are, and what ended the read.
public struct UsageValidation: Sendable, Equatable {
    /// The first bad rows in file order, at most the limit asked for.
    public var badRows: [UsageError]
    /// Every bad row of the file, those past the limit included.
    public var badRowCount: Int
    /// An error that ended the read early (a bad header, an unterminated quote, an unreadable file): rows after it
    /// are not checked.
    public var failure: UsageError?

    public init(badRows: [UsageError], badRowCount: Int, failure: UsageError?) {
        self.badRows = badRows
        self.badRowCount = badRowCount
        self.failure = failure
    }

    /// Whether the file would be read by a run without a single tolerated bad row.
    public var isValid: Bool { badRowCount == 0 && failure == nil }
}

extension UsageReader {
    /// Checks one usage file to its end for `validate`, collecting every bad row instead of stopping at the first.
    ///
    /// The rows are parsed exactly as a run parses them; only what happens to a bad row differs (past `limit` it is
    /// counted, not kept, and the read goes on), so a run's read pays nothing for this mode. `metrics` are the
    /// columns checked as numbers (those some policy reads); other extra columns are ignored, as in a run. Rows are
    /// not aggregated and no instant is "now", so future periods are not reported.
    public static func validate(file path: String, metrics: Set<String> = [], limit: Int) -> UsageValidation {
        let reader = UsageReader(
            query: UsageQuery(now: Instant(unixSeconds: .max), windows: [], metrics: metrics, graphIDs: []),
            maxBadRows: limit,
            logger: Logger(label: "ges-idle-stop.validate") { _ in SwiftLogNoOpLogHandler() },
            parallelism: 1
        )
        var session = UsageReadSession(reader: reader)
        session.countsBadRowsPastLimit = true
        var failure: UsageError?
        do throws(UsageError) {
            try reader.readFile(path, into: &session)
        } catch {
            failure = error
        }
        return UsageValidation(badRows: session.badRows, badRowCount: session.badRowCount, failure: failure)
    }
}
