import Foundation

/// One graph as the simulator holds it: its JSON object as given, plus what happened to it.
struct SimulatedGraph: Sendable, Equatable {
    /// The fleet file's object; only `status` is ever rewritten.
    var object: [String: JSONValue]
    let id: String
    /// When the graph reached `900` on the simulated clock, for the seven-day automatic restart.
    var stoppedAt: Date?
    var stopRequests: [RequestRecord] = []
    var startRequests: [RequestRecord] = []
    /// Automatic restarts (seven days after a stop), on the simulated clock.
    var automaticRestarts: [Date] = []

    init?(_ value: JSONValue) {
        guard case .object(let object) = value, let id = object["id"]?.stringValue else { return nil }
        self.object = object
        self.id = id
    }

    var status: String {
        get { object["status"]?.stringValue ?? "" }
        set { object["status"] = .string(newValue) }
    }

    var name: String { object["name"]?.stringValue ?? id }

    var isPersistence: Bool { object["product_type"]?.stringValue == "Persistence" }
}

/// A stop or start request the simulator received, with how it answered.
struct RequestRecord: Sendable, Equatable {
    var at: Date
    var httpStatus: Int
    var errorCode: String?
    var jobID: String?
    var isScripted: Bool
}
