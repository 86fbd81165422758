#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Remembers the last `period_start` text parsed and its value, so that rows of the same period (every graph's
/// row of one minute, in a time-ordered export) compare 20 bytes instead of parsing them again.
struct TimestampCache {
    /// The cached text's bytes (up to 32), zero-padded.
    private var text: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    /// The cached text's length; 0 when nothing is cached.
    private var length = 0
    private var value: Int64 = 0

    /// The Unix seconds of `bytes` (see `TimestampParser.parseDetailed`), from the cache when the text repeats.
    @inline(__always) mutating func parse(_ bytes: UnsafeRawBufferPointer) -> Result<Int64, TimestampParser.Failure> {
        let count = bytes.count
        if count == length, count > 0,
            withUnsafeBytes(of: &text, { GraphIDTable.equalBytes($0.baseAddress!, bytes.baseAddress!, count) })
        {
            return .success(value)
        }
        let result = TimestampParser.parseDetailed(bytes)
        if case .success(let seconds) = result, count <= 32 {
            text = (0, 0, 0, 0)
            withUnsafeMutableBytes(of: &text) { $0.baseAddress!.copyMemory(from: bytes.baseAddress!, byteCount: count) }
            length = count
            value = seconds
        }
        return result
    }
}
