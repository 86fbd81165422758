import Foundation
import Testing

@testable import GESSimulator

struct JSONValueTests {
    @Test func keepsIntegersFractionsAndBooleansApart() throws {
        let value = try JSONValue.parse(Data(#"{"a": 1, "b": 2.5, "c": true, "d": null, "e": ["x"]}"#.utf8))
        #expect(value["a"] == .integer(1))
        #expect(value["b"] == .number(2.5))
        #expect(value["c"] == .bool(true))
        #expect(value["d"] == .null)
        #expect(value["e"] == ["x"])
        #expect(value["a"] != .bool(true))
    }

    @Test func encodesWithSortedKeysAndParsesBack() throws {
        let value: JSONValue = ["b": 1, "a": ["c": "x/y", "d": .number(0.25)]]
        let text = String(decoding: value.encoded(), as: UTF8.self)
        #expect(text == #"{"a":{"c":"x/y","d":0.25},"b":1}"#)
        #expect(try JSONValue.parse(value.encoded()) == value)
    }

    @Test func numbersCompareByValue() {
        #expect(JSONValue.integer(1) == .number(1))
        #expect(JSONValue.integer(1) != .number(1.5))
    }
}
