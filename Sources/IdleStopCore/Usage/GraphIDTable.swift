#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Graph IDs keyed by their raw bytes, so a row's ID is found without building a String or hashing one.
///
/// Open addressing with linear probing over a word-at-a-time multiplicative hash; the keys live back to back in one byte array.
/// Only graphs the aggregator keeps are stored, so memory grows with them and never with unknown IDs.
struct GraphIDTable {
    private var keyBytes: [UInt8] = []
    /// Entry `i`'s key is `keyBytes[keyStarts[i]..<keyStarts[i + 1]]`.
    private var keyStarts: [Int] = [0]
    /// The aggregator slot of each entry.
    private var slots: [Int] = []
    /// Per bucket: the entry index + 1 in the low 32 bits (0: empty), the key's hash in the high 32 bits, so that
    /// a probe compares key bytes only when the hashes agree. The count is a power of two, at least four times the
    /// entries (short probes).
    private var buckets: [UInt64]

    init(minimumCapacity: Int = 64) {
        var size = 64
        while size < minimumCapacity * 4 { size *= 2 }
        buckets = Array(repeating: 0, count: size)
    }

    var count: Int { slots.count }

    /// The slot stored for `key`, or nil.
    ///
    /// Through unsafe buffers: it runs once per row, where bounds checks on three arrays cost more than the hash.
    @inline(__always) func slot(for key: UnsafeRawBufferPointer) -> Int? {
        let hash = Self.hash(key)
        let tag = UInt64(truncatingIfNeeded: UInt32(truncatingIfNeeded: hash >> 32)) << 32
        return buckets.withUnsafeBufferPointer { buckets in
            keyStarts.withUnsafeBufferPointer { starts in
                keyBytes.withUnsafeBufferPointer { stored in
                    let mask = buckets.count &- 1
                    var index = hash & mask
                    while true {
                        let bucket = buckets[index]
                        guard bucket != 0 else { return nil }
                        let entry = Int(truncatingIfNeeded: bucket & 0xFFFF_FFFF) &- 1
                        if bucket & 0xFFFF_FFFF_0000_0000 == tag {
                            let start = starts[entry]
                            let length = starts[entry &+ 1] &- start
                            if length == key.count,
                                length == 0
                                    || Self.equalBytes(
                                        UnsafeRawPointer(stored.baseAddress! + start),
                                        key.baseAddress!,
                                        length
                                    )
                            {
                                return slots[entry]
                            }
                        }
                        index = (index &+ 1) & mask
                    }
                }
            }
        }
    }

    /// Stores `slot` for `key`, which must not be stored yet.
    mutating func insert(_ key: UnsafeRawBufferPointer, slot: Int) {
        if (slots.count + 1) * 4 > buckets.count { grow() }
        keyBytes.append(contentsOf: key)
        keyStarts.append(keyBytes.count)
        slots.append(slot)
        place(entry: slots.count - 1, hash: Self.hash(key))
    }

    private mutating func place(entry: Int, hash: Int) {
        let mask = buckets.count - 1
        var index = hash & mask
        while buckets[index] != 0 { index = (index + 1) & mask }
        buckets[index] = UInt64(UInt32(truncatingIfNeeded: hash >> 32)) << 32 | UInt64(entry + 1)
    }

    private mutating func grow() {
        buckets = Array(repeating: 0, count: buckets.count * 2)
        for entry in slots.indices {
            let hash = keyBytes.withUnsafeBytes { bytes in
                Self.hash(UnsafeRawBufferPointer(rebasing: bytes[keyStarts[entry]..<keyStarts[entry + 1]]))
            }
            place(entry: entry, hash: hash)
        }
    }

    /// Whether `count` (at least 1) bytes at `a` and `b` are equal: eight at a time, the tail as the last eight bytes.
    ///
    /// Inline instead of `memcmp`: graph IDs are a few words long, shorter than the call and its dispatch.
    @inline(__always) static func equalBytes(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Bool {
        guard count >= 8 else { return memcmp(a, b, count) == 0 }
        var index = 0
        while index &+ 8 < count {
            if a.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                != b.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            {
                return false
            }
            index &+= 8
        }
        return a.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
            == b.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
    }

    /// A multiplicative hash over eight bytes at a time (a tail as the last eight bytes), folded to `Int`.
    ///
    /// Graph IDs are 36-byte UUIDs in practice: five word steps instead of 36 byte steps of FNV-1a.
    @inline(__always) static func hash(_ key: UnsafeRawBufferPointer) -> Int {
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        var hash = UInt64(truncatingIfNeeded: key.count) &* multiplier
        var index = 0
        let count = key.count
        if count > 0 {
            let base = key.baseAddress!
            while index &+ 8 <= count {
                let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                hash = (hash ^ word) &* multiplier
                hash ^= hash >> 29
                index &+= 8
            }
            if index < count, count >= 8 {
                // The tail as the last eight bytes, overlapping the word before.
                hash = (hash ^ base.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)) &* multiplier
            } else {
                while index < count {
                    hash = (hash ^ UInt64(base.load(fromByteOffset: index, as: UInt8.self))) &* 0x100_0000_01b3
                    index &+= 1
                }
            }
        }
        hash = (hash ^ (hash >> 32)) &* multiplier
        return Int(truncatingIfNeeded: hash ^ (hash >> 29))
    }
}
