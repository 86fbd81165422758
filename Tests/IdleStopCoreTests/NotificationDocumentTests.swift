import Foundation
import IdleStopCore
import Testing

@Suite struct NotificationDocumentTests {
    func object(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func genericDocumentCarriesTheRunAndRowsWithExactMoney() throws {
        let json = try object(NotificationDocument(NotificationSample.notification()).encoded())
        #expect(json["run_id"] as? String == "00000000abcd")
        #expect(json["mode"] as? String == "live")
        #expect(json["exit_status"] as? Int == 2)
        #expect(json["report_path"] as? String == "/var/reports/r.csv")
        #expect(json["projected_savings"] as? [String: String] == ["CNY": "0.3"])
        let counts = try #require(json["counts"] as? [String: Int])
        #expect(counts["stopped"] == 2 && counts["failed"] == 1 && counts["graphs_seen"] == 6)
        let rows = try #require(json["rows"] as? [[String: Any]])
        #expect(rows.map { $0["graph_id"] as? String } == ["a1", "a2", "b1", "n1"])
        #expect(rows[0]["owner"] as? String == "team-a")
        #expect(rows[0]["projected_savings"] as? String == "0.1")
        #expect(rows[2]["result"] as? String == "failed")
        #expect(rows[3]["decision"] as? String == "flag")
    }

    @Test func slackBodyIsOneTextWithSubjectAndGraphs() throws {
        let json = try object(NotificationDocument.slackBody(NotificationSample.notification(owner: "team-a")))
        #expect(json.keys.sorted() == ["text"])
        let text = try #require(json["text"] as? String)
        #expect(text.hasPrefix("ges-idle-stop run live 00000000abcd [team-a]"))
        #expect(text.contains("graph-a1 (a1)"))
        #expect(!text.contains("graph-b1"))
    }
}
