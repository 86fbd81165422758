import FlyingFox
import FlyingSocks
import Foundation

/// A FlyingFox server on 127.0.0.1 and a free port, for one test.
struct LoopbackServer {
    let server: HTTPServer
    let task: Task<Void, any Error>
    let baseURL: URL

    static func start(_ configure: (HTTPServer) async -> Void) async throws -> LoopbackServer {
        let server = HTTPServer(
            address: try sockaddr_in.inet(ip4: "127.0.0.1", port: 0),
            timeout: 30,
            logger: .disabled
        )
        await configure(server)
        let task = Task { try await server.run() }
        try await server.waitUntilListening()
        guard case .ip4(_, let port) = await server.listeningAddress else {
            throw ServerError(description: "server is not listening on IPv4")
        }
        guard let url = URL(string: "http://127.0.0.1:\(port)") else {
            throw ServerError(description: "bad URL")
        }
        return LoopbackServer(server: server, task: task, baseURL: url)
    }

    func url(_ path: String) -> URL { URL(string: baseURL.absoluteString + path)! }

    func stop() async {
        await server.stop()
        task.cancel()
    }

    struct ServerError: Error, CustomStringConvertible {
        var description: String
    }
}

/// Counts requests a handler received.
actor RequestCounter {
    private(set) var count = 0
    private(set) var lastHeaders: [String: String] = [:]
    private(set) var lastBody = Data()

    @discardableResult
    func record(_ request: FlyingFox.HTTPRequest) async -> Int {
        count += 1
        var headers: [String: String] = [:]
        for (name, value) in request.headers { headers[name.rawValue.lowercased()] = value }
        lastHeaders = headers
        lastBody = (try? await request.bodyData) ?? Data()
        return count
    }
}

/// Bytes served without a known length, so FlyingFox answers with chunked encoding (no Content-Length).
struct UnsizedBytes: AsyncBufferedSequence, Sendable {
    typealias Element = UInt8
    let bytes: [UInt8]

    func makeAsyncIterator() -> Iterator { Iterator(bytes: bytes[...]) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var bytes: ArraySlice<UInt8>

        mutating func next() async -> UInt8? { bytes.popFirst() }

        mutating func nextBuffer(suggested count: Int) async -> ArraySlice<UInt8>? {
            guard !bytes.isEmpty else { return nil }
            let chunk = bytes.prefix(Swift.max(1, count))
            bytes = bytes.dropFirst(chunk.count)
            return chunk
        }
    }
}
