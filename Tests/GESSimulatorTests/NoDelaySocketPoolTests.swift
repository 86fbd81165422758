import FlyingSocks
import Foundation
import Testing

@testable import GESSimulator

/// ges-sim's sockets send without Nagle's wait, so an answer's body never waits for the client's delayed ACK.
struct NoDelaySocketPoolTests {
    /// A pool whose sockets are always ready: the wrapper's own effect is all that is observed.
    struct ReadyPool: AsyncSocketPool {
        func prepare() async throws {}
        func run() async throws {}
        func suspendSocket(_ socket: Socket, untilReadyFor events: Socket.Events) async throws {}
    }

    static var noDelay: BoolSocketOption { BoolSocketOption(level: Int32(IPPROTO_TCP), name: Int32(TCP_NODELAY)) }

    @Test func aSuspendedTCPSocketGetsNoDelay() async throws {
        let socket = try Socket(domain: AF_INET, type: .stream)
        defer { try? socket.close() }
        #expect(try socket.getValue(for: Self.noDelay) == false)  // the kernel's default: Nagle on
        try await NoDelaySocketPool(base: ReadyPool()).suspendSocket(socket, untilReadyFor: .read)
        #expect(try socket.getValue(for: Self.noDelay) == true)
    }

    @Test func aSocketThatIsNotTCPIsLeftAsItIs() async throws {
        let socket = try Socket(domain: AF_UNIX, type: .stream)
        defer { try? socket.close() }
        try await NoDelaySocketPool(base: ReadyPool()).suspendSocket(socket, untilReadyFor: .read)
        #expect(throws: (any Error).self) { try socket.getValue(for: Self.noDelay) }
    }
}
