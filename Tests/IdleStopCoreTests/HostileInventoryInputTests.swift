import Foundation
import IdleStopTestSupport
import PropertyBased
import Testing

@testable import IdleStopCore

/// A small list-graphs document in the shape GES sends (fields the job ignores included).
private let seedDocument = """
    {"graph_count": 3, "graphs": [
      {"id": "999841db-fdc7-522f-bd62-619eb7135d82", "name": "dev-social", "status": "200",
       "graph_size_type_index": "1", "replication": 1, "created": "2026-09-01T08:00:00Z", "is_multi_az": "false",
       "tags": [{"key": "env", "value": "dev"}, {"key": "owner", "value": "team-social"}], "product_type": "InMemory"},
      {"id": "g_2", "name": "prod", "status": "900", "graph_size_type_index": "6", "replication": 3,
       "created": "2026-09-01 08:00:00.123+08:00", "tags": [{"key": "keep-running"}]},
      {"id": "g-3", "status": "200", "created": "1788220800", "sys_tags": ["0"], "encrypted": false}
    ]}
    """

/// What decoding `bytes` as `hostile.json` gives: the document or the inventory error, nothing else.
private func decode(_ bytes: [UInt8]) -> Result<GraphListDocument, InventoryError> {
    do throws(InventoryError) {
        return .success(try GraphListDocument.decode(Data(bytes), source: "hostile.json"))
    } catch {
        return .failure(error)
    }
}

private func decode(_ text: String) -> Result<GraphListDocument, InventoryError> { decode(Array(text.utf8)) }

private func decodeSingle(_ text: String) -> Result<Graph, InventoryError> {
    do throws(InventoryError) {
        return .success(try GraphListDocument.decodeSingle(Data(text.utf8), source: "hostile.json"))
    } catch {
        return .failure(error)
    }
}

/// A list-graphs document holding one graph whose `field` is the JSON value `json` (raw, not quoted).
private func document(with field: String, json: String) -> String {
    var fields = [
        "id": "\"g1\"", "name": "\"one\"", "status": "\"200\"", "graph_size_type_index": "\"1\"", "replication": "1",
        "created": "\"2026-09-01T08:00:00Z\"",
    ]
    fields[field] = json
    let body = fields.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ")
    return "{\"graph_count\": 1, \"graphs\": [{\(body)}]}"
}

/// A JSON string literal of `text`, escaped the way `JSONEncoder` does it.
private func jsonString(_ text: String) -> String {
    String(decoding: try! JSONEncoder().encode(text), as: UTF8.self)
}

/// Checks what every inventory error promises: one printable line of bounded length that names the source.
private func expectWellFormed(_ error: InventoryError, sourceLocation: SourceLocation = #_sourceLocation) {
    let place = error.line.map { ":\($0):\(error.column ?? 0)" } ?? ""
    #expect(error.source == "hostile.json", sourceLocation: sourceLocation)
    ReadableError.expect(
        error.description,
        startsWith: "hostile.json\(place): ",
        shorterThan: 400,
        sourceLocation: sourceLocation
    )
    #expect((error.line == nil) == (error.column == nil), sourceLocation: sourceLocation)
    #expect(error.line ?? 1 >= 1 && error.column ?? 1 >= 1, sourceLocation: sourceLocation)
    #expect(!error.message.isEmpty, sourceLocation: sourceLocation)
}

/// Checks a decoded document: only safe IDs and sane replication get through.
private func expectSound(_ document: GraphListDocument, sourceLocation: SourceLocation = #_sourceLocation) {
    for graph in document.graphs {
        #expect(
            GraphID.isSafe(graph.id),
            "unsafe ID decoded: \(graph.id.debugDescription)",
            sourceLocation: sourceLocation
        )
        #expect(graph.replication >= 1, sourceLocation: sourceLocation)
    }
}

private func expectDecodesOrFailsWell(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
    switch decode(bytes) {
    case .success(let document): expectSound(document, sourceLocation: sourceLocation)
    case .failure(let error): expectWellFormed(error, sourceLocation: sourceLocation)
    }
}

/// Bytes and fragments a JSON decoder trips on.
private let trickyBytes: [UInt8] =
    Array("{}[]\",:\\0123456789-+.eEtrufalsn /%".utf8) + [0x00, 0x0A, 0xEF, 0xBB, 0xBF, 0xC3, 0xFF]
