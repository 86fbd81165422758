import Foundation
import Testing

@testable import IdleStopCore

/// Where `JSONLocator` puts syntax errors and values: line and column from 1, columns in characters.
struct JSONLocatorTests {
    private static func syntaxError(_ text: String) -> JSONLocator.Place? {
        JSONLocator.syntaxError(in: Array(text.utf8))
    }

    @Test(
        arguments: [
            ("{\n  \"a\": x}", 2, 8, "unexpected \"x\" (expected a value)"),
            ("{\"a\": 1 \"b\": 2}", 1, 9, "unexpected \"\\\"\" (expected \",\" or \"}\")"),
            ("[1, 2\n", 2, 1, "unexpected end of file"),
            ("{\"a\": \"b\n\"}", 1, 9, "string not closed at the end of the line"),
            ("{\"a\": \"\\q\"}", 1, 8, "invalid escape in a string"),
            ("{\"a\": \"\\u12G4\"}", 1, 8, "invalid \\u escape in a string"),
            ("{\"a\": 01}", 1, 8, "unexpected \"1\" (expected \",\" or \"}\")"),
            ("{\"a\": -}", 1, 8, "unexpected \"}\" (expected a digit)"),
            ("{\"a\": 1.}", 1, 9, "unexpected \"}\" (expected a digit)"),
            ("{\"a\": NaN}", 1, 7, "unexpected \"N\" (expected a value)"),
            ("{\"a\": tru}", 1, 10, "unexpected \"}\" (expected true)"),
            ("{a: 1}", 1, 2, "unexpected \"a\" (expected a key in quotes)"),
            ("{\"a\" 1}", 1, 6, "unexpected \"1\" (expected \":\")"),
            ("{} {}", 1, 4, "unexpected \"{\" (expected the end of the document)"),
            ("", 1, 1, "unexpected end of file"),
            ("{\"é\": \"ü\", \"b\": ?}", 1, 17, "unexpected \"?\" (expected a value)"),
            ("\u{FEFF}{\"a\": ?}", 1, 7, "unexpected \"?\" (expected a value)"),
        ] as [(String, Int, Int, String)]
    )
    func aSyntaxErrorIsPlacedAtItsFirstBadCharacter(text: String, line: Int, column: Int, problem: String) throws {
        let place = try #require(Self.syntaxError(text), "\(text.debugDescription) passed")
        #expect(place == JSONLocator.Place(line: line, column: column, problem: problem), "\(text.debugDescription)")
    }

    @Test func invalidUTF8AndControlCharactersInStringsAreErrors() throws {
        let broken = Array("{\"a\": \"x".utf8) + [0xFF] + Array("\"}".utf8)
        #expect(
            JSONLocator.syntaxError(in: broken)
                == JSONLocator.Place(line: 1, column: 9, problem: "invalid UTF-8 in a string")
        )
        #expect(Self.syntaxError("[\"a\tb\"]")?.problem == "control character in a string")
    }

    @Test(arguments: [
        "{}", "[]", " {\"a\": [1, -2.5e+3, true, false, null, \"\\u00e9\\n\"], \"b\": {}}\n", "\u{FEFF}[0]", "\"x\"",
    ])
    func wellFormedDocumentsHaveNoSyntaxError(_ text: String) {
        #expect(Self.syntaxError(text) == nil)
        #expect((try? JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed)) != nil)
    }

    @Test func aValueIsFoundByItsPath() {
        let text = """
            {
              "graph_count": 2,
              "graphs": [
                {"id": "g-1", "status": "200"},
                {"id": "g-2", "tags": [{"key": "a\\"b"}], "status": 200}
              ]
            }
            """
        let bytes = Array(text.utf8)
        #expect(JSONLocator.place(of: [.key("graph_count")], in: bytes) == JSONLocator.Place(line: 2, column: 18))
        #expect(
            JSONLocator.place(of: [.key("graphs"), .index(1), .key("status")], in: bytes)
                == JSONLocator.Place(line: 5, column: 56)
        )
        #expect(
            JSONLocator.place(of: [.key("graphs"), .index(1), .key("tags"), .index(0), .key("key")], in: bytes)
                == JSONLocator.Place(line: 5, column: 36)
        )
        #expect(JSONLocator.place(of: [.key("graphs"), .index(2)], in: bytes) == nil)
        #expect(JSONLocator.place(of: [.key("nothing")], in: bytes) == nil)
        #expect(JSONLocator.text(of: [.key("graphs"), .index(1), .key("status")]) == "graphs[1].status")
        #expect(JSONLocator.text(of: []) == "document")
    }

    @Test func aMillionOpenBracketsDoNotOverflowTheStack() {
        let depth = 1_000_000
        let nested = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(Self.syntaxError(nested) == nil)
        #expect(Self.syntaxError(String(repeating: "{\"a\":", count: depth))?.problem == "unexpected end of file")
        let path = [JSONLocator.Component](repeating: .index(0), count: depth - 1)
        #expect(JSONLocator.place(of: path, in: Array(nested.utf8)) == JSONLocator.Place(line: 1, column: depth))
    }
}
