import FlyingFox
import FlyingSocks
import Foundation

/// FlyingFox's default socket pool, with Nagle's algorithm turned off on every socket it waits for.
///
/// FlyingFox writes a response's header and body in two `send`s. With Nagle on, the body waits for the
/// client to acknowledge the header, and clients delay that ACK by up to 40 ms on a kept-alive connection:
/// every answer after the first few took latency + ~40 ms. TCP_NODELAY on the listening socket (inherited
/// by accepted sockets on Linux) and on each connection the pool suspends removes that wait.
/// https://man7.org/linux/man-pages/man7/tcp.7.html (TCP_NODELAY)
struct NoDelaySocketPool: AsyncSocketPool {
    private let base: any AsyncSocketPool
    private static var noDelay: BoolSocketOption {
        BoolSocketOption(level: Int32(IPPROTO_TCP), name: Int32(TCP_NODELAY))
    }

    init(base: any AsyncSocketPool = HTTPServer.defaultPool()) {
        self.base = base
    }

    func prepare() async throws {
        try await base.prepare()
    }

    func run() async throws {
        try await base.run()
    }

    func suspendSocket(_ socket: Socket, untilReadyFor events: Socket.Events) async throws {
        // Fails harmlessly on a socket that is not TCP; a second call on the same socket is a no-op.
        try? socket.setValue(true, for: Self.noDelay)
        try await base.suspendSocket(socket, untilReadyFor: events)
    }
}
