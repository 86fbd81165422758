/// A GES graph status code (docs/ges-api.md §2.4), kept as the API spells it so that a code unknown here survives.
///
/// The job relies on four codes: only a `running` graph is stopped; `stopped` and `stopping` show that a stop took
/// effect; `starting` (like `running`) that a graph may have been started again since.
public struct GraphStatus: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public static let running = GraphStatus(rawValue: "200")
    public static let stopped = GraphStatus(rawValue: "900")
    public static let stopping = GraphStatus(rawValue: "901")
    public static let starting = GraphStatus(rawValue: "920")

    /// The code as GES sends it (`200`).
    public var description: String { rawValue }

    /// What the code means (`stopped`), or nil for a code docs/ges-api.md §2.4 does not list.
    public var name: String? {
        [
            "100": "preparing", "200": "running", "201": "upgrading", "202": "importing", "203": "rolling back",
            "204": "exporting", "205": "clearing", "206": "preparing scale-out", "207": "scaling out",
            "208": "rolling back scale-out", "210": "preparing replica expansion", "211": "expanding replicas",
            "300": "faulty", "303": "creation failed", "400": "deleted", "800": "frozen", "900": "stopped",
            "901": "stopping", "903": "backing up", "920": "starting",
        ][rawValue]
    }
}
