import Foundation
import IdleStopTestSupport
import Testing

@testable import GESSimulator

struct ScriptedAnswerTests {
    @Test func readsTheExampleScript() throws {
        let scripts = try ScriptedAnswer.scripts(
            contentsOf: Repository.url("examples/sim/flaky-stop-script.json")
        )
        let answers = try #require(scripts[SimulatorHarness.beta])
        #expect(
            answers == [
                ScriptedAnswer(status: 503),
                ScriptedAnswer(
                    status: 500,
                    body: ["error_code": "GES.7006", "error_msg": "scripted engine error"],
                    delayMilliseconds: 50
                ),
                ScriptedAnswer(status: 200),
            ]
        )
    }

    @Test func readsHeaders() throws {
        let text = #"{"g": [{"status": 429, "headers": {"Retry-After": "2", "X-Note": ""}}, {"status": 200}]}"#
        let answers = try #require(try ScriptedAnswer.scripts(data: Data(text.utf8))["g"])
        #expect(
            answers == [
                ScriptedAnswer(status: 429, headers: ["Retry-After": "2", "X-Note": ""]), ScriptedAnswer(status: 200),
            ]
        )
    }

    @Test(arguments: [
        #"[]"#,
        #"{"g": [{"status": 429, "headers": ["Retry-After", "2"]}]}"#,
        #"{"g": [{"status": 429, "headers": {"Retry-After": 2}}]}"#,
        #"{"g": [{"status": 429, "headers": {"Retry After": "2"}}]}"#,
        #"{"g": [{"status": 429, "headers": {"": "2"}}]}"#,
        #"{"g": [{"status": 429, "headers": {"X-A:": "2"}}]}"#,
        #"{"g": [{"status": 429, "headers": {"X-A": "2\r\nX-Injected: 1"}}]}"#,
        #"{"g": {"status": 503}}"#,
        #"{"g": [{"status": 42}]}"#,
        #"{"g": [{"body": {}}]}"#,
        #"{"g": [{"status": 503, "delay_ms": -1}]}"#,
    ])
    func refusesMalformedScripts(_ text: String) {
        #expect(throws: SimulatorError.self) { try ScriptedAnswer.scripts(data: Data(text.utf8)) }
    }
}
