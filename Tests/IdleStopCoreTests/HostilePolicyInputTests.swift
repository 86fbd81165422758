import Foundation
import IdleStopTestSupport
import PropertyBased
import Testing

@testable import IdleStopCore

/// The three YAML loaders a hostile file can reach.
enum HostileYAMLLoader: String, CaseIterable, Sendable {
    case policy, pricing, config
}

/// The problems `loader` finds in `text` (named `hostile.yml`); empty when it loads. A loaded policy set is
/// also evaluated once, so that whatever parses can be used.
private func problems(_ text: String, _ loader: HostileYAMLLoader) -> [ConfigFileError] {
    do throws(ConfigFileErrors) {
        switch loader {
        case .policy:
            let set = try PolicySet.parse(yaml: text, file: "hostile.yml")
            let graph = Graph(
                id: "g1",
                name: "dev-one",
                status: .running,
                sizeIndex: "1",
                created: Instant(unixSeconds: 0)
            )
            for policy in set.policies {
                _ = policy.evaluate(
                    graph: graph,
                    usage: GraphUsage(graphID: "g1"),
                    now: Instant(unixSeconds: 1_795_744_800)
                )
            }
        case .pricing: _ = try PriceTable.parse(yaml: text, file: "hostile.yml")
        case .config: _ = try ConfigFile.parse(yaml: text, file: "hostile.yml", relativeTo: "/etc/ges")
        }
        return []
    } catch {
        #expect(!error.errors.isEmpty, "ConfigFileErrors without errors")
        return error.errors
    }
}

/// The problems `loader` finds in the file at `path`; empty when it loads.
private func loadErrors(_ path: String, _ loader: HostileYAMLLoader) -> [ConfigFileError] {
    do throws(ConfigFileErrors) {
        switch loader {
        case .policy: _ = try PolicySet.load(path: path)
        case .pricing: _ = try PriceTable.load(path: path)
        case .config: _ = try ConfigFile.load(path: path)
        }
        return []
    } catch {
        return error.errors
    }
}

/// Line breaks as YAML counts them (LF, CR, CRLF, NEL, LS, PS), plus one.
private func lineCount(_ text: String) -> Int {
    var count = 1
    var previous: Unicode.Scalar = " "
    for scalar in text.unicodeScalars {
        if scalar == "\n" && previous == "\r" {
        } else if ["\n", "\r", "\u{85}", "\u{2028}", "\u{2029}"].contains(scalar) {
            count += 1
        }
        previous = scalar
    }
    return count
}

/// Checks what every YAML error promises: one printable line of bounded length naming the file, a message,
/// a position inside the text (or 0:0 for the whole file), in file order.
private func expectWellFormed(
    _ errors: [ConfigFileError],
    in text: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    // libyaml places "unexpected end" errors of a file without a final line break one line past its end.
    let lines = lineCount(text) + 1
    for error in errors {
        let description = error.description
        #expect(error.file == "hostile.yml", sourceLocation: sourceLocation)
        ReadableError.expect(description, startsWith: "hostile.yml", shorterThan: 1000, sourceLocation: sourceLocation)
        #expect(!error.message.isEmpty, sourceLocation: sourceLocation)
        #expect(
            error.line >= 0 && error.column >= 0 && error.line <= lines,
            "\(description) in \(text.prefix(2000).debugDescription)",
            sourceLocation: sourceLocation
        )
        if let text = error.text { #expect(text.count <= 41 * 10, sourceLocation: sourceLocation) }
    }
    let positions = errors.map { [$0.line, $0.column] }
    #expect(positions == positions.sorted { $0.lexicographicallyPrecedes($1) }, sourceLocation: sourceLocation)
}

private func expectEveryLoaderCopes(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
    for loader in HostileYAMLLoader.allCases {
        expectWellFormed(problems(text, loader), in: text, sourceLocation: sourceLocation)
    }
    _ = FileValidator.kind(of: text)
}

/// Characters and fragments YAML parsers trip on.
private let trickyScalars: [Unicode.Scalar] =
    Array(
        "{}[]:,-?&*!|>'\"%@`#~ \t\n\r\\0123456789.abcdefghijklmnopqrstuvwxyz_".unicodeScalars
    ) + [
        "\u{0}", "\u{1B}", "\u{7F}", "\u{85}", "\u{FEFF}", "\u{2028}", "é", "\u{FFFD}",
    ]
