import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension AtomicFile {
    /// Checks, before the work that produces it, that `url` can be written: its folder takes a new file.
    ///
    /// Creates the folder if missing, then creates and removes a probe file in it (the test that holds for
    /// any user, root included, and for read-only mounts), and refuses a destination that is a folder. A run
    /// calls it before sending any stop, so a report that cannot be written is found while exit 1 still
    /// means "nothing sent".
    public static func checkWritable(_ url: URL) throws(StorageError) {
        let destination = url.path
        let folder = try makeFolder(of: url)
        var info = stat()
        if stat(destination, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
            throw StorageError(kind: .file, path: destination, message: "is a folder, not a file")
        }
        let probe = hiddenSibling(of: url, in: folder, kind: "probe")
        let descriptor = open(probe, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw StorageError(
                kind: .file,
                path: folder,
                message: "cannot create a file in this folder: \(errnoText(errno))"
            )
        }
        close(descriptor)
        unlink(probe)
    }
}
