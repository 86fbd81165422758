import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so that it appears whole or not at all.
///
/// The content goes to a temporary file in the destination's folder (same file system), is `fsync`'d,
/// then `rename(2)`d over the destination, and the folder is `fsync`'d so the rename survives a crash.
/// If anything fails the temporary file is removed and an existing destination is left untouched.
/// See https://man7.org/linux/man-pages/man2/rename.2.html.
public enum AtomicFile {
    /// Buffered output to the temporary file; `write` as often as needed.
    public struct Output: ~Copyable {
        fileprivate let descriptor: Int32
        fileprivate let path: String
        fileprivate var buffer: [UInt8] = []

        /// Appends text (UTF-8, no byte order mark).
        public mutating func write(_ text: String) throws(StorageError) {
            try write(bytes: text.utf8)
        }

        /// Appends raw bytes.
        public mutating func write(bytes: some Sequence<UInt8>) throws(StorageError) {
            buffer.append(contentsOf: bytes)
            if buffer.count >= 1 << 16 { try flush() }
        }

        fileprivate mutating func flush() throws(StorageError) {
            var offset = 0
            while offset < buffer.count {
                let written = buffer[offset...].withUnsafeBytes { systemWrite(descriptor, $0.baseAddress, $0.count) }
                if written < 0 {
                    if errno == EINTR { continue }
                    throw StorageError(kind: .file, path: path, message: "cannot write: \(errnoText(errno))")
                }
                offset += written
            }
            buffer.removeAll(keepingCapacity: true)
        }
    }

    /// Creates the folder `url` goes into, if missing, and returns its path.
    static func makeFolder(of url: URL) throws(StorageError) -> String {
        let folder = url.deletingLastPathComponent().path
        try createFolder(folder)
        return folder
    }

    /// Creates `folder` and its parents, if missing; the error calls it `what` ("the folder", "the database folder").
    static func createFolder(_ folder: String, what: String = "the folder") throws(StorageError) {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw StorageError(
                kind: .file,
                path: folder,
                message: "cannot create \(what): \(CSVReportReader.reason(error))"
            )
        }
    }

    /// A hidden, unique path beside `url` (`.NAME.KIND-PID-RANDOM`) for a temporary or probe file.
    static func hiddenSibling(of url: URL, in folder: String, kind: String) -> String {
        folder + "/." + url.lastPathComponent + ".\(kind)-\(getpid())-\(UInt32.random(in: 0 ... .max))"
    }

    /// Writes `produce`'s output to `url` atomically, creating the folder if missing.
    public static func write(
        to url: URL,
        permissions: mode_t = 0o644,
        _ produce: (inout Output) throws(StorageError) -> Void
    ) throws(StorageError) {
        let destination = url.path
        let folder = try makeFolder(of: url)
        let temporary = hiddenSibling(of: url, in: folder, kind: "tmp")
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, permissions)
        guard descriptor >= 0 else {
            throw StorageError(
                kind: .file,
                path: temporary,
                message: "cannot create a temporary file: \(errnoText(errno))"
            )
        }
        var isOpen = true
        do throws(StorageError) {
            var output = Output(descriptor: descriptor, path: temporary)
            try produce(&output)
            try output.flush()
            guard fsync(descriptor) == 0 else {
                throw StorageError(kind: .file, path: temporary, message: "cannot flush to disk: \(errnoText(errno))")
            }
            isOpen = false
            guard close(descriptor) == 0 else {
                throw StorageError(kind: .file, path: temporary, message: "cannot close: \(errnoText(errno))")
            }
            guard rename(temporary, destination) == 0 else {
                throw StorageError(
                    kind: .file,
                    path: destination,
                    message: "cannot move the new file into place: \(errnoText(errno))"
                )
            }
        } catch {
            if isOpen { close(descriptor) }
            unlink(temporary)
            throw error
        }
        syncFolder(folder)
    }

    /// Writes `data` to `url` atomically.
    public static func write(_ data: Data, to url: URL) throws(StorageError) {
        try write(to: url) { (output: inout Output) throws(StorageError) in
            try output.write(bytes: data)
        }
    }

    /// Makes a rename durable; failure only weakens crash safety, so it is ignored.
    private static func syncFolder(_ folder: String) {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }
}

/// `write(2)`, named apart from `Output.write`.
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
