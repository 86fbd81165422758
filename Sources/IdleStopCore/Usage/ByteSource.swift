import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the CSV scanner gets its bytes from: a file descriptor, or memory in tests.
protocol ByteSource {
    /// Reads up to `buffer.count` bytes into `buffer`; 0 at the end.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(UsageError) -> Int
}

/// Bytes from an open file descriptor through POSIX `read(2)`; the caller owns (and closes) it.
struct FileDescriptorSource: ByteSource {
    let descriptor: Int32
    let name: String

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(UsageError) -> Int {
        while true {
            #if canImport(Glibc)
            let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            #else
            let count = Darwin.read(descriptor, buffer.baseAddress, buffer.count)
            #endif
            if count >= 0 { return count }
            let code = errno
            if code == EINTR { continue }
            throw UsageError(
                kind: .unreadable,
                file: name,
                message: "cannot be read: \(String(cString: strerror(code)))"
            )
        }
    }
}

/// Bytes already in memory.
struct DataSource: ByteSource {
    let data: Data
    var offset = 0

    init(data: Data) { self.data = data }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(UsageError) -> Int {
        let count = min(buffer.count, data.count - offset)
        guard count > 0 else { return 0 }
        let from = offset
        data.withUnsafeBytes { bytes in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[from..<(from + count)]))
        }
        offset += count
        return count
    }
}

/// The bytes `[offset, end)` of a file through `pread(2)`, for one part of a file read in parallel.
///
/// With `stopsAtQuote`, a read that meets a `"` ends the input early and sets `sawQuote`: a part after a
/// split point must hold no quote at all, or the split might lie inside a quoted field.
struct FileRangeSource: ByteSource {
    let descriptor: Int32
    let name: String
    private(set) var offset: Int
    let end: Int
    let stopsAtQuote: Bool
    private(set) var sawQuote = false

    init(descriptor: Int32, name: String, range: Range<Int>, stopsAtQuote: Bool) {
        self.descriptor = descriptor
        self.name = name
        offset = range.lowerBound
        end = range.upperBound
        self.stopsAtQuote = stopsAtQuote
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(UsageError) -> Int {
        let wanted = min(buffer.count, end - offset)
        guard wanted > 0, !sawQuote else { return 0 }
        while true {
            let count = pread(descriptor, buffer.baseAddress, wanted, off_t(offset))
            if count < 0 {
                let code = errno
                if code == EINTR { continue }
                throw UsageError(
                    kind: .unreadable,
                    file: name,
                    message: "cannot be read: \(String(cString: strerror(code)))"
                )
            }
            if count > 0, stopsAtQuote, memchr(buffer.baseAddress!, 0x22, count) != nil {
                sawQuote = true
                return 0
            }
            offset += count
            return count
        }
    }
}
