import Foundation
import Testing

@testable import IdleStopCore

struct NameFilterTests {
    @Test(arguments: [
        "(a+)+", "(a*)*", "(a|aa)+", "(?:a+b?)*", "(a+){2,}", "(.*a){2,5}", "((a+))+", "(a|b)*c", "(x(a?))+",
        "(?:(?:a)+)+", "(?<n>a+)*",
    ])
    func nestedQuantifiersAreRefused(_ pattern: String) throws {
        let refusal = try #require(NameFilter.refusal(of: pattern), "\(pattern) was accepted")
        #expect(refusal.hasPrefix("repeats a group that holds a quantifier or |"), "\(refusal)")
        #expect(refusal.hasSuffix("(\(NameFilter.patternRule))"))
        #expect(NameFilter(pattern: pattern) == nil)
    }

    @Test(arguments: ["(a)\\1", "(?<n>a)\\k<n>", "(a)(b)\\2"])
    func backReferencesAreRefused(_ pattern: String) throws {
        let refusal = try #require(NameFilter.refusal(of: pattern))
        #expect(refusal.hasPrefix("uses a back-reference"))
        #expect(NameFilter(pattern: pattern) == nil)
    }

    @Test func freeSpacingAndOverlongPatternsAreRefused() throws {
        #expect(NameFilter.refusal(of: "(?x) (a # ) \n +)+")?.hasPrefix("turns on free spacing") == true)
        let long = String(repeating: "a", count: NameFilter.maximumPatternLength + 1)
        #expect(NameFilter.refusal(of: long)?.hasPrefix("is longer than 512 characters") == true)
        #expect(NameFilter.refusal(of: String(long.dropFirst())) == nil)
    }

    @Test(arguments: [
        "dev-.*", "(dev|test)-[0-9]+", "prod(-[a-z]+)?", "(ab){3}", "[(+*)|]+", "\\Q(a+)+\\E", "a+b+c*", "(?i)dev.*",
        "\\p{L}+-\\d{1,4}", "(?:dev|test)-(?:[a-z]+)", "[a-z]{2,8}", "(?=d)dev.*", "(?#comment)x+", "\\(a+\\)+",
    ])
    func ordinaryPatternsAreAccepted(_ pattern: String) {
        #expect(NameFilter.refusal(of: pattern) == nil, "\(pattern)")
        #expect(NameFilter(pattern: pattern)?.writtenPattern == pattern)
    }

    @Test(arguments: [")|(", "x)|(?:.*", "nothing)|.*(?:", "(", "a)", "[a", "a\\"])
    func patternsThatDoNotCompileAloneAreRefused(_ pattern: String) {
        #expect(NameFilter.refusal(of: pattern) == "does not compile")
        #expect(NameFilter(pattern: pattern) == nil)
    }

    @Test(arguments: [
        ("dev", "dev", true), ("dev", "dev-1", false), ("dev", "a-dev", false), ("dev", "dev\n", false),
        ("dev.*", "dev\nprod", false), ("a|ab", "ab", true), ("a|ab", "a", true), ("a|ab", "abc", false),
        ("dev-.*", "dev-01", true), ("(?i)DEV", "dev", true),
        ("\\Qa.b\\E", "a.b", true), ("\\Qa.b\\E", "axb", false),
    ])
    func theWholeNameMustMatch(_ pattern: String, name: String, expected: Bool) throws {
        let filter = try #require(NameFilter(pattern: pattern), "\(pattern) refused")
        #expect(filter.matches(name) == expected, "\(pattern) vs \(name.debugDescription)")
    }

    @Test func anUnendedQuoteThatWouldSwallowTheAnchorsIsRefused() {
        #expect(NameFilter.refusal(of: "\\Qa)|(")?.hasPrefix("cannot be anchored to the whole name") == true)
        #expect(NameFilter(pattern: "\\Qa)|(") == nil)
    }

    @Test(arguments: [("^scratch-", "scratch-", "start", "scratch-.*"), ("prod$", "prod", "end", ".*prod")])
    func anAnchoredLiteralThatLooksLikeAPrefixOrSuffixIsWarnedAbout(
        _ pattern: String,
        literal: String,
        shape: String,
        suggestion: String
    ) throws {
        // It matches one literal name only: almost certainly not what was meant.
        let filter = try #require(NameFilter(pattern: pattern))
        #expect(filter.matches(literal))
        #expect(!filter.matches(literal + "x") && !filter.matches("x" + literal))
        #expect(
            NameFilter.anchoredLiteralWarning(for: pattern)
                == "name pattern \"\(pattern)\" matches only a graph named exactly \"\(literal)\" (patterns match the "
                + "whole name); for names that \(shape) with \"\(literal)\" write \"\(suggestion)\""
        )
    }

    @Test(arguments: [
        "^prod$", "scratch-.*", "^scratch-.*", "^scratch\\-", "prod", ".*prod$", "^", "$", "^(a|b)", "dev$|x",
    ])
    func patternsThatSayWhatTheyMeanAreNotWarnedAbout(_ pattern: String) {
        #expect(NameFilter.anchoredLiteralWarning(for: pattern) == nil, "\(pattern)")
    }

    @Test func anEmptyNameListMatchesNothingAndAListMatchesExactly() {
        #expect(!NameFilter(condition: .oneOf([])).matches("dev"))
        #expect(NameFilter(condition: .oneOf(["dev", "test"])).matches("test"))
        #expect(!NameFilter(condition: .oneOf(["dev"])).matches("Dev"))
    }
}
