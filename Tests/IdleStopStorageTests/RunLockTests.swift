import Foundation
import Testing

@testable import IdleStopStorage

struct RunLockTests {
    @Test func aSecondAcquireFailsUntilTheFirstIsReleased() throws {
        let path = RunLock.path(forDatabase: try makeTemporaryFolder().appendingPathComponent("var/h.sqlite").path)
        #expect(path.hasSuffix("var/h.sqlite.lock"))
        let first = try RunLock.acquire(path: path)
        #expect(first.isHeld)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "\(getpid())\n")
        #expect {
            try RunLock.acquire(path: path)
        } throws: { error in
            guard let error = error as? StorageError else { return false }
            return error.kind == .lockHeld && error.holderPID == getpid()
                && error.description.contains("another run holds the lock (pid \(getpid()))")
                && error.description.contains(path)
        }
        first.release()
        #expect(!first.isHeld)
        first.release()
        let second = try RunLock.acquire(path: path)
        #expect(second.isHeld)
        second.release()
    }

    @Test func aLockFileLeftBehindWithNoHolderDoesNotBlock() throws {
        let path = try makeTemporaryFolder().appendingPathComponent("h.sqlite.lock").path
        try Data("99999\n".utf8).write(to: URL(fileURLWithPath: path))
        let lock = try RunLock.acquire(path: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "\(getpid())\n")
        lock.release()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "")
    }

    @Test func theLockIsReleasedWhenItsObjectGoesAway() throws {
        let path = try makeTemporaryFolder().appendingPathComponent("h.lock").path
        do {
            let lock = try RunLock.acquire(path: path)
            #expect(lock.isHeld)
        }
        let again = try RunLock.acquire(path: path)
        #expect(again.isHeld)
    }

    @Test func anUnopenableLockFileIsALockError() throws {
        let folder = try makeTemporaryFolder()
        let blocker = folder.appendingPathComponent("file")
        try Data().write(to: blocker)
        #expect {
            try RunLock.acquire(path: blocker.appendingPathComponent("h.lock").path)
        } throws: { error in
            (error as? StorageError)?.kind == .lock
        }
    }
}
