import GESSimulator
import Logging

extension Simulator {
    /// Starts `ges-sim` in-process on a free port of 127.0.0.1 and returns it with its base URL
    /// (`http://127.0.0.1:PORT`); the caller stops it.
    public static func startOnLoopback(
        _ configuration: SimulatorConfiguration,
        logger: Logger = .discarding("ges-sim")
    ) async throws -> (Simulator, String) {
        let simulator = Simulator(configuration: configuration, logger: logger)
        let port = try await simulator.start()
        return (simulator, "http://127.0.0.1:\(port)")
    }
}