private let trickyTokens: [String] = [
    "&a ", "*a", "&b [*a, *a]", "!!binary ", "!!str ", "!!int ", "!custom ", "!<tag:x> ", "{", "}", "[", "]", ": ",
    "- ", "? ", "\t", "---\n", "...\n", "%YAML 1.1\n", "%TAG ! tag:x,2000:\n", "<<: *a\n", ".nan", ".inf", "-.inf",
    "-0", "1e999", "0x1F", "0o17", "99999999999999999999", "~", "null", "\"\\u0000\"", "'", "\"", "|\n", ">-\n", "#",
    "\n", "\r", "\r\n", "\u{FEFF}", "\u{85}", "\u{2028}", "\u{0}", "\u{1B}[31m", "граф", "all: ", "not: ",
    "any: [", "idle: {window: ", "version: 1\n", "policies:\n", "prices:\n", "  ",
]

private let randomYAML = Generator<String, Shrink.None<String>>(run: { rng in
    var text = String.UnicodeScalarView()
    for _ in 0..<Int.random(in: 0...300, using: &rng) {
        if Int.random(in: 0..<4, using: &rng) == 0 {
            text.append(contentsOf: trickyTokens.randomElement(using: &rng)!.unicodeScalars)
        } else {
            text.append(trickyScalars.randomElement(using: &rng)!)
        }
    }
    return String(text)
})

/// Valid fixtures with one to eight random edits: a character replaced, a fragment inserted, a range cut or doubled.
private func mutations(of seeds: [String]) -> Generator<String, Shrink.None<String>> {
    Generator(run: { rng in
        var scalars = Array(seeds.randomElement(using: &rng)!.unicodeScalars)
        HostileEdits.apply(
            to: &scalars,
            replacements: trickyScalars,
            fragments: trickyTokens.map { Array($0.unicodeScalars) },
            using: &rng
        )
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    })
}

private func fixtureTexts() throws -> [String] {
    try [
        ("policies", "every-filter"), ("policies", "merge-a"), ("decisions", "policies"), ("pricing", "examples"),
        ("config", "full"),
    ].map { folder, name in
        try Fixtures(.module).text("\(folder)/\(name).yml")
    }
}

/// A policy file with one policy whose only filter is `filter` (flow YAML).
private func policy(match filter: String) -> String {
    "version: 1\npolicies:\n  - name: p\n    match:\n      - \(filter)\n    action: stop\n"
}

/// `{not: ` … `}` around a name filter, `depth` deep.
private func nestedNot(_ depth: Int) -> String {
    String(repeating: "{not: ", count: depth) + "{name: {in: [x]}}" + String(repeating: "}", count: depth)
}

/// `{all: [` … `]}` (or `any`) around a name filter, `depth` deep.
private func nestedList(_ key: String, _ depth: Int) -> String {
    String(repeating: "{\(key): [", count: depth) + "{name: {in: [x]}}" + String(repeating: "]}", count: depth)
}

/// The same nesting in block style: each level one line, indented two more spaces.
private func blockNot(_ depth: Int) -> String {
    var text = "version: 1\npolicies:\n  - name: p\n    match:\n      - not:\n"
    for level in 1..<depth { text += String(repeating: " ", count: 6 + 2 * level) + "not:\n" }
    return text + String(repeating: " ", count: 6 + 2 * depth) + "name: { in: [x] }\n    action: stop\n"
}

/// "Billion laughs" in a policy file: each policy's match list holds ten `all` of the previous list.
/// With ten levels the match lists name 10¹⁰ filters in about a kilobyte.
private func policyBomb(levels: Int) -> String {
    var text = "version: 1\npolicies:\n"
    text +=
        "  - name: p0\n    match: &l0 [" + Array(repeating: "{name: {in: [x]}}", count: 10).joined(separator: ", ")
        + "]\n"
    text += "    action: report\n"
    for level in 1...levels {
        text +=
            "  - name: p\(level)\n    match: &l\(level) ["
            + Array(repeating: "{all: *l\(level - 1)}", count: 10).joined(separator: ", ") + "]\n    action: report\n"
    }
    return text
}

/// "Billion laughs" under an unknown key of a config file: 10^levels scalars in about a kilobyte.
private func configBomb(levels: Int) -> String {
    var text = "version: 1\nl0: &l0 [" + Array(repeating: "x", count: 10).joined(separator: ", ") + "]\n"
    for level in 1...levels {
        text +=
            "l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
    }
    return text
}

