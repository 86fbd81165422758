import Foundation
import IdleStopCore
import Logging

/// libFuzzer entry point for the usage CSV reader (`UsageReader.read(data:name:)`).
///
/// The first input byte picks the chunk size (1 to 256 bytes, so rows straddle chunk boundaries) and the
/// bad-row tolerance; the rest is the file. A crash, or a broken promise of the reader, aborts the run:
/// every error is one printable line of bounded length naming the file, and no unsafe graph ID is aggregated.
@_cdecl("LLVMFuzzerTestOneInput")
public func usageReaderFuzzTarget(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start, count > 0 else { return 0 }
    let settings = start[0]
    let data = Data(bytes: start + 1, count: count - 1)
    let chunkSize = Int(settings & 0x3F) * 4 + 1
    let maxBadRows = Int(settings >> 6)
    let query = UsageQuery(
        now: Instant(unixSeconds: 1_795_744_800),
        windows: [.hours(1), .hours(24)],
        metrics: ["cpu_util"]
    )
    let logger = Logger(label: "fuzz", factory: { _ in SwiftLogNoOpLogHandler() })
    let small = UsageReader(query: query, maxBadRows: maxBadRows, logger: logger, chunkSize: chunkSize)
    let large = UsageReader(query: query, maxBadRows: maxBadRows, logger: logger)
    let outcome = read(small, data)
    guard outcome == read(large, data) else {
        report("chunk size changed the outcome | chunk size \(chunkSize)")
        return 0
    }
    switch outcome {
    case .success(let summary):
        require(
            summary.badRows.count <= maxBadRows,
            "more bad rows than tolerated | \(summary.badRows.count) > \(maxBadRows)"
        )
        for error in summary.badRows { check(error) }
        for id in summary.graphs.keys where !GraphID.isSafe(id) {
            report("unsafe graph ID aggregated | \(id.debugDescription)")
        }
    case .failure(let error):
        check(error)
    }
    return 0
}

private func read(_ reader: UsageReader, _ data: Data) -> Result<UsageSummary, UsageError> {
    do throws(UsageError) {
        return .success(try reader.read(data: data, name: "fuzz.csv"))
    } catch {
        return .failure(error)
    }
}

private func check(_ error: UsageError) {
    let text = error.description
    require(text.hasPrefix("fuzz.csv"), "error does not name the file | \(text.debugDescription)")
    require(!error.message.isEmpty, "empty message | \(text.debugDescription)")
    require(text.count < 400, "description too long | \(text.count) characters: \(text.prefix(300).debugDescription)")
    require(
        !text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F },
        "control character in the description | \(text.prefix(300).debugDescription)"
    )
}

/// Reports a broken promise when `condition` is false (kept in optimized builds, unlike `precondition`).
private func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { report(message()) }
}

/// Stops the run with `message` (`<violation> | <detail>`), which the log keeps next to the reproducing input;
/// violations named in `FUZZ_IGNORE` (comma-separated) are let through, to look past a known finding.
private func report(_ message: String) {
    let violation = message.split(separator: "|", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) }
    if let violation, ignoredViolations.contains(violation) { return }
    fatalError(message)
}

private let ignoredViolations: Set<String> = Set(
    (ProcessInfo.processInfo.environment["FUZZ_IGNORE"] ?? "").split(separator: ",").map {
        $0.trimmingCharacters(in: .whitespaces)
    }
)
