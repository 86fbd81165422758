import Foundation

/// Why the simulator could not load its files or start; the description names the file, never a secret.
public struct SimulatorError: Error, CustomStringConvertible, Sendable, Equatable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }

    static func file(_ url: URL, _ problem: String) -> SimulatorError {
        SimulatorError("\(url.path): \(problem)")
    }

    /// The bytes of a file the simulator starts from (fleet, usage); a failure names the file.
    static func contents(of url: URL) throws(SimulatorError) -> Data {
        do {
            return try Data(contentsOf: url)
        } catch {
            throw file(url, "cannot be read")
        }
    }
}
