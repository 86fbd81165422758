import Foundation

/// Turns one graph's usage records into Cloud Eye datapoints: one per bucket that holds data, gaps left as gaps.
///
/// Buckets are `period.datapointSeconds` long (raw data: 60 s, as GES reports once a minute) and aligned to
/// multiples of it since the Unix epoch. A record counts in every bucket it overlaps; a record longer than
/// a bucket is spread over the buckets it covers in proportion to time, in whole requests (cumulative floor),
/// so the requests of the record still add up exactly. A bucket that overlaps a time the graph was silent
/// (not running on the simulator's clock) gives no datapoint, like the real service.
struct CloudEyeSeries {
    /// A datapoint: the bucket start in Unix milliseconds and the statistic asked for.
    struct Point: Sendable, Equatable {
        var timestamp: Int64
        var value: JSONValue
    }

    var period: CloudEyeLimits.Period
    var filter: CloudEyeFilter

    /// The datapoints of buckets starting in `[from, to)` (Unix ms), in time order.
    func points(
        of series: SimulatedUsage.Series?,
        from: Int64,
        to: Int64,
        silent: [SilentSpan]
    )
        -> [Point]
    {
        guard let series, !series.slots.isEmpty else { return [] }
        let width = period.datapointSeconds
        let first = Self.ceilDiv(from, width * 1000) * width
        let last = Self.floorDiv(to - 1, width * 1000) * width
        guard first <= last else { return [] }
        let rangeStart = first
        let rangeEnd = last + width

        var buckets: [Int64: [Int64]] = [:]
        let slots = series.slots
        var index = Self.firstIndex(in: slots) { $0.start > rangeStart - series.longest }
        while index < slots.count, slots[index].start < rangeEnd {
            let slot = slots[index]
            index += 1
            let lower = Swift.max(slot.start, rangeStart)
            let upper = Swift.min(slot.end, rangeEnd)
            guard lower < upper else { continue }
            var bucket = Self.floorDiv(lower, width) * width
            while bucket < upper {
                let pieceStart = Swift.max(bucket, slot.start)
                let pieceEnd = Swift.min(bucket + width, slot.end)
                let part = Self.share(slot, upTo: pieceEnd) - Self.share(slot, upTo: pieceStart)
                buckets[bucket, default: []].append(part)
                bucket += width
            }
        }
        return buckets.keys.sorted().compactMap { bucket in
            let start = Date(timeIntervalSince1970: TimeInterval(bucket))
            let end = Date(timeIntervalSince1970: TimeInterval(bucket + width))
            guard !silent.contains(where: { $0.overlaps(start: start, end: end) }) else { return nil }
            return Point(timestamp: bucket * 1000, value: filter.value(of: buckets[bucket] ?? []))
        }
    }

    /// The requests of `slot` before `time` (within the slot), rounded down: floor(requests × elapsed ÷ length).
    static func share(_ slot: SimulatedUsage.Slot, upTo time: Int64) -> Int64 {
        let elapsed = Swift.min(Swift.max(time - slot.start, 0), slot.seconds)
        if elapsed == slot.seconds { return slot.requests }
        let product = slot.requests.multipliedFullWidth(by: elapsed)
        return slot.seconds.dividingFullWidth(product).quotient
    }

    /// The first index whose element satisfies `isAfter`, which must be false then true along the array.
    static func firstIndex(
        in slots: [SimulatedUsage.Slot],
        where isAfter: (SimulatedUsage.Slot) -> Bool
    ) -> Int {
        var low = 0
        var high = slots.count
        while low < high {
            let middle = (low + high) / 2
            if isAfter(slots[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let quotient = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient
    }

    static func ceilDiv(_ a: Int64, _ b: Int64) -> Int64 {
        -floorDiv(-a, b)
    }
}
