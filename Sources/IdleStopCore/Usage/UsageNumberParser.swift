/// Parses the numeric fields of usage rows straight from their bytes, without a String per field.
enum UsageNumberParser {
    /// 1 to 18 ASCII digits (18 cannot overflow `Int64`).
    ///
    /// Inlined: it reads `period_seconds` and most `requests` cells of every row.
    @inline(__always) static func unsignedInteger(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
        var value: Int64 = 0
        for byte in bytes {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value &* 10 &+ Int64(byte &- 0x30)
        }
        return value
    }

    /// A request count: a non-negative decimal, `12`, `12.0`, `12.5` or `0.25`, correctly rounded to a Double.
    ///
    /// Cloud Eye's sums are numbers, not necessarily integers, and `--save-usage` writes them as they came, so a
    /// fraction is read back exactly rather than refused or truncated. The whole part is 1 to 18 digits; no sign,
    /// no exponent, no leading dot. Integers, and zero fractions, stay on the integer path.
    @inline(__always) static func count(_ bytes: UnsafeRawBufferPointer) -> Double? {
        if let whole = unsignedInteger(bytes) { return Double(whole) }
        return fractionalCount(bytes)
    }

    /// `count` for a cell that is not plain digits: a decimal with a fraction, or nothing valid.
    private static func fractionalCount(_ bytes: UnsafeRawBufferPointer) -> Double? {
        guard let dot = bytes.firstIndex(of: 0x2E) else { return nil }
        guard dot > 0, let whole = unsignedInteger(UnsafeRawBufferPointer(rebasing: bytes[..<dot])) else {
            return nil
        }
        var isWhole = true
        for byte in bytes[(dot + 1)...] {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            if byte != 0x30 { isWhole = false }
        }
        return isWhole ? Double(whole) : decimal(bytes)
    }

    /// A decimal number: optional sign, digits with an optional fraction, an optional exponent (`-1.5e3`).
    ///
    /// Exact (correctly rounded) when the digits fit 2^53 and the power of ten is at most 22, which covers
    /// metric values; longer spellings go through the standard library's parser.
    static func decimal(_ bytes: UnsafeRawBufferPointer) -> Double? {
        let count = bytes.count
        var index = 0
        var isNegative = false
        if index < count, bytes[index] == 0x2B || bytes[index] == 0x2D {
            isNegative = bytes[index] == 0x2D
            index += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var significantDigits = 0
        var exponent = 0
        var isExact = true
        while index < count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
            accumulate(bytes[index], &mantissa, &significantDigits, &isExact, &exponent, isFraction: false)
            digits += 1
            index += 1
        }
        if index < count, bytes[index] == 0x2E {
            index += 1
            while index < count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                accumulate(bytes[index], &mantissa, &significantDigits, &isExact, &exponent, isFraction: true)
                digits += 1
                index += 1
            }
        }
        guard digits > 0 else { return nil }
        if index < count, bytes[index] == 0x65 || bytes[index] == 0x45 {
            index += 1
            var exponentSign = 1
            if index < count, bytes[index] == 0x2B || bytes[index] == 0x2D {
                exponentSign = bytes[index] == 0x2D ? -1 : 1
                index += 1
            }
            var written = 0
            var exponentDigits = 0
            while index < count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                if written < 100_000 { written = written * 10 + Int(bytes[index] - 0x30) }
                exponentDigits += 1
                index += 1
            }
            guard exponentDigits > 0 else { return nil }
            exponent += exponentSign * written
        }
        guard index == count else { return nil }
        if isExact, mantissa <= 1 << 53, (-22...22).contains(exponent) {
            var value = Double(mantissa)
            if exponent >= 0 { value *= powersOfTen[exponent] } else { value /= powersOfTen[-exponent] }
            return isNegative ? -value : value
        }
        guard let value = Double(String(decoding: bytes, as: UTF8.self)), value.isFinite else { return nil }
        return value
    }

    private static func accumulate(
        _ byte: UInt8,
        _ mantissa: inout UInt64,
        _ significantDigits: inout Int,
        _ isExact: inout Bool,
        _ exponent: inout Int,
        isFraction: Bool
    ) {
        let digit = UInt64(byte - 0x30)
        if significantDigits == 0 && digit == 0 {
            if isFraction { exponent -= 1 }
            return
        }
        if significantDigits < 19 {
            mantissa = mantissa * 10 + digit
            significantDigits += 1
            if isFraction { exponent -= 1 }
        } else {
            isExact = false
            if !isFraction { exponent += 1 }
        }
    }

    private static let powersOfTen: [Double] = (0...22).map { power in
        var value = 1.0
        for _ in 0..<power { value *= 10 }
        return value
    }
}
