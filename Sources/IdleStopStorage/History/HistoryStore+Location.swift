import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension HistoryStore {
    /// `path` as an absolute path free of symbolic links, so that every spelling of one database locks one file.
    ///
    /// A relative path is taken from the working folder. An existing file is resolved whole with `realpath(3)`
    /// (a linked file counts as its target); a file not made yet is named in its folder, which is created if
    /// missing and then resolved. Two runs that name one database differently (from other working folders,
    /// through a linked folder or a linked file) then take the same `FILE.lock`.
    /// https://man7.org/linux/man-pages/man3/realpath.3.html
    public static func canonicalPath(_ path: String) throws(StorageError) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        if let resolved = realPath(absolute) { return resolved }
        let slash = absolute.lastIndex(of: "/")!
        let name = String(absolute[absolute.index(after: slash)...])
        let folder = slash == absolute.startIndex ? "/" : String(absolute[..<slash])
        guard !name.isEmpty else {
            throw StorageError(kind: .file, path: path, message: "names a folder, not a database file")
        }
        try AtomicFile.createFolder(folder, what: "the database folder")
        guard let resolvedFolder = realPath(folder) else {
            throw StorageError(kind: .file, path: folder, message: "cannot resolve the folder: \(errnoText(errno))")
        }
        return (resolvedFolder == "/" ? "" : resolvedFolder) + "/" + name
    }

    /// `realpath(3)` of `path`, or nil if some part of it does not exist.
    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
