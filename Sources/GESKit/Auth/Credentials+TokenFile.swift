import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension Credentials {
    /// The most a token file may hold: an IAM token is a few kilobytes.
    static let tokenFileSizeLimit = 64 * 1024

    /// Reads a token file through one open descriptor, refusing a file another user could have put there or changed.
    ///
    /// The folder is opened, then the file in it (`openat` with `O_NOFOLLOW`, and `O_NONBLOCK` so that a FIFO
    /// cannot hang the run); every check is an `fstat` of those descriptors and the token is read from the same
    /// one, so nothing can be swapped between a check and the read. Refused: a symbolic link (as the file's own
    /// name; linked folders on the way are fine), anything but a regular file, a file owned by neither the user
    /// running the job nor root, a file open to group or others, and a folder anyone may write to, sticky or not
    /// (a token does not belong in a shared scratch folder such as /tmp).
    /// https://man7.org/linux/man-pages/man2/open.2.html
    static func readTokenFile(_ path: String) throws(AuthError) -> String {
        func refusal(_ reason: String) -> AuthError {
            AuthError(kind: .tokenFile, message: "token file \(path) \(reason)")
        }
        let (folder, name) = folderAndName(of: path)
        guard !name.isEmpty, name != ".", name != ".." else { throw refusal("names a folder, not a file") }
        let folderDescriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard folderDescriptor >= 0 else {
            throw refusal("cannot be read: its folder cannot be opened (\(errorText(errno))) (\(Variable.tokenFile))")
        }
        defer { close(folderDescriptor) }
        var folderInfo = stat()
        guard fstat(folderDescriptor, &folderInfo) == 0 else {
            throw refusal("cannot be read: its folder cannot be examined (\(errorText(errno)))")
        }
        if folderInfo.st_mode & S_IWOTH != 0 {
            throw refusal(
                "is in a folder anyone may write to (\(folder), mode \(octal(folderInfo.st_mode & 0o7777))); "
                    + "keep it in a folder only its owner can write to"
            )
        }

        let descriptor = openat(folderDescriptor, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            if code == ELOOP { throw refusal("is a symbolic link; name the file it points to instead") }
            throw refusal("cannot be read: \(errorText(code)) (\(Variable.tokenFile))")
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw refusal("cannot be examined: \(errorText(errno))") }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw refusal("is not a regular file (it is \(fileTypeName(info.st_mode)))")
        }
        let user = geteuid()
        guard info.st_uid == user || info.st_uid == 0 else {
            throw refusal(
                "is owned by uid \(info.st_uid), not by the user running the job (uid \(user)) or root; "
                    + "run: chown \(user) \(path)"
            )
        }
        if info.st_mode & 0o077 != 0 {
            throw refusal(
                "is open to group or others (mode \(octal(info.st_mode & 0o777))); run: chmod 600 \(path)"
            )
        }
        return try token(in: readAll(descriptor, refusal: refusal), refusal: refusal)
    }

    /// Every byte of an open regular file, up to `tokenFileSizeLimit`.
    private static func readAll(_ descriptor: Int32, refusal: (String) -> AuthError) throws(AuthError) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return bytes }
            guard count > 0 else {
                if errno == EINTR { continue }
                throw refusal("cannot be read: \(errorText(errno))")
            }
            bytes.append(contentsOf: chunk[..<count])
            guard bytes.count <= tokenFileSizeLimit else {
                throw refusal("is larger than \(tokenFileSizeLimit / 1024) KiB; it should hold one token")
            }
        }
    }

    /// The one line of text a token file holds, trimmed.
    private static func token(in bytes: [UInt8], refusal: (String) -> AuthError) throws(AuthError) -> String {
        guard let contents = String(validating: bytes, as: UTF8.self) else {
            throw refusal("cannot be read as UTF-8 text")
        }
        let token = contents.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else { throw refusal("is empty") }
        guard !token.contains(where: { $0.isNewline }) else { throw refusal("holds more than one line") }
        return token
    }

    /// The folder and the last name of `path`: `.` for a bare name, `/` for a file at the root.
    static func folderAndName(of path: String) -> (folder: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let folder = String(path[..<slash])
        return (folder.isEmpty ? "/" : folder, String(path[path.index(after: slash)...]))
    }

    /// What a file that is not a regular one is, in words.
    private static func fileTypeName(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: "a folder"
        case S_IFIFO: "a FIFO"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        default: "not a regular file"
        }
    }

    private static func octal(_ mode: mode_t) -> String { String(mode, radix: 8) }

    private static func errorText(_ code: Int32) -> String { String(cString: strerror(code)) }
}