private let trickyTokens: [[UInt8]] =
    [
        "\"", "\\", "\\u0000", "\\ud800", "\\u002F", "null", "true", "1e400", "-0", "-1", "NaN", "Infinity", "[",
        "]", "{", "}", ",", ":", "\"../\"", "\"%2F\"", "\"g 1\"", "\"граф\"", "\"2026-02-31T00:00:00+99:99\"",
        "9223372036854775808", "\u{FEFF}", "\"id\": \"x\",",
    ].map { Array($0.utf8) } + [[0xFF], [0xC3]]

private let randomJSON = Generator<[UInt8], Shrink.None<[UInt8]>>(run: { rng in
    (0..<Int.random(in: 0...400, using: &rng)).map { _ in
        Bool.random(using: &rng) ? trickyBytes.randomElement(using: &rng)! : UInt8.random(in: 0...255, using: &rng)
    }
})

/// The seed document with one to eight random edits: a byte replaced, a fragment inserted, a range cut or doubled.
private let mutatedJSON = Generator<[UInt8], Shrink.None<[UInt8]>>(run: { rng in
    var bytes = Array(seedDocument.utf8)
    HostileEdits.apply(to: &bytes, replacements: trickyBytes, fragments: trickyTokens, using: &rng)
    return bytes
})

struct HostileInventoryInputTests {
    // MARK: Properties

    @Test func seedDocumentDecodes() throws {
        let document = try decode(seedDocument).get()
        #expect(document.graphs.map(\.id) == ["999841db-fdc7-522f-bd62-619eb7135d82", "g_2", "g-3"])
        #expect(document.graphs[1].created == Instant(unixSeconds: 1_788_220_800))
    }

    @Test func randomBytesDecodeOrFailWithAOneLineError() async {
        await propertyCheck(count: 300, input: randomJSON) { bytes in
            expectDecodesOrFailsWell(bytes)
        }
    }

    @Test func mutatedDocumentsDecodeOrFailWithAOneLineError() async {
        await propertyCheck(count: 400, input: mutatedJSON) { bytes in
            expectDecodesOrFailsWell(bytes)
        }
    }

    /// A random ID decodes only when it is safe; otherwise the error names `graphs[0].id`, escaped.
    @Test func randomGraphIDsDecodeOnlyWhenSafe() async {
        let ids = Gen<UInt8>.value(in: 0...255).array(of: 0...140).map { String(decoding: $0, as: UTF8.self) }
        await propertyCheck(count: 300, input: ids) { id in
            switch decode(document(with: "id", json: jsonString(id))) {
            case .success(let document):
                #expect(GraphID.isSafe(id) && document.graphs.map(\.id) == [id])
            case .failure(let error):
                #expect(!GraphID.isSafe(id))
                #expect(error.message.hasPrefix("graphs[0].id "), "\(error)")
                expectWellFormed(error)
            }
        }
    }

    // MARK: Graph IDs