struct HostilePolicyInputTests {
    // MARK: Properties

    @Test func randomTextLoadsOrFailsWithPlacedOneLineErrors() async {
        await propertyCheck(count: 300, input: randomYAML) { text in
            expectEveryLoaderCopes(text)
        }
    }

    @Test func mutatedFixturesLoadOrFailWithPlacedOneLineErrors() async throws {
        let generator = mutations(of: try fixtureTexts())
        await propertyCheck(count: 400, input: generator) { text in
            expectEveryLoaderCopes(text)
        }
    }

    // MARK: Whole-file shapes

    @Test(arguments: [
        "", " ", "\n\n", "# only a comment\n", "---\n", "---\n...\n", "~", "null", "[]", "42", "\"text\"", "\u{FEFF}",
        "\u{0}", "version: 1\u{0}\n", "--- 1\n--- 2\n", "version: 1\nversion: 1\n", "? [a, b]\n: c\n",
        "version: !!binary aGk=\n", "*undefined\n",
    ])
    func notADocumentIsAnErrorForEveryLoader(_ text: String) {
        for loader in HostileYAMLLoader.allCases {
            let errors = problems(text, loader)
            #expect(!errors.isEmpty, "\(loader) accepted \(text.debugDescription)")
            expectWellFormed(errors, in: text)
        }
    }

    @Test(arguments: ["\r\n", "\r", "\u{85}"])
    func otherLineEndsKeepValidFilesValid(_ lineEnd: String) throws {
        for (index, text) in try fixtureTexts().enumerated() {
            let changed = text.replacingOccurrences(of: "\n", with: lineEnd)
            let loader: HostileYAMLLoader = index < 3 ? .policy : index == 3 ? .pricing : .config
            let errors = problems(changed, loader)
            #expect(errors.isEmpty, "\(loader) fixture \(index) with \(lineEnd.debugDescription): \(errors)")
        }
    }

    /// Editors on Windows save UTF-8 with a byte order mark; the YAML stays the same.
    @Test func aByteOrderMarkKeepsValidFilesValid() throws {
        for (index, text) in try fixtureTexts().enumerated() {
            let loader: HostileYAMLLoader = index < 3 ? .policy : index == 3 ? .pricing : .config
            let errors = problems("\u{FEFF}" + text, loader)
            #expect(errors.isEmpty, "\(loader) fixture \(index) with a BOM: \(errors)")
        }
    }

    /// Read from a file, a byte order mark is dropped without moving positions: columns count from after it.
    @Test func aByteOrderMarkInAFileKeepsPositionsAndKind() throws {
        let folder = try TemporaryFolder.make("bom-yaml")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("policies.yml").path
        let text = "version: 2\npolicies: []\nlimits: {max_stops_per_run: -1}\n"
        #expect(FileManager.default.createFile(atPath: path, contents: Data([0xEF, 0xBB, 0xBF] + Array(text.utf8))))
        let errors = loadErrors(path, .policy)
        #expect(errors.map { [$0.line, $0.column] } == [[1, 10], [3, 29]], "\(errors)")
        #expect(FileValidator.validate(paths: [path]).map { [$0.line, $0.column] } == [[1, 10], [3, 29]])
        #expect(FileValidator.kind(of: "\u{FEFF}" + text) == .policy)
    }

