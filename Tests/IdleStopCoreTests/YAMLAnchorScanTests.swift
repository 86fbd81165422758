import Testing

@testable import IdleStopCore

struct YAMLAnchorScanTests {
    static func found(_ yaml: String) -> [String] {
        YAMLAnchorScan.findings(in: yaml).map { "\($0.line):\($0.column) \($0.written)" }
    }

    @Test func findsAnchorsAndAliasesWhereLibyamlMarksThem() {
        let yaml = "a: &x [1, 2]\nb: [*x, &y 3, *y]\n? *x\n: 1\n? *y\n: 2\n"
        #expect(Self.found(yaml) == ["1:4 &x", "2:5 *x", "2:9 &y", "2:15 *y", "3:3 *x", "5:3 *y"])
    }

    @Test func findsThemInEveryDocumentOfAStream() {
        #expect(Self.found("a: &x 1\n---\nb: *x\n") == ["1:4 &x", "3:4 *x"])
    }

    @Test func textThatOnlyLooksLikeAnAnchorIsNone() {
        let yaml = "a: \"&r *s\"\nb: 'x *y'\nc: https://a.b/x&y*z # &c *d\nd: |\n  *e &f\ne: a *b\n"
        #expect(Self.found(yaml).isEmpty)
    }

    @Test func aPlainScalarThatStartsWithAPrivateUseCharacterIsNoAlias() {
        #expect(Self.found("a: \u{E000}b\nc: 1 * 2\n").isEmpty)
    }

    /// A broken file is never composed while it may hold an alias: every word starting with `&` or `*` counts.
    @Test func aFileThatDoesNotComposeCountsEveryWordStart() {
        #expect(Self.found("a: *x\na: [*y, \"*z\"\n") == ["1:4 *x", "2:5 *y"])
        #expect(Self.found("a: [1\nb: 2\n").isEmpty)
    }
}