    @Test(arguments: [
        "a/b", "/", "..", "../../v2/other-project/graphs", "g%2F", "%", "%00", "g 1", " g1", "g1 ", "g\u{0}1", "g\n1",
        "g\u{1B}[31m", "g\u{7F}", "grāph", "граф", "图", "g\u{200B}1", String(repeating: "a", count: 129),
        String(repeating: "a", count: 5000), "", "g.1", "g?x=1", "g#1", "g;1", "g\\1", "\u{FEFF}g1",
    ])
    func unsafeGraphIDsAreErrors(_ id: String) throws {
        let error = try #require(
            decode(document(with: "id", json: jsonString(id))).failure,
            "\(id.debugDescription) passed"
        )
        #expect(error.message.hasPrefix("graphs[0].id \""), "\(error)")
        #expect(error.message.hasSuffix("is not a safe graph ID (letters, digits, - and _ only)"))
        expectWellFormed(error)
        let single = try #require(decodeSingle("{\"graph\": {\"id\": \(jsonString(id)), \"status\": \"200\"}}").failure)
        expectWellFormed(single)
    }

    @Test func deleteIsEscapedInErrors() throws {
        let error = try #require(decode(document(with: "id", json: jsonString("g\u{7F}1"))).failure)
        #expect(!error.description.unicodeScalars.contains("\u{7F}"), "\(error.description.debugDescription)")
        #expect(error.message.hasPrefix("graphs[0].id \"g\\u{7f}1\""), "\(error.message)")
    }

    @Test func aDuplicatedIDKeyNeverLetsAnUnsafeIDThrough() {
        let text = "{\"graphs\": [{\"id\": \"g1\", \"status\": \"200\", \"id\": \"../x\"}]}"
        switch decode(text) {
        case .success(let document): expectSound(document)
        case .failure(let error): expectWellFormed(error)
        }
    }

    // MARK: Shapes and sizes

    @Test(
        arguments: [
            ("empty", ""), ("whitespace", " \n\t "), ("null", "null"), ("a number", "42"), ("a list", "[]"),
            ("no graphs", "{\"graph_count\": 1}"), ("graphs null", "{\"graphs\": null}"),
            ("graphs an object", "{\"graphs\": {}}"),
            ("a graph without status", "{\"graphs\": [{\"id\": \"g1\"}]}"),
            ("status as a number", "{\"graphs\": [{\"id\": \"g1\", \"status\": 200}]}"),
            (
                "a tag without key",
                "{\"graphs\": [{\"id\": \"g1\", \"status\": \"200\", \"tags\": [{\"value\": \"x\"}]}]}"
            ),
            ("NaN", "{\"graphs\": [{\"id\": \"g1\", \"status\": \"200\", \"replication\": NaN}]}"),
            ("Infinity", "{\"graphs\": [{\"id\": \"g1\", \"status\": \"200\", \"replication\": Infinity}]}"),
            ("1e400", "{\"graphs\": [{\"id\": \"g1\", \"status\": \"200\", \"replication\": 1e400}]}"),
            ("2^63", "{\"graphs\": [{\"id\": \"g1\", \"status\": \"200\", \"replication\": 9223372036854775808}]}"),
            ("a fraction", "{\"graphs\": [{\"id\": \"g1\", \"status\": \"200\", \"replication\": 1.5}]}"),
            ("negative zero", "{\"graphs\": [{\"id\": \"g1\", \"status\": \"200\", \"replication\": -0}]}"),
            ("zero", "{\"graphs\": [{\"id\": \"g1\", \"status\": \"200\", \"replication\": 0}]}"),
            ("graph_count 1e400", "{\"graph_count\": 1e400, \"graphs\": []}"),
            ("unclosed", "{\"graphs\": [{\"id\": \"g1\", \"status\": \"200\"}"),
            ("a lone surrogate", "{\"graphs\": [{\"id\": \"\\ud800\", \"status\": \"200\"}]}"),
            ("a NUL escape", "{\"graphs\": [{\"id\": \"g\\u0000\", \"status\": \"200\"}]}"),
            ("a raw NUL", "{\"graphs\": [{\"id\": \"g\u{0}\", \"status\": \"200\"}]}"),
            ("created in year 10000", document(with: "created", json: "\"10000-01-01T00:00:00Z\"")),
            ("created 13th month", document(with: "created", json: "\"2026-13-01T00:00:00Z\"")),
            ("created at 24:00", document(with: "created", json: "\"2026-01-01T24:00:00Z\"")),
            ("created with a 3-digit offset", document(with: "created", json: "\"2026-01-01T00:00:00+123\"")),
            ("created as text", document(with: "created", json: "\"yesterday\"")),
            ("created as a number", document(with: "created", json: "1788220800")),
        ] as [(String, String)]
    )
    func malformedDocumentsAreOneLineErrors(_ name: String, text: String) throws {
        let error = try #require(decode(text).failure, "\(name) was accepted")
        expectWellFormed(error)
    }

    @Test func invalidUTF8AndByteOrderMarksAreHandled() throws {
        var broken = Array(document(with: "name", json: "\"ab\"").utf8)
        broken[broken.firstIndex(of: UInt8(ascii: "b"))!] = 0xFF
        switch decode(broken) {
        case .success(let document): expectSound(document)
        case .failure(let error): expectWellFormed(error)
        }
        switch decode([0xEF, 0xBB, 0xBF] + Array(seedDocument.utf8)) {
        case .success(let document): #expect(document.graphs.count == 3)
        case .failure(let error): expectWellFormed(error)
        }
    }

    @Test(arguments: [100_000, 1_000_000])
    func deeplyNestedJSONFailsWithoutOverflowingTheStack(_ depth: Int) throws {
        for (open, close) in [("[", "]"), ("{\"a\":", "}")] {
            let text =
                "{\"graphs\": [{\"id\": \"g1\", \"status\": \"200\", \"extra\": "
                + String(repeating: open, count: depth)
                + "1" + String(repeating: close, count: depth) + "}]}"
            switch decode(text) {
            case .success(let document): expectSound(document)
            case .failure(let error): expectWellFormed(error)
            }
        }
    }

    @Test func tenMegabyteValuesAreReadOrRefusedWithAShortMessage() throws {
        let huge = String(repeating: "a", count: 10 << 20)
        let id = try #require(decode(document(with: "id", json: "\"\(huge)\"")).failure)
        #expect(id.message.hasPrefix("graphs[0].id \"aaaa"))
        expectWellFormed(id)
        let created = try #require(decode(document(with: "created", json: "\"\(huge)\"")).failure)
        #expect(created.message.hasPrefix("graphs[0].created "))
        expectWellFormed(created)
        let name = try decode(document(with: "name", json: "\"\(huge)\"")).get()
        #expect(name.graphs.first?.name.count == 10 << 20)
        let number = try #require(
            decode(document(with: "replication", json: String(repeating: "9", count: 10 << 20))).failure
        )
        expectWellFormed(number)
    }

    @Test func oneHundredThousandGraphsAndTagsDecode() throws {
        let graphs = (0..<100_000).map { "{\"id\": \"g\($0)\", \"status\": \"200\"}" }.joined(separator: ",")
        let many = try decode("{\"graph_count\": 100000, \"graphs\": [\(graphs)]}").get()
        #expect(many.graphs.count == 100_000 && many.graphCount == 100_000)
        let tags = (0..<100_000).map { "{\"key\": \"k\($0)\", \"value\": \"v\"}" }.joined(separator: ",")
        let tagged = try decode(document(with: "tags", json: "[\(tags)]")).get()
        #expect(tagged.graphs.first?.tags.count == 100_000)
    }

    // MARK: Timestamps

    @Test(
        arguments: [
            ("0000-01-01T00:00:00Z", -62_167_219_200), ("9999-12-31T23:59:59Z", 253_402_300_799),
            ("2026-09-01T08:00:00+23:59", 1_788_249_600 - 86_340),
            ("2026-09-01T08:00:00-23:59", 1_788_249_600 + 86_340),
            ("-62167219200", -62_167_219_200), ("9223372036854775807", Int64.max),
            ("2026-09-01t08:00:00.999999999999999999999z", 1_788_249_600), ("2024-02-29 00:00:00", 1_709_164_800),
        ] as [(String, Int64)]
    )
    func extremeCreatedTimesAreExact(_ text: String, seconds: Int64) throws {
        let graph = try #require(try decode(document(with: "created", json: jsonString(text))).get().graphs.first)
        #expect(graph.created == Instant(unixSeconds: seconds), "\(text)")
    }

    /// Offsets beyond ±23:59 and days past the end of the month are errors, not shifted instants.
    @Test(arguments: [
        "2026-09-01T08:00:00+99:99", "2026-09-01T08:00:00-47:00", "2026-09-01T08:00:00+24:00",
        "2026-09-01T08:00:00+05:60",
        "2026-02-31T00:00:00Z", "2026-04-31T00:00:00Z", "2026-02-29T00:00:00Z", "1900-02-29T00:00:00Z",
        "2026-06-31 00:00:00", "2026-11-31T00:00:00+01:00",
    ])
    func impossibleCreatedTimesAreErrors(_ text: String) throws {
        let error = try #require(decode(document(with: "created", json: jsonString(text))).failure, "\(text) accepted")
        #expect(error.message.hasSuffix("is not a timestamp"), "\(error)")
        expectWellFormed(error)
        #expect(LenientTimestamp.parse(text) == nil)
    }

    @Test(
        arguments: [
            ("2024-02-29T00:00:00Z", 1_709_164_800), ("2000-02-29T00:00:00Z", 951_782_400),
            ("2026-04-30T00:00:00Z", 1_777_507_200),
            ("2026-12-31T23:59:59-23:59", 1_798_761_599 + 86_340), ("2026-01-31T00:00:00+00:00", 1_769_817_600),
        ] as [(String, Int64)]
    )
    func lastDaysOfMonthsAndWidestOffsetsParse(_ text: String, seconds: Int64) {
        #expect(LenientTimestamp.parse(text) == Instant(unixSeconds: seconds), "\(text)")
    }
}

extension Result {
    /// The error, or nil.
    fileprivate var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
