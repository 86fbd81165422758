import Foundation
import IdleStopStorage
import Testing

@testable import IdleStopCLI

/// One lock per database, however its path is spelled: runs resolve it before taking the lock.
extension RunCommandTests {
    /// The database named through a link to its file: without resolving, the run would lock `alias.sqlite.lock`.
    @Test func aDatabaseNamedThroughALinkToItsFileIsLockedByItsOwnLock() async throws {
        let harness = try CLIHarness()
        let dryRun = harness.arguments(["--dry-run", "--inventory", CLIHarness.fleet])
        #expect(try await harness.run(dryRun) == .done)  // the database file exists
        let alias = harness.path("alias.sqlite")
        try FileManager.default.createSymbolicLink(atPath: alias, withDestinationPath: harness.path("history.sqlite"))
        let lock = try RunLock.acquire(path: harness.path("history.sqlite") + ".lock")
        defer { lock.release() }
        var arguments = dryRun
        arguments[arguments.firstIndex(of: harness.path("history.sqlite"))!] = alias
        #expect(try await harness.run(arguments) == .locked)
    }

    @Test func aDatabaseNamedThroughALinkedFolderIsLockedByItsOwnLock() async throws {
        let harness = try CLIHarness()
        let real = harness.path("real")
        try FileManager.default.createDirectory(atPath: real, withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: harness.path("linked"), withDestinationPath: real)
        let lock = try RunLock.acquire(path: real + "/history.sqlite.lock")
        defer { lock.release() }
        var arguments = harness.arguments(["--dry-run", "--inventory", CLIHarness.fleet])
        arguments[arguments.firstIndex(of: harness.path("history.sqlite"))!] = harness.path("linked/history.sqlite")
        #expect(try await harness.run(arguments) == .locked)
    }

    /// The real executable from two working folders, naming one database by two relative paths.
    @Test func runsFromOtherWorkingFoldersShareTheLock() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: ExecutableRun.executable.path))
        let harness = try CLIHarness()
        for folder in ["a", "a/b", "shared"] {
            try FileManager.default.createDirectory(atPath: harness.path(folder), withIntermediateDirectories: true)
        }
        let lock = try RunLock.acquire(path: harness.path("shared/history.sqlite.lock"))
        defer { lock.release() }
        for (folder, db) in [("a", "../shared/history.sqlite"), ("a/b", "../../shared/./history.sqlite")] {
            var arguments = harness.arguments(["--dry-run", "--inventory", CLIHarness.fleet])
            arguments[arguments.firstIndex(of: harness.path("history.sqlite"))!] = db
            let result = try await ExecutableRun.run(
                ["run"] + arguments,
                environment: [:],
                in: URL(fileURLWithPath: harness.path(folder))
            )
            #expect(result.status == 75, "\(result.stderr)")
            #expect(result.stderr.contains(harness.path("shared/history.sqlite.lock")), "\(result.stderr)")
        }
    }
}
