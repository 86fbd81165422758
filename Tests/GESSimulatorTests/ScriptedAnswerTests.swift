import Foundation
import Testing

@testable import GESSimulator

struct ScriptedAnswerTests {
    @Test func readsTheExampleScript() throws {
        let scripts = try ScriptedAnswer.scripts(
            contentsOf: SimulatorHarness.repositoryFile("examples/sim/flaky-stop-script.json"))
        let answers = try #require(scripts[SimulatorHarness.beta])
        #expect(
            answers == [
                ScriptedAnswer(status: 503),
                ScriptedAnswer(
                    status: 500, body: ["error_code": "GES.7006", "error_msg": "scripted engine error"],
                    delayMilliseconds: 50),
                ScriptedAnswer(status: 200),
            ])
    }

    @Test(arguments: [
        #"[]"#,
        #"{"g": {"status": 503}}"#,
        #"{"g": [{"status": 42}]}"#,
        #"{"g": [{"body": {}}]}"#,
        #"{"g": [{"status": 503, "delay_ms": -1}]}"#,
    ])
    func refusesMalformedScripts(_ text: String) {
        #expect(throws: SimulatorError.self) { try ScriptedAnswer.scripts(data: Data(text.utf8)) }
    }
}
