import Foundation
import IdleStopCore

/// libFuzzer entry point for the YAML loaders: `PolicySet.parse`, `PriceTable.parse`, `ConfigFile.parse`.
///
/// The input is the file's text (invalid UTF-8 replaced, as a file read would refuse it earlier). Every
/// loader must return or throw `ConfigFileErrors` whose errors name the file, carry a message, and are one printable line of bounded length.
@_cdecl("LLVMFuzzerTestOneInput")
public func policyLoaderFuzzTarget(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    let lines = lineCount(text)
    check(lines) { () throws(ConfigFileErrors) in _ = try PolicySet.parse(yaml: text, file: "fuzz.yml") }
    check(lines) { () throws(ConfigFileErrors) in _ = try PriceTable.parse(yaml: text, file: "fuzz.yml") }
    check(lines) { () throws(ConfigFileErrors) in
        _ = try ConfigFile.parse(yaml: text, file: "fuzz.yml", relativeTo: "/etc")
    }
    _ = FileValidator.kind(of: text)
    return 0
}

/// Lines as YAML counts them: LF, CR, CRLF, NEL, LS and PS break lines.
private func lineCount(_ text: String) -> Int {
    var count = 1
    var previous: Unicode.Scalar = " "
    for scalar in text.unicodeScalars {
        if !(scalar == "\n" && previous == "\r"), ["\n", "\r", "\u{85}", "\u{2028}", "\u{2029}"].contains(scalar) {
            count += 1
        }
        previous = scalar
    }
    return count
}

private func check(_ lines: Int, _ body: () throws(ConfigFileErrors) -> Void) {
    do throws(ConfigFileErrors) {
        try body()
    } catch {
        require(!error.errors.isEmpty, "ConfigFileErrors without errors | ")
        for problem in error.errors {
            let text = problem.description
            require(
                problem.file == "fuzz.yml" && text.hasPrefix("fuzz.yml"),
                "error does not name the file | \(text.debugDescription)"
            )
            require(!problem.message.isEmpty, "empty message | \(text.debugDescription)")
            require(problem.line >= 0 && problem.column >= 0, "negative position | \(text.debugDescription)")
            // libyaml places "unexpected end" errors of a file without a final line break one line past its end.
            require(
                problem.line <= lines + 1,
                "position past the end | line \(problem.line) of \(lines): \(text.debugDescription)"
            )
            require(
                !text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F },
                "control character in the description | \(text.prefix(300).debugDescription)"
            )
            require(
                text.count < 1000,
                "description too long | \(text.count) characters: \(text.prefix(300).debugDescription)"
            )
        }
    }
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
