import Foundation
import Testing

@testable import IdleStopStorage

/// Every spelling of one database resolves to one absolute path free of links, so it has one lock file.
struct HistoryStoreLocationTests {
    @Test func aFileNotMadeYetIsNamedInItsResolvedFolderWhichIsCreated() throws {
        let folder = try makeTemporaryFolder()
        let real = folder.appendingPathComponent("real").path
        try FileManager.default.createDirectory(atPath: real, withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("linked").path,
            withDestinationPath: real
        )
        let path = try HistoryStore.canonicalPath(folder.path + "/linked/./new/../new/history.sqlite")
        #expect(path == real + "/new/history.sqlite")
        #expect(FileManager.default.fileExists(atPath: real + "/new"))
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func anExistingLinkedFileResolvesToItsTarget() throws {
        let folder = try makeTemporaryFolder()
        let target = folder.appendingPathComponent("history.sqlite").path
        try Data().write(to: URL(fileURLWithPath: target))
        let alias = folder.appendingPathComponent("alias.sqlite").path
        try FileManager.default.createSymbolicLink(atPath: alias, withDestinationPath: "history.sqlite")
        #expect(try HistoryStore.canonicalPath(alias) == target)
        #expect(try HistoryStore.canonicalPath(target) == target)
    }

    @Test func aRelativePathIsTakenFromTheWorkingFolder() throws {
        let working = FileManager.default.currentDirectoryPath
        let resolved = try HistoryStore.canonicalPath(".")
        #expect(resolved.hasPrefix("/"))
        #expect(try HistoryStore.canonicalPath("./.") == resolved)
        #expect(resolved == URL(fileURLWithPath: working).resolvingSymlinksInPath().path)
    }

    @Test func aFolderInTheWayIsAFileError() throws {
        let folder = try makeTemporaryFolder()
        let blocker = folder.appendingPathComponent("file")
        try Data().write(to: blocker)
        #expect {
            try HistoryStore.canonicalPath(blocker.path + "/history.sqlite")
        } throws: { error in
            (error as? StorageError)?.kind == .file
        }
    }
}
