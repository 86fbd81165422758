import FlyingFox
import FlyingSocks
import Foundation
import Logging

/// The local GES / IAM stand-in (docs/SPEC.md §9): serves a fleet on 127.0.0.1 with jobs, a movable clock and faults.
///
/// Start it in-process in tests (`start()` returns the port), or through the `ges-sim` executable.
public actor Simulator {
    public nonisolated let configuration: SimulatorConfiguration
    private let logger: Logger
    private let state: SimulatorState
    private var server: HTTPServer?
    private var serverTask: Task<Void, any Error>?

    public init(
        configuration: SimulatorConfiguration,
        logger: Logger = Logger(label: "ges-sim", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.configuration = configuration
        self.logger = logger
        self.state = SimulatorState(configuration: configuration)
    }

    /// Binds 127.0.0.1 on the configured port (0: a free one) and returns the port it listens on.
    public func start() async throws(SimulatorError) -> Int {
        if let server, case .ip4(_, let port)? = await server.listeningAddress { return Int(port) }
        guard (0...65_535).contains(configuration.port) else {
            throw SimulatorError("port \(configuration.port) is out of range")
        }
        let address: sockaddr_in
        do {
            address = try sockaddr_in.inet(ip4: "127.0.0.1", port: UInt16(configuration.port))
        } catch {
            throw SimulatorError("cannot make the address 127.0.0.1:\(configuration.port)")
        }
        let router = SimulatorRouter(configuration: configuration, state: state, logger: logger)
        // A long handler timeout: injected hangs must last as long as asked. No Nagle: see NoDelaySocketPool.
        let server = HTTPServer(
            address: address,
            timeout: 86_400,
            pool: NoDelaySocketPool(),
            logger: .disabled,
            handler: SimulatorHTTPHandler(router: router)
        )
        let task = Task { try await server.run() }
        do {
            try await server.waitUntilListening(timeout: 10)
        } catch {
            task.cancel()
            throw SimulatorError("cannot listen on 127.0.0.1:\(configuration.port): \(error.localizedDescription)")
        }
        guard case .ip4(_, let port)? = await server.listeningAddress else {
            task.cancel()
            throw SimulatorError("the server did not report an IPv4 address")
        }
        self.server = server
        self.serverTask = task
        if configuration.isOpen {
            logger.warning("no credentials configured: every request is accepted")
        }
        logger.info("listening on http://127.0.0.1:\(port) with \(configuration.fleet.graphs.count) graphs")
        return Int(port)
    }

    /// Closes the listening socket and ends open connections, hanging ones included.
    public func stop() async {
        guard let server else { return }
        await server.stop(timeout: 0)
        serverTask?.cancel()
        self.server = nil
        self.serverTask = nil
        logger.info("stopped")
    }

    /// The same document as `GET /_sim/state`, for in-process callers.
    public func stateDocument() async -> JSONValue {
        await state.snapshot()
    }

    /// Moves the simulated clock, like `POST /_sim/clock`.
    @discardableResult
    public func advanceClock(by seconds: TimeInterval) async -> Date {
        await state.advanceClock(by: seconds)
    }

    /// Sets the simulated clock, like `POST /_sim/clock` with `now`.
    @discardableResult
    public func setClock(to date: Date) async -> Date {
        await state.setClock(to: date)
    }

    /// Replaces the fault settings, like `POST /_sim/faults`.
    public func replaceFaults(_ faults: FaultSettings) async {
        await state.replaceFaults(faults)
    }

    /// Sets a graph's status, like `POST /_sim/graphs/{id}/status` (a person starting a graph: `.running`).
    @discardableResult
    public func setStatus(_ status: SimulatedStatus, of graphID: String) async -> Bool {
        await state.setStatus(status, of: graphID, stoppedAt: nil)
    }

    /// Adds a graph (a list-graphs object), like `POST /_sim/graphs`.
    @discardableResult
    public func addGraph(_ graph: JSONValue) async -> Bool {
        await state.addGraph(graph)
    }

    /// Deletes a graph, like `DELETE /_sim/graphs/{id}`.
    @discardableResult
    public func removeGraph(_ graphID: String) async -> Bool {
        await state.removeGraph(graphID)
    }

    /// Replaces a graph's tags, like `POST /_sim/graphs/{id}/tags` with `{"tags": {"env": "dev"}}`.
    @discardableResult
    public func setTags(of graphID: String, to tags: [String: String]) async -> Bool {
        await state.setTags(of: graphID, to: tags)
    }

    /// The SMN messages and webhook posts received so far, oldest first, like `GET /_sim/notifications`.
    public func notifications() async -> [JSONValue] {
        await state.notifications
    }
}
