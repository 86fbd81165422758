/// Finds places in JSON text for error messages: the first syntax error, or where the value at a path starts.
///
/// Foundation's decoders on Linux say only "not valid JSON" and give no offset, so this small strict scanner
/// (RFC 8259) walks the bytes itself. It runs only after a decoder has failed, never on the success path, and it
/// keeps its nesting on the heap, so a million open brackets cannot overflow the stack. Lines and columns start
/// at 1; a column counts characters, and a leading byte order mark is not counted.
struct JSONLocator {
    /// One step of a path into a document: a key of an object or an index into an array.
    enum Component: Equatable, Sendable {
        case key(String)
        case index(Int)
    }

    /// Where something is, and for a syntax error what is wrong there.
    struct Place: Equatable, Sendable {
        var line: Int
        var column: Int
        /// Set for a syntax error: what the scanner found (`unexpected "}"`).
        var problem: String?
    }

    /// `graphs[0].id` for a path; `document` for the empty one.
    static func text(of path: [Component]) -> String {
        var result = ""
        for component in path {
            switch component {
            case .key(let key): result += result.isEmpty ? key : "." + key
            case .index(let index): result += "[\(index)]"
            }
        }
        return result.isEmpty ? "document" : result
    }

    /// The first syntax error of `bytes`, or nil when they are one well-formed JSON value.
    static func syntaxError(in bytes: [UInt8]) -> Place? {
        var locator = JSONLocator(bytes: bytes, target: nil)
        return locator.scan()
    }

    /// Where the value at `path` starts; nil when there is no such value or a syntax error comes first.
    static func place(of path: [Component], in bytes: [UInt8]) -> Place? {
        var locator = JSONLocator(bytes: bytes, target: path)
        guard let place = locator.scan(), place.problem == nil else { return nil }
        return place
    }

    /// An open object or array, and whether the path so far matches the target's.
    private struct Frame {
        var isObject: Bool
        var index = 0
        var isOnPath = false
    }

    private let bytes: [UInt8]
    private let target: [Component]?
    private var offset = 0
    private var line = 1
    private var lineStart = 0
    private var stack: [Frame] = []

