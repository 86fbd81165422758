import Foundation
import Testing

@testable import GESKit

struct GESErrorBodyTests {
    @Test(arguments: [
        (#"{"error_code":"GES.7001","error_msg":"not running"}"#, "GES.7001", "not running"),
        (#"{"errorCode":"GES.7003","errorMessage":"stopping"}"#, "GES.7003", "stopping"),
        (#"{"error":{"code":401,"message":"wrong password"}}"#, "401", "wrong password"),
    ])
    func parsesKnownShapes(_ body: String, _ code: String, _ message: String) {
        let parsed = GESErrorBody.parse(Data(body.utf8))
        #expect(parsed.code == code)
        #expect(parsed.message == message)
    }

    @Test(arguments: ["", "not json", "[1,2]", "null", #"{"error_code":5}"#, "{\"error_msg\":", "\u{FF}\u{FE}"])
    func unknownBodiesNeverCrash(_ body: String) {
        let parsed = GESErrorBody.parse(Data(body.utf8))
        #expect(parsed.message == nil)
    }

    @Test func longMessagesAreShortenedToOneLine() {
        let long = String(repeating: "x", count: 1000) + "\nsecond"
        let parsed = GESErrorBody.parse(
            Data(#"{"error_msg":"\#(long.replacingOccurrences(of: "\n", with: "\\n"))"}"#.utf8)
        )
        #expect((parsed.message?.count ?? 0) <= 301)
        #expect(parsed.message?.contains("\n") == false)
    }
}