    @Test func invalidUTF8AndNULInFilesAreErrors() throws {
        let folder = try TemporaryFolder.make("hostile-yaml")
        defer { try? FileManager.default.removeItem(at: folder) }
        let broken = folder.appendingPathComponent("broken.yml").path
        #expect(
            FileManager.default.createFile(
                atPath: broken,
                contents: Data(Array("version: 1\nname: ".utf8) + [0xFF, 0x0A])
            )
        )
        let nul = folder.appendingPathComponent("nul.yml").path
        #expect(FileManager.default.createFile(atPath: nul, contents: Data("version: 1\u{0}\npolicies: []\n".utf8)))
        for path in [broken, nul] {
            for loader in HostileYAMLLoader.allCases {
                let errors = loadErrors(path, loader)
                #expect(!errors.isEmpty && errors.allSatisfy { $0.file == path && !$0.description.contains("\n") })
            }
            let validated = FileValidator.validate(paths: [path])
            #expect(!validated.isEmpty && validated.allSatisfy { $0.file == path })
        }
        #expect(FileValidator.validate(paths: [broken]).map(\.message) == ["is not UTF-8 text"])
    }

    // MARK: Nesting

    @Test(arguments: [10, 450, 900])
    func deepButAllowedNestingParsesAndEvaluates(_ depth: Int) throws {
        for filter in [nestedNot(depth), nestedList("all", depth / 2), nestedList("any", depth / 2)] {
            let text = policy(match: filter)
            #expect(problems(text, .policy).isEmpty, "depth \(depth)")
            let set = try PolicySet.parse(yaml: text, file: "hostile.yml")
            let graph = Graph(id: "g1", name: "x", status: .running, sizeIndex: "1")
            let evaluation = try #require(set.policies.first).evaluate(
                graph: graph,
                usage: GraphUsage(graphID: "g1"),
                now: Instant(unixSeconds: 0)
            )
            #expect(evaluation.matched, "an even number of nots around a holding filter holds")
        }
        expectWellFormed(problems(blockNot(depth), .policy), in: blockNot(depth))
    }

    @Test(arguments: [1_000, 10_000, 100_000])
    func nestingTenThousandDeepIsAPlacedError(_ depth: Int) throws {
        for filter in [nestedNot(depth), nestedList("all", depth), nestedList("any", depth)] {
            let text = policy(match: filter)
            let errors = problems(text, .policy)
            #expect(errors.count == 1 && errors.first?.line == 5, "\(errors.prefix(3))")
            #expect(errors.first?.message.contains("nesting") == true)
            expectWellFormed(errors, in: text)
            // The config loader walks every node looking for secrets: it must not recurse that deep either.
            let config = "version: 1\nextra: " + filter + "\n"
            expectWellFormed(problems(config, .config), in: config)
        }
        let block = blockNot(min(depth, 2_000))
        let errors = problems(block, .policy)
        #expect(!errors.isEmpty)
        expectWellFormed(errors, in: block)
    }

    // MARK: Anchors and aliases

    @Test func aSmallAliasTreeIsRefusedAtEachAnchorAndAlias() throws {
        let text = policyBomb(levels: 2)
        let errors = problems(text, .policy)
        // Each policy line holds one anchor; the two later ones hold ten aliases each.
        #expect(errors.count == 3 + 20, "\(errors)")
        #expect(errors.allSatisfy { $0.message.hasPrefix(YAMLReader.anchorsRefused) })
        #expect(
            errors.first?.description
                == "hostile.yml:4:12: \(YAMLReader.anchorsRefused) (found \"&l0\"; write the value out in full)"
        )
        #expect(errors.first?.text == "&l0")
        #expect(errors.dropFirst().first.map { [$0.line, $0.column] } == [7, 12])
        #expect(errors.dropFirst(2).first?.message.contains("\"*l0\"") == true)
        expectWellFormed(errors, in: text)
    }

    @Test func anAnchorWithoutAliasIsRefusedInEveryKindOfFile() {
        for (loader, text, position) in [
            (HostileYAMLLoader.policy, "version: 1\nprotect:\n  graphs: &g [a, b]\npolicies: []\n", [3, 11]),
            (.pricing, "version: 1\ncurrency: USD\nprices:\n  - &p {size: million, hourly: 1}\n", [4, 5]),
            (.config, "version: 1\nregion: &r cn-north-4\n", [2, 9]),
        ] {
            let errors = problems(text, loader)
            #expect(errors.count == 1 && errors.first.map { [$0.line, $0.column] } == position, "\(loader): \(errors)")
            #expect(errors.first?.message.hasPrefix(YAMLReader.anchorsRefused) == true)
            expectWellFormed(errors, in: text)
        }
        // An anchor-like text inside quotes, a comment or a plain scalar is no anchor.
        let quoted = "version: 1\nregion: \"&r\" # &c *d\nendpoint: https://a.b/x&y*z\n"
        #expect(problems(quoted, .config).isEmpty)
    }

    @Test func aliasBombsWhereNothingIsWalkedFailFast() throws {
        // A list of lists where pricing entries and protected graph names belong.
        var anchors = "x0: &l0 [" + Array(repeating: "x", count: 10).joined(separator: ", ") + "]\n"
        for level in 1...12 {
            anchors +=
                "x\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ")
                + "]\n"
        }
        let pricing = "version: 1\ncurrency: USD\n" + anchors + "prices: *l12\n"
        let pricingErrors = problems(pricing, .pricing)
        #expect(pricingErrors.count == 13 + 12 * 10 + 1)
        #expect(pricingErrors.allSatisfy { $0.message.hasPrefix(YAMLReader.anchorsRefused) })
        expectWellFormed(pricingErrors, in: pricing)
        // An alias as a mapping key: Yams' duplicate-key check hashes the whole aliased tree.
        let key = "version: 1\n" + anchors + "? *l12\n: x\n? *l12\n: y\n"
        for loader in HostileYAMLLoader.allCases {
            #expect(problems(key, loader).allSatisfy { $0.message.hasPrefix(YAMLReader.anchorsRefused) })
        }
        #expect(FileValidator.kind(of: key) == .config)
    }

    @Test func aPolicyAliasBombIsRefused() {
        let text = policyBomb(levels: 10)
        let errors = problems(text, .policy)
        #expect(!errors.isEmpty && errors.allSatisfy { $0.message.hasPrefix(YAMLReader.anchorsRefused) })
        #expect(errors.first.map { [$0.line, $0.column] } == [4, 12])
        expectWellFormed(errors, in: text)
    }

    @Test(arguments: HostileYAMLLoader.allCases)
    func aConfigAliasBombIsRefused(_ loader: HostileYAMLLoader) throws {
        let text = configBomb(levels: 10)
        let errors = problems(text, loader)
        #expect(errors.count == 11 + 10 * 10 && errors.allSatisfy { $0.message.hasPrefix(YAMLReader.anchorsRefused) })
        expectWellFormed(errors, in: text)
        let folder = try TemporaryFolder.make("bomb-yaml")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("bomb.yml").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
        #expect(loadErrors(path, loader).count == errors.count)
        #expect(FileValidator.validate(paths: [path]).count == errors.count)
    }

    // MARK: Numbers

    @Test(
        arguments: [
            // (loader, YAML, accepted?) — nil: either, as long as the errors are well formed.
            (HostileYAMLLoader.policy, "limits: {max_stops_per_run: 99999999999999999999}", Bool?.some(false)),
            (.policy, "limits: {max_stops_per_run: -0}", true), (.policy, "limits: {max_stops_per_run: -1}", false),
            (.policy, "limits: {max_stops_per_run: 1e3}", false), (.policy, "limits: {max_stops_per_run: .inf}", false),
            (.policy, "limits: {max_stops_per_run: 0x10}", false),
            (.policy, "limits: {max_stops_per_run: 1_000}", false),
            (.policy, "limits: {max_stops_per_run: +5}", false), (.policy, "limits: {max_stops_per_run: ٣}", false),
            (.policy, "limits: {max_stops_per_run: 9223372036854775807}", true),
            (.policy, "limits: {max_stops_per_run: 9223372036854775808}", false),
            (.policy, "limits: {max_stop_share: .nan}", false), (.policy, "limits: {max_stop_share: NaN}", false),
            (.policy, "limits: {max_stop_share: .inf}", false), (.policy, "limits: {max_stop_share: -.inf}", false),
            (.policy, "limits: {max_stop_share: -0}", true), (.policy, "limits: {max_stop_share: -0.0}", true),
            (.policy, "limits: {max_stop_share: 1e-1}", false), (.policy, "limits: {max_stop_share: .5}", false),
            (.policy, "limits: {max_stop_share: 1.0000000000000000000000000000000000000001}", nil),
            (.policy, "limits: {max_stop_share: 0.\(String(repeating: "0", count: 400))1}", nil),
            (.policy, "limits: {max_stop_share: 1\(String(repeating: "0", count: 400))}", false),
            (.policy, "version: 1.0", false), (.policy, "version: 0x1", false),
            (.policy, "version: 99999999999999999999", false),
            (.policy, "version: -0", false),
            (.pricing, "hourly: 1\(String(repeating: "0", count: 400))", nil), (.pricing, "hourly: 1e3", false),
            (.pricing, "hourly: -0", false), (.pricing, "hourly: 0.0", false), (.pricing, "hourly: .nan", false),
            (.pricing, "hourly: .inf", false), (.pricing, "hourly: \"NaN\"", false),
            (.pricing, "hourly: \" 1.25 \"", true),
            (.pricing, "hourly: 0.\(String(repeating: "0", count: 40))1", nil),
            (.config, "concurrency: 0", false), (.config, "concurrency: 65", false),
            (.config, "concurrency: 1e999", false),
            (.config, "max_bad_rows: -0", true), (.config, "max_bad_rows: 99999999999999999999", false),
            (.config, "horizon: 169h", false), (.config, "horizon: 99999999999999999999w", false),
            (.config, "horizon: 9223372036854775807s", false), (.config, "horizon: 0h", false),
            (.config, "horizon: -1h", false),
            (.config, "horizon: 1.5h", false), (.config, "horizon: ٣h", false),
            (.config, "timeouts: {connect_seconds: 1e9}", false),
        ] as [(HostileYAMLLoader, String, Bool?)]
    )
    func extremeNumbersAreJudged(_ loader: HostileYAMLLoader, yaml: String, accepted: Bool?) {
        let text: String
        switch loader {
        case .policy:
            text = yaml.hasPrefix("version") ? yaml + "\npolicies: []\n" : "version: 1\n" + yaml + "\npolicies: []\n"
        case .pricing:
            text = "version: 1\ncurrency: USD\nprices:\n  - { size: million, " + yaml + " }\n"
        case .config:
            text = "version: 1\n" + yaml + "\n"
        }
        let errors = problems(text, loader)
        if let accepted { #expect(errors.isEmpty == accepted, "\(yaml.prefix(80)): \(errors)") }
        expectWellFormed(errors, in: text)
        if yaml.contains("window") || yaml.contains("horizon") { #expect(errors.allSatisfy { $0.line == 2 }) }
    }

    @Test(arguments: [
        "99999999999999999999h", "9223372036854775807s", "153722867280912931m", "0h", "-1h", "1.5h", "1H", "٣h", "1 h",
        "h", "1", "1e3h", ".infh", "1hh",
    ])
    func absurdWindowsAreErrorsAtTheirPosition(_ window: String) {
        let text = policy(match: "idle: { window: \"\(window)\" }")
        let errors = problems(text, .policy)
        #expect(errors.count == 1 && errors.first?.line == 5, "\(window): \(errors)")
        expectWellFormed(errors, in: text)
    }

    // MARK: Size

    /// One megabyte, not ten: libyaml and ICU take seconds per 10 MB scalar, and the point is the same.
    @Test func megabyteScalarsAreAcceptedOrQuotedShort() throws {
        let huge = String(repeating: "a", count: 1 << 20)
        let name = try PolicySet.parse(
            yaml: policy(match: "name: {in: [x]}").replacingOccurrences(of: "name: p", with: "name: \(huge)"),
            file: "hostile.yml"
        )
        #expect(name.policies.first?.name.count == 1 << 20)
        for text in [
            "version: 1\n\(huge): 1\n", "version: 1\nlimits: {max_stop_share: \(huge)}\n",
            policy(match: "idle: {window: \(huge)}"), policy(match: "name: {matches: \"(\(huge)\"}"),
            policy(match: "schedule: {timezone: \(huge), days: [mon]}"),
            policy(match: "tag: {key: \(huge), in: [\(huge)]}"),
        ] {
            let errors = problems(text, .policy)
            expectWellFormed(errors, in: text)
        }
    }

    @Test func oneHundredThousandKeysItemsAndPolicies() {
        let keys = "version: 1\n" + (0..<100_000).map { "k\($0): 1\n" }.joined()
        let keyErrors = problems(keys, .policy)
        #expect(keyErrors.count == 100_000)
        expectWellFormed(keyErrors, in: keys)
        let graphs =
            "version: 1\nprotect:\n  graphs: [" + (0..<100_000).map { "g\($0)" }.joined(separator: ", ") + "]\n"
        #expect(problems(graphs, .policy).isEmpty)
        let policies =
            "version: 1\npolicies:\n"
            + (0..<20_000).map {
                "  - { name: p\($0), match: [ {idle: {window: 24h}} ], action: stop }\n"
            }.joined()
        #expect(problems(policies, .policy).isEmpty)
    }

    // MARK: Text that goes into messages

    @Test(arguments: ["a\nb", "a\u{1B}[2Jb", "a\u{0}b", "a\u{7F}b", String(repeating: "k", count: 5000)])
    func hostileKeysAndValuesStayOutOfMessagesRaw(_ text: String) {
        let quoted =
            "\""
            + text.replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\u{1B}", with: "\\e")
            .replacingOccurrences(of: "\u{0}", with: "\\0").replacingOccurrences(of: "\u{7F}", with: "\\x7F") + "\""
        for (loader, yaml) in [
            (HostileYAMLLoader.policy, "version: 1\n\(quoted): 1\n"), (.policy, policy(match: "\(quoted): {}")),
            (.policy, policy(match: "size: {in: [\(quoted)]}")),
            (.policy, policy(match: "schedule: {timezone: \(quoted), days: [\(quoted)]}")),
            (.policy, "version: 1\npolicies: [{name: \(quoted)}, {name: \(quoted)}]\n"),
            (.pricing, "version: 1\ncurrency: \(quoted)\nprices:\n  - {size: \(quoted), hourly: \(quoted)}\n"),
            (.config, "version: 1\nendpoint: \(quoted)\nproject_id: \(quoted)\nhorizon: \(quoted)\n"),
            (.config, "version: 1\n\(quoted)_password: x\nauth: {\(quoted): 1}\n"),
        ] {
            let errors = problems(yaml, loader)
            #expect(!errors.isEmpty, "\(loader) accepted \(yaml.prefix(100).debugDescription)")
            expectWellFormed(errors, in: yaml)
        }
    }

    @Test(arguments: ["a\nb", "a\u{1B}[2Jb", "a\u{7F}b", "a\u{9B}2Jb", String(repeating: "k", count: 5000)])
    func hostileTagKeysAndProductTypesAreEscapedInMessages(_ text: String) {
        let quoted =
            "\""
            + text.replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\u{1B}", with: "\\e")
            .replacingOccurrences(of: "\u{7F}", with: "\\x7F").replacingOccurrences(of: "\u{9B}", with: "\\x9B") + "\""
        let tags = "version: 1\nprotect:\n  tags: {\(quoted): [x]}\n"
        let tagErrors = problems(tags, .policy)
        // YAML limits implicit keys to 1024 characters: a longer one is a syntax error instead.
        let expected = text.count < 1024 ? "expected text for the value of tag \"" : "invalid YAML"
        #expect(tagErrors.count == 1 && tagErrors.first?.message.hasPrefix(expected) == true, "\(tagErrors)")
        expectWellFormed(tagErrors, in: tags)
        let prices =
            "version: 1\ncurrency: USD\nprices:\n  - {size: million, product_type: \(quoted), hourly: 1}\n"
            + "  - {size: million, product_type: \(quoted), hourly: 2}\n"
        let priceErrors = problems(prices, .pricing)
        #expect(
            priceErrors.count == 1 && priceErrors.first?.message.hasPrefix("duplicate price for size million") == true
        )
        expectWellFormed(priceErrors, in: prices)
        #expect(priceErrors.first?.message.contains(UserText.quoted(text)) == true)
    }

    // MARK: Name patterns

    /// ICU backtracks exponentially on nested quantifiers: such patterns are refused when the file is loaded.
    @Test(arguments: ["(a+)+", "(a|aa)*", "(a)\\\\1"])
    func aCatastrophicNamePatternIsRefused(_ pattern: String) throws {
        let text = policy(match: "name: {matches: \"\(pattern)\"}")
        let errors = problems(text, .policy)
        #expect(errors.count == 1 && errors.first.map { [$0.line, $0.column] } == [5, 25], "\(errors)")
        #expect(errors.first?.message.contains("exponential time (\(NameFilter.patternRule))") == true)
        expectWellFormed(errors, in: text)
        #expect(NameFilter(pattern: pattern.replacingOccurrences(of: "\\\\", with: "\\")) == nil)
    }

    /// The pattern must compile alone before it is anchored, so that a pattern closing the group early is refused.
    @Test(arguments: [")|(", "x)|(?:.*", "nothing)|.*(?:"])
    func aNamePatternCannotEscapeWholeNameMatching(_ pattern: String) throws {
        let text = policy(match: "name: {matches: \"\(pattern)\"}")
        let errors = problems(text, .policy)
        #expect(errors.map(\.message) == ["regular expression \"\(pattern)\" does not compile"])
        #expect(NameFilter(pattern: pattern) == nil)
    }
}
