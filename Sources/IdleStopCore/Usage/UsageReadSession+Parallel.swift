import Dispatch
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading one large file on several cores: split at line ends, one session per part, merged in file order.
///
/// A split point is safe when it is not inside a quoted field. The parts after the first may hold no quote
/// character at all (their reads stop at the first one), so no quoted field can cross a split point: one that
/// opened before it would have to close after it. When that fails, or any part meets an error that is not a
/// malformed row, nothing is kept and the caller reads the file alone, so errors are exactly those of the
/// sequential read. Line numbers of bad rows are counted per part and shifted by the lines of the parts before.
extension UsageReadSession {
    /// Reads the regular file `descriptor` (of `size` bytes) in up to `parts` pieces on as many threads.
    ///
    /// Returns false, with the session unchanged, when the file is too small to split or cannot be split
    /// safely; the caller then reads it sequentially.
    mutating func consumeInParallel(
        descriptor: Int32,
        size: Int,
        name: String,
        parts wanted: Int,
        minimumPartBytes: Int,
        reader: UsageReader
    ) throws(UsageError) -> Bool {
        guard wanted > 1, size >= 2 * max(minimumPartBytes, 1) else { return false }
        var headerScanner = CSVScanner(
            source: FileRangeSource(descriptor: descriptor, name: name, range: 0..<size, stopsAtQuote: false),
            name: name,
            chunkSize: 64 << 10
        )
        guard let header = try? readHeader(&headerScanner, file: name) else { return false }
        let bodyStart = headerScanner.position
        let parts = min(wanted, (size - bodyStart) / max(minimumPartBytes, 1))
        guard parts > 1, let bounds = Self.splitPoints(descriptor: descriptor, from: bodyStart, to: size, parts: parts)
        else { return false }

        let results = PartResults(count: bounds.count - 1)
        DispatchQueue.concurrentPerform(iterations: bounds.count - 1) { index in
            var session = UsageReadSession(reader: reader)
            session.logsBadRows = false
            let source = FileRangeSource(
                descriptor: descriptor,
                name: name,
                range: bounds[index]..<bounds[index + 1],
                stopsAtQuote: index > 0
            )
            var scanner = CSVScanner(
                source: source,
                name: name,
                chunkSize: reader.chunkSize,
                skipsByteOrderMark: false
            )
            var failure: UsageError?
            do throws(UsageError) {
                try session.consumeRows(&scanner, header: header, file: name)
            } catch {
                failure = error
            }
            results.store(
                PartResult(
                    session: session,
                    lineCount: scanner.nextLine - 1,
                    failure: failure,
                    sawQuote: scanner.sourceState.sawQuote
                ),
                at: index
            )
        }
        let partResults = results.parts
        for part in partResults {
            let isOverflow = part.session.badRowCount > maxBadRows
            if part.sawQuote || (part.failure != nil && !isOverflow) { return false }
        }
        try merge(partResults, name: name, firstLine: headerScanner.nextLine)
        return true
    }

    /// Folds the parts, in file order, into this session; throws as the sequential read would when the bad rows
    /// of all files so far are more than `maxBadRows`.
    private mutating func merge(_ parts: [PartResult], name: String, firstLine: Int) throws(UsageError) {
        var lineBase = firstLine - 1
        var firstBad = badRows.first
        var total = badRowCount
        var shifted: [[UsageError]] = []
        for part in parts {
            let base = lineBase
            let shift = { (error: UsageError) -> UsageError in
                var error = error
                if let line = error.line { error.line = line + base }
                return error
            }
            if firstBad == nil, let first = part.session.badRows.first ?? part.failure { firstBad = shift(first) }
            total += part.session.badRowCount
            if total > maxBadRows, let firstBad {
                throw maxBadRows == 0 ? firstBad : Self.tooManyBadRows(first: firstBad, maxBadRows: maxBadRows)
            }
            shifted.append(part.session.badRows.map(shift))
            lineBase += part.lineCount
        }
        sources.append(name)
        let futureBefore = aggregator.futureRows
        let rowsBefore = rowsRead
        for (part, bad) in zip(parts, shifted) {
            rowsRead += part.session.rowsRead
            aggregator.merge(part.session.aggregator)
            tainted.formUnion(part.session.tainted)
            badRowCount += part.session.badRowCount
            for error in bad where logsBadRows {
                logger.warning("malformed usage row tolerated", metadata: ["problem": "\(error)"])
            }
            badRows += bad
        }
        logFileRead(name, rows: rowsRead - rowsBefore, futureRows: aggregator.futureRows - futureBefore)
    }

    /// `[from, s1, …, to]`: each inner point just after the first line feed at or after an even share of the
    /// body; nil when no inner point is found.
    static func splitPoints(descriptor: Int32, from start: Int, to end: Int, parts: Int) -> [Int]? {
        var bounds = [start]
        let block = 64 << 10
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: block, alignment: 16)
        defer { buffer.deallocate() }
        for part in 1..<parts {
            var offset = max(start + (end - start) / parts * part, bounds.last! + 1)
            var split: Int?
            // A line end within 16 MiB of the nominal point, or no split here.
            while split == nil, offset < min(end, bounds.last! + (end - start) / parts + (16 << 20)) {
                let count = pread(descriptor, buffer, min(block, end - offset), off_t(offset))
                guard count > 0 else { break }
                if let hit = memchr(buffer, 0x0A, count) {
                    split = offset + (buffer.distance(to: hit)) + 1
                } else {
                    offset += count
                }
            }
            if let split, split < end { bounds.append(split) }
        }
        guard bounds.count > 1 else { return nil }
        bounds.append(end)
        return bounds
    }
}

/// What one part's worker saw, with line numbers relative to the part.
struct PartResult: Sendable {
    var session: UsageReadSession
    /// Line breaks in the part, as the scanner counts them.
    var lineCount: Int
    /// The error that ended the part early: a malformed row over the limit, or anything else.
    var failure: UsageError?
    /// The part met a quote character and stopped: the split before it may lie inside a quoted field.
    var sawQuote: Bool
}

/// The workers' results, one slot per part, written from the worker threads.
private final class PartResults: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [PartResult?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func store(_ result: PartResult, at index: Int) {
        lock.lock()
        defer { lock.unlock() }
        slots[index] = result
    }

    var parts: [PartResult] {
        lock.lock()
        defer { lock.unlock() }
        return slots.map { $0! }
    }
}
