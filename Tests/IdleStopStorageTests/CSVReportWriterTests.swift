import Foundation
import IdleStopCore
import Testing

@testable import IdleStopStorage

struct CSVReportWriterTests {
    let run = makeRun("r-1", at: "2026-11-27T02:00:00Z", mode: .dryRun)

    func listing(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    @Test func writesHeaderAndSortedRowsWithLFAndNoBOM() throws {
        let folder = try makeTemporaryFolder()
        let url = folder.appendingPathComponent("nested/reports/r.csv")
        try CSVReportWriter.write(
            run: run,
            decisions: [keepDecision("g-b"), stopDecision("g-a", result: .dryRun)],
            to: url
        )
        let data = try Data(contentsOf: url)
        #expect(!data.starts(with: [0xEF, 0xBB, 0xBF]))
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.contains("\r"))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 4 && lines[3].isEmpty)
        #expect(lines[0] == ReportColumn.header.joined(separator: ","))
        #expect(
            lines[1].hasPrefix(
                "r-1,2026-11-27T02:00:00Z,dry-run,g-a,name-g-a,InMemory,million,200,idle-dev-graphs,stop,dry-run,"
            )
        )
        #expect(lines[2].contains(",g-b,"))
        #expect(try listing(url.deletingLastPathComponent()) == ["r.csv"])
    }

    @Test func neutralisesFormulasInCells() throws {
        var decision = keepDecision("g-1")
        decision.graph.name = "=cmd|' /C calc'!A0"
        decision.reason = "-1 requests"
        let text = CSVReportWriter.text(run: run, decisions: [decision])
        #expect(text.contains(",'=cmd|' /C calc'!A0,"))
        #expect(text.contains(",'-1 requests,"))
    }

    @Test func replacesAnOldReportWhole() throws {
        let folder = try makeTemporaryFolder()
        let url = folder.appendingPathComponent("r.csv")
        try Data("old".utf8).write(to: url)
        try CSVReportWriter.write(run: run, decisions: [keepDecision("g-1")], to: url)
        #expect(
            try String(contentsOf: url, encoding: .utf8)
                == CSVReportWriter.text(run: run, decisions: [keepDecision("g-1")])
        )
        #expect(try listing(folder) == ["r.csv"])
    }

    @Test func whenTheRenameFailsNothingIsLeftBehind() throws {
        let folder = try makeTemporaryFolder()
        let url = folder.appendingPathComponent("taken")
        try FileManager.default.createDirectory(
            at: url.appendingPathComponent("child"),
            withIntermediateDirectories: true
        )
        #expect {
            try CSVReportWriter.write(run: run, decisions: [keepDecision("g-1")], to: url)
        } throws: { error in
            (error as? StorageError)?.kind == .file && "\(error)".contains("taken")
        }
        #expect(try listing(folder) == ["taken"])
        #expect(try listing(url) == ["child"])
    }

    @Test func writesRowsInTheOrderGiven() throws {
        let folder = try makeTemporaryFolder()
        let url = folder.appendingPathComponent("r.csv")
        let rows = CSVReportWriter.rows(run: run, decisions: [keepDecision("g-1"), keepDecision("g-2")]).reversed()
        try CSVReportWriter.write(rows: Array(rows), to: url)
        let records = try CSVReader.records(Array(try Data(contentsOf: url)), path: url.path)
        #expect(records.dropFirst().map { $0.fields[ReportColumn.graphID.index] } == ["g-2", "g-1"])
    }
}