    private init(bytes: [UInt8], target: [Component]?) {
        self.bytes = bytes
        self.target = target
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            offset = 3
            lineStart = 3
        }
    }

    /// The place of `offset`: its line and its column in characters.
    private func place(_ problem: String? = nil) -> Place {
        var column = 1
        var index = lineStart
        while index < offset {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return Place(line: line, column: column, problem: problem)
    }

    /// Scans the whole text; returns the target's place, the first syntax error, or nil.
    ///
    /// A loop over one value or one separator at a time, never a recursion.
    private mutating func scan() -> Place? {
        skipSpace()
        if target == [] { return offset < bytes.count ? place() : nil }
        var expectsValue = true
        while true {
            skipSpace()
            if expectsValue {
                if let target, stack.count == target.count, stack.last?.isOnPath ?? false { return place() }
                guard offset < bytes.count else { return place("unexpected end of file") }
                let byte = bytes[offset]
                guard byte == 0x7B || byte == 0x5B else {
                    if let error = scalar() { return error }
                    expectsValue = false
                    continue
                }
                offset += 1
                skipSpace()
                if offset < bytes.count, bytes[offset] == byte + 2 {
                    offset += 1
                    expectsValue = false
                    continue
                }
                stack.append(Frame(isObject: byte == 0x7B))
                if let error = beginMember() { return error }
                continue
            }
            guard var top = stack.popLast() else {
                return offset < bytes.count ? place(unexpected("the end of the document")) : nil
            }
            guard offset < bytes.count else { return place("unexpected end of file") }
            let close: UInt8 = top.isObject ? 0x7D : 0x5D
            if bytes[offset] == close {
                offset += 1
                continue
            }
            guard bytes[offset] == 0x2C else {
                return place(unexpected(top.isObject ? "\",\" or \"}\"" : "\",\" or \"]\""))
            }
            offset += 1
            top.index += 1
            stack.append(top)
            skipSpace()
            if let error = beginMember() { return error }
            expectsValue = true
        }
    }

    /// Reads a string, number, `true`, `false` or `null`.
    private mutating func scalar() -> Place? {
        var ignored: [UInt8] = []
        switch bytes[offset] {
        case 0x22: return string(&ignored, keepsText: false)
        case 0x2D, 0x30...0x39: return number()
        case 0x74: return literal("true")
        case 0x66: return literal("false")
        case 0x6E: return literal("null")
        default: return place(unexpected("a value"))
        }
    }

    /// Starts the member at the top frame's index: reads `"key":` in an object, and notes whether the member is on
    /// the target's path.
    private mutating func beginMember() -> Place? {
        var top = stack.removeLast()
        let parentIsOnPath = stack.last?.isOnPath ?? true
        if top.isObject {
            guard offset < bytes.count, bytes[offset] == 0x22 else { return place(unexpected("a key in quotes")) }
            var key: [UInt8] = []
            if let error = string(&key, keepsText: true) { return error }
            skipSpace()
            guard offset < bytes.count, bytes[offset] == 0x3A else { return place(unexpected("\":\"")) }
            offset += 1
            top.isOnPath = parentIsOnPath && component(stack.count) == .key(String(decoding: key, as: UTF8.self))
        } else {
            top.isOnPath = parentIsOnPath && component(stack.count) == .index(top.index)
        }
        stack.append(top)
        return nil
    }

    /// The target's component at `depth`, if the target is that deep.
    private func component(_ depth: Int) -> Component? {
        guard let target, depth < target.count else { return nil }
        return target[depth]
    }

    /// Reads a string; with `keepsText`, its UTF-8 goes to `text` with escapes resolved (to compare with a path).
    private mutating func string(_ text: inout [UInt8], keepsText: Bool) -> Place? {
        offset += 1
        var utf16: [UInt16] = []
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte != 0x5C || offset + 1 >= bytes.count || bytes[offset + 1] != 0x75, !utf16.isEmpty {
                text += Array(String(decoding: utf16, as: UTF16.self).utf8)
                utf16 = []
            }
            switch byte {
            case 0x22:
                offset += 1
                return nil
            case 0x5C:
                guard offset + 1 < bytes.count else { return place("unexpected end of file in a string") }
                let escape = bytes[offset + 1]
                if escape == 0x75 {
                    guard offset + 6 <= bytes.count,
                        bytes[offset + 2..<offset + 6].allSatisfy({ Character(Unicode.Scalar($0)).isHexDigit }),
                        let unit = UInt16(String(decoding: bytes[offset + 2..<offset + 6], as: UTF8.self), radix: 16)
                    else { return place("invalid \\u escape in a string") }
                    if keepsText { utf16.append(unit) }
                    offset += 6
                    continue
                }
                guard let resolved = Self.escapes[escape] else { return place("invalid escape in a string") }
                if keepsText { text.append(resolved) }
                offset += 2
            case 0x00..<0x20:
                return place(
                    byte == 0x0A ? "string not closed at the end of the line" : "control character in a string"
                )
            case 0x80...:
                let length = Self.utf8Length(bytes, at: offset)
                guard length > 0 else { return place("invalid UTF-8 in a string") }
                if keepsText { text += bytes[offset..<offset + length] }
                offset += length
            default:
                if keepsText { text.append(byte) }
                offset += 1
            }
        }
        return place("unexpected end of file in a string")
    }

    /// What the one-letter escapes stand for.
    private static let escapes: [UInt8: UInt8] = [
        0x22: 0x22, 0x5C: 0x5C, 0x2F: 0x2F, 0x62: 0x08, 0x66: 0x0C, 0x6E: 0x0A, 0x72: 0x0D, 0x74: 0x09,
    ]

    /// Reads a number: `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`.
    private mutating func number() -> Place? {
        if bytes[offset] == 0x2D { offset += 1 }
        guard digit() else { return place(unexpected("a digit")) }
        if bytes[offset] == 0x30 {
            offset += 1
        } else {
            while digit() { offset += 1 }
        }
        if offset < bytes.count, bytes[offset] == 0x2E {
            offset += 1
            guard digit() else { return place(unexpected("a digit")) }
            while digit() { offset += 1 }
        }
        if offset < bytes.count, bytes[offset] == 0x65 || bytes[offset] == 0x45 {
            offset += 1
            if offset < bytes.count, bytes[offset] == 0x2B || bytes[offset] == 0x2D { offset += 1 }
            guard digit() else { return place(unexpected("a digit")) }
            while digit() { offset += 1 }
        }
        return nil
    }

    private func digit() -> Bool { offset < bytes.count && (0x30...0x39).contains(bytes[offset]) }

    private mutating func literal(_ word: String) -> Place? {
        for expected in word.utf8 {
            guard offset < bytes.count, bytes[offset] == expected else { return place(unexpected(word)) }
            offset += 1
        }
        return nil
    }

    /// Skips spaces, tabs, carriage returns and line feeds, counting lines.
    private mutating func skipSpace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x09, 0x0D: offset += 1
            case 0x0A:
                offset += 1
                line += 1
                lineStart = offset
            default: return
            }
        }
    }

    /// `unexpected "x" (expected …)`, or `unexpected end of file (expected …)`.
    private func unexpected(_ expected: String) -> String {
        guard offset < bytes.count else { return "unexpected end of file (expected \(expected))" }
        let length = max(Self.utf8Length(bytes, at: offset), 1)
        let found = String(decoding: bytes[offset..<min(offset + length, bytes.count)], as: UTF8.self)
        return "unexpected \(UserText.quoted(found)) (expected \(expected))"
    }

    /// The length of the UTF-8 sequence at `index`, or 0 when it is not valid UTF-8.
    private static func utf8Length(_ bytes: [UInt8], at index: Int) -> Int {
        let lead = bytes[index]
        let (length, low, high): (Int, UInt8, UInt8) =
            switch lead {
            case 0x00..<0x80: (1, 0x80, 0xBF)
            case 0xC2...0xDF: (2, 0x80, 0xBF)
            case 0xE0: (3, 0xA0, 0xBF)
            case 0xED: (3, 0x80, 0x9F)
            case 0xE1...0xEF: (3, 0x80, 0xBF)
            case 0xF0: (4, 0x90, 0xBF)
            case 0xF4: (4, 0x80, 0x8F)
            case 0xF1...0xF3: (4, 0x80, 0xBF)
            default: (0, 0, 0)
            }
        guard length > 1 else { return length }
        guard index + length <= bytes.count, (low...high).contains(bytes[index + 1]) else { return 0 }
        for next in bytes[index + 2..<index + length] where next & 0xC0 != 0x80 { return 0 }
        return length
    }
}
