import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension MetricsDocument {
    /// Writes the document to `url` atomically, readable by all (0644), so the collector never reads half a file.
    ///
    /// The mode is set after the rename because the temporary file's mode is narrowed by the umask, and
    /// node_exporter usually runs as another user.
    public func write(to url: URL) throws(StorageError) {
        let content = text
        try AtomicFile.write(to: url, permissions: 0o644) { (output: inout AtomicFile.Output) throws(StorageError) in
            try output.write(content)
        }
        guard chmod(url.path, 0o644) == 0 else {
            throw StorageError(kind: .file, path: url.path, message: "cannot make it readable: \(errnoText(errno))")
        }
    }
}
