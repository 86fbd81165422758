import Foundation
import Testing

@testable import IdleStopStorage

struct AtomicFileTests {
    @Test func aFailingProducerLeavesTheOldFileAndNoTemporaryFile() throws {
        let folder = try makeTemporaryFolder()
        let url = folder.appendingPathComponent("report.csv")
        try Data("old report\n".utf8).write(to: url)
        #expect(throws: StorageError.self) {
            try AtomicFile.write(to: url) { (output: inout AtomicFile.Output) throws(StorageError) in
                try output.write(String(repeating: "new row\n", count: 20_000))
                throw StorageError(kind: .file, message: "the producer gave up")
            }
        }
        #expect(try String(contentsOf: url, encoding: .utf8) == "old report\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.csv"])
    }

    @Test func writesLargeOutputWholeAndCreatesTheFolder() throws {
        let folder = try makeTemporaryFolder()
        let url = folder.appendingPathComponent("a/b/big.txt")
        let line = "0123456789é\n"
        try AtomicFile.write(to: url) { (output: inout AtomicFile.Output) throws(StorageError) in
            for _ in 0..<10_000 { try output.write(line) }
        }
        #expect(try String(contentsOf: url, encoding: .utf8) == String(repeating: line, count: 10_000))
        try AtomicFile.write(Data([0, 1, 2, 255]), to: url)
        #expect(try Data(contentsOf: url) == Data([0, 1, 2, 255]))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path) == ["big.txt"]
        )
    }

    @Test func checkWritableCreatesTheFolderAndLeavesNothingBehind() throws {
        let folder = try makeTemporaryFolder()
        let url = folder.appendingPathComponent("a/b/report.csv")
        try AtomicFile.checkWritable(url)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("a/b").path).isEmpty)
    }

    @Test func checkWritableRefusesAFileInTheWayAndADestinationThatIsAFolder() throws {
        let folder = try makeTemporaryFolder()
        let blocker = folder.appendingPathComponent("file")
        try Data().write(to: blocker)
        #expect(throws: StorageError.self) { try AtomicFile.checkWritable(blocker.appendingPathComponent("x.csv")) }
        let destination = folder.appendingPathComponent("report.csv")
        try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: false)
        #expect {
            try AtomicFile.checkWritable(destination)
        } throws: { error in
            "\(error)" == "\(destination.path): is a folder, not a file"
        }
    }

    @Test func aFolderThatCannotBeCreatedIsAFileError() throws {
        let folder = try makeTemporaryFolder()
        let blocker = folder.appendingPathComponent("file")
        try Data().write(to: blocker)
        #expect {
            try AtomicFile.write(Data(), to: blocker.appendingPathComponent("x.csv"))
        } throws: { error in
            (error as? StorageError)?.kind == .file && "\(error)".contains("cannot create the folder")
        }
    }
}
