import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A TCP server on 127.0.0.1 that misbehaves on purpose, for what no HTTP server would do.
///
/// Each connection's request is read once; then the server either answers with exact bytes (and may flood the
/// client until it goes away or 256 MiB were written) or resets the connection (`SO_LINGER` 0, then close).
/// Connections are served one at a time on a dedicated thread, never on Swift's cooperative pool, so its
/// blocking calls starve no test.
public final class RawTCPServer: Sendable {
    /// What every connection gets.
    public enum Behaviour: Sendable {
        /// `response`, then `flood` over and over (when given), then close.
        case answer([UInt8], flood: [UInt8]? = nil)
        /// A reset instead of an answer.
        case reset
    }

    public let port: Int
    /// `http://127.0.0.1:PORT/`.
    public let url: URL
    private let socketFD: Int32
    private let behaviour: Behaviour
    private let written = Atomic<Int>(0)
    private let accepted = Atomic<Int>(0)

    /// Why the server could not listen.
    public struct SetupError: Error, CustomStringConvertible {
        public var description: String
    }

    public init(_ behaviour: Behaviour) throws {
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
        self.behaviour = behaviour
        let thread = Thread { [self] in self.serve() }
        thread.start()
    }

    /// Bytes written to clients so far.
    public var bytesWritten: Int { written.load(ordering: .relaxed) }

    /// Connections accepted (and answered or reset) so far.
    public var connectionCount: Int { accepted.load(ordering: .relaxed) }

    /// Stops accepting; `accept` then fails and the thread ends.
    public func close() {
        shutdown(socketFD, Int32(SHUT_RDWR))
        Glibc.close(socketFD)
    }

    private func serve() {
        while true {
            let client = accept(socketFD, nil, nil)
            guard client >= 0 else { return }
            var buffer = [UInt8](repeating: 0, count: 65_536)
            _ = recv(client, &buffer, buffer.count, 0)
            switch behaviour {
            case .answer(let response, let flood):
                if write(response, to: client), let flood {
                    while bytesWritten < 256 << 20, write(flood, to: client) {}
                }
            case .reset:
                var option = linger(l_onoff: 1, l_linger: 0)
                _ = setsockopt(client, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
            }
            accepted.add(1, ordering: .relaxed)
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
