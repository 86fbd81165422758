import Foundation
import IdleStopTestSupport
import Testing

@testable import IdleStopCore

/// The bytes of a fixture under `Fixtures/inventory`.
private func fixture(_ name: String) throws -> Data {
    try Fixtures(.module).data("inventory/\(name).json")
}

/// The error `body` throws, or nil.
private func failure(_ body: () throws(InventoryError) -> GraphListDocument) -> InventoryError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error
    }
}

struct GraphListDocumentTests {
    @Test func aCompleteListingDecodesAsAPageAndAsAWholeFile() throws {
        let data = try fixture("complete")
        let whole = try GraphListDocument.decodeComplete(data, source: "complete.json")
        #expect(whole == (try GraphListDocument.decode(data, source: "complete.json")))
        #expect(whole.graphCount == 2)
        #expect(whole.graphs.map(\.id) == ["g-1", "g-2"])
        #expect(whole.graphs.first?.tags == ["env": "dev"])
    }

    @Test func aListingWithoutGraphCountIsNeverTakenAsWhole() throws {
        let data = try fixture("no-count")
        let expected = InventoryError(
            source: "no-count.json",
            message: "missing field graph_count: without the total, a listing cut short cannot be told from a "
                + "whole one"
        )
        // Neither as an API page (its total decides whether more pages follow) nor as a file.
        #expect(
            failure { () throws(InventoryError) in try GraphListDocument.decode(data, source: "no-count.json") }
                == expected
        )
        #expect(
            failure { () throws(InventoryError) in try GraphListDocument.decodeComplete(data, source: "no-count.json") }
                == expected
        )
    }

    @Test func aFileWhoseGraphCountDiffersFromItsGraphsIsRefused() throws {
        let data = try fixture("count-mismatch")
        // One page of a longer listing may hold fewer graphs than the total; a whole file may not.
        #expect(try GraphListDocument.decode(data, source: "count-mismatch.json").graphs.count == 2)
        let error = failure { () throws(InventoryError) in
            try GraphListDocument.decodeComplete(data, source: "count-mismatch.json")
        }
        #expect(
            error?.description
                == "count-mismatch.json:1:17: graph_count is 3 but the file lists 2 graphs: a cut or padded listing "
                + "is never trusted"
        )
    }

    @Test func aFileListingAGraphIDTwiceIsRefused() throws {
        let error = failure { () throws(InventoryError) in
            try GraphListDocument.decodeComplete(try! fixture("duplicate-ids"), source: "duplicate-ids.json")
        }
        #expect(
            error?.description == "duplicate-ids.json:4:10: graph \"g-1\" is listed twice (graphs[0] and graphs[2])"
        )
    }

    @Test func aNegativeGraphCountIsRefused() throws {
        let data = Data(#"{"graph_count": -1, "graphs": []}"#.utf8)
        let error = failure { () throws(InventoryError) in try GraphListDocument.decode(data, source: "page") }
        #expect(error?.description == "page:1:17: graph_count must not be negative, got -1")
    }

    @Test func textThatIsNotJSONIsPlacedAtItsFirstBadCharacter() throws {
        let data = try fixture("not-json")
        let error = failure { () throws(InventoryError) in
            try GraphListDocument.decodeComplete(data, source: "not-json.json")
        }
        #expect(
            error
                == InventoryError(
                    source: "not-json.json",
                    line: 4,
                    column: 29,
                    message: "not valid JSON: unexpected \"'\" (expected a value)"
                )
        )
    }

    @Test func aFieldOfTheWrongTypeIsNamedAndPlaced() throws {
        let data = try fixture("status-number")
        let error = failure { () throws(InventoryError) in
            try GraphListDocument.decode(data, source: "status-number.json")
        }
        #expect(
            error?.description == "status-number.json:5:29: graphs[1].status has the wrong type (expected String)"
        )
    }

    @Test func aShowGraphErrorNamesTheGraphField() throws {
        let data = Data("{\"graph\": {\n  \"id\": \"g 1\", \"status\": \"200\"}}".utf8)
        do throws(InventoryError) {
            _ = try GraphListDocument.decodeSingle(data, source: "show")
            Issue.record("an unsafe ID was accepted")
        } catch {
            #expect(
                error.description
                    == "show:2:9: graph.id \"g 1\" is not a safe graph ID (letters, digits, - and _ only)"
            )
        }
    }
}
