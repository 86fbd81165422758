import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A TCP server on 127.0.0.1 that answers every request with exact bytes, for answers no HTTP server would send.
///
/// It reads the request, writes `response`, then writes `flood` over and over until the client goes away (or
/// 256 MiB were written), and closes the connection. Connections are served one at a time, on one thread.
final class RawResponseServer: Sendable {
    let port: Int
    let url: URL
    private let socketFD: Int32
    private let response: [UInt8]
    private let flood: [UInt8]?
    private let written = Atomic<Int>(0)

    struct SetupError: Error, CustomStringConvertible {
        var description: String
    }

    init(response: [UInt8], flood: [UInt8]? = nil) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw SetupError(description: "socket() failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let size = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, size) }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            Glibc.close(fd)
            throw SetupError(description: "cannot listen on 127.0.0.1")
        }
        var length = size
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        url = URL(string: "http://127.0.0.1:\(port)/")!
        socketFD = fd
        self.response = response
        self.flood = flood
        let thread = Thread { [self] in self.serve() }
        thread.start()
    }

    /// Bytes written to clients so far.
    var bytesWritten: Int { written.load(ordering: .relaxed) }

    /// Stops accepting; `accept` then fails and the thread ends.
    func close() {
        shutdown(socketFD, Int32(SHUT_RDWR))
        Glibc.close(socketFD)
    }

    private func serve() {
        while true {
            let client = accept(socketFD, nil, nil)
            guard client >= 0 else { return }
            var buffer = [UInt8](repeating: 0, count: 65_536)
            _ = recv(client, &buffer, buffer.count, 0)
            if write(response, to: client), let flood {
                while bytesWritten < 256 << 20, write(flood, to: client) {}
            }
            Glibc.close(client)
        }
    }

    /// Writes all of `bytes`; false once the client has gone away.
    private func write(_ bytes: [UInt8], to client: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { return false }
            offset += sent
            written.add(sent, ordering: .relaxed)
        }
        return true
    }
}
