import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The exclusive lock one run holds (docs/SPEC.md §8, exit 75): `flock(2)` on an open lock file next to the database.
///
/// The kernel drops a `flock` when its holder's file descriptor closes, so a lock left by a process that
/// died never blocks the next run; the file itself may stay. The holder's pid is written into the file for
/// people (and for the error message), not for the locking. Released by `release()` or on deinit.
/// See https://man7.org/linux/man-pages/man2/flock.2.html.
public final class RunLock: @unchecked Sendable {
    /// The lock file's path.
    public let path: String
    private let state: NSLock = NSLock()
    private var descriptor: Int32?

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit { release() }

    /// The lock file of a database: `<db>.lock`.
    public static func path(forDatabase databasePath: String) -> String { databasePath + ".lock" }

    /// Takes the lock at `path` (creating the file and its folder), or fails at once if another holds it.
    public static func acquire(path: String) throws(StorageError) -> RunLock {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw StorageError(
                kind: .lock,
                path: folder,
                message: "cannot create the lock's folder: \(CSVReportReader.reason(error))"
            )
        }
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw StorageError(kind: .lock, path: path, message: "cannot open the lock file: \(errnoText(errno))")
        }
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            if code == EINTR { continue }
            if code == EWOULDBLOCK {
                let holder = readPID(descriptor)
                close(descriptor)
                let who = holder.map { "pid \($0)" } ?? "pid unknown"
                throw StorageError(
                    kind: .lockHeld,
                    path: path,
                    holderPID: holder,
                    message: "another run holds the lock (\(who)); try again when it has finished"
                )
            }
            close(descriptor)
            throw StorageError(kind: .lock, path: path, message: "cannot lock: \(errnoText(code))")
        }
        let text = Array("\(getpid())\n".utf8)
        if ftruncate(descriptor, 0) == 0 {
            _ = text.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        }
        return RunLock(path: path, descriptor: descriptor)
    }

    /// Whether this object still holds the lock.
    public var isHeld: Bool {
        state.lock()
        defer { state.unlock() }
        return descriptor != nil
    }

    /// Releases the lock; later calls do nothing. The pid is cleared first, so the file never names a
    /// process that no longer holds it.
    public func release() {
        state.lock()
        defer { state.unlock() }
        guard let descriptor else { return }
        _ = ftruncate(descriptor, 0)
        _ = flock(descriptor, LOCK_UN)
        close(descriptor)
        self.descriptor = nil
    }

    /// The pid a holder wrote into the lock file, if it is readable.
    private static func readPID(_ descriptor: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        let text = String(decoding: buffer[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return Int32(text)
    }
}
