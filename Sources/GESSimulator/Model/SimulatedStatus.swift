import Foundation

/// A graph's `status` code as the simulator serves it (docs/ges-api.md §2.4): the simulator's own model.
///
/// Any code may be set (a fleet file or `/_sim/graphs/{id}/status` may name one the simulator does not act on), so it
/// is a string with the codes the simulator acts on named.
public struct SimulatedStatus: RawRepresentable, Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible
{
    public var rawValue: String

    public static let running: SimulatedStatus = "200"
    public static let importing: SimulatedStatus = "202"
    public static let exporting: SimulatedStatus = "204"
    public static let clearing: SimulatedStatus = "205"
    public static let stopped: SimulatedStatus = "900"
    public static let stopping: SimulatedStatus = "901"
    public static let starting: SimulatedStatus = "920"

    /// How long GES leaves a graph stopped before starting it again by itself (docs/ges-api.md §1: at most 7 days).
    static let automaticRestartDelay: TimeInterval = 7 * 86_400

    public init(rawValue: String) { self.rawValue = rawValue }

    public init(stringLiteral value: String) { rawValue = value }

    /// Whether Cloud Eye receives metrics from a graph in this status (docs/ges-api.md §6).
    var isReporting: Bool { [.running, .importing, .exporting, .clearing].contains(self) }

    public var description: String { rawValue }
}
