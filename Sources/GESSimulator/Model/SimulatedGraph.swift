import Foundation

/// One graph as the simulator holds it: its JSON object as given, plus what happened to it.
struct SimulatedGraph: Sendable, Equatable {
    /// The fleet file's object; only `status` is ever rewritten.
    var object: [String: JSONValue]
    let id: String
    /// When the graph reached `stopped` on the simulated clock, for the automatic restart.
    var stoppedAt: Date?
    var stopRequests: [RequestRecord] = []
    var startRequests: [RequestRecord] = []
    /// Automatic restarts (`SimulatedStatus.automaticRestartDelay` after a stop), on the simulated clock.
    var automaticRestarts: [Date] = []
    /// Times the graph sent Cloud Eye nothing; the last may still be open.
    var silentSpans: [SilentSpan] = []

    init?(_ value: JSONValue) {
        guard case .object(let object) = value, let id = object["id"]?.stringValue else { return nil }
        self.object = object
        self.id = id
    }

    var status: SimulatedStatus {
        get { SimulatedStatus(rawValue: object["status"]?.stringValue ?? "") }
        set { object["status"] = .string(newValue.rawValue) }
    }

    var name: String { object["name"]?.stringValue ?? id }

    /// Whether Cloud Eye receives data from the graph in its current status.
    var isReporting: Bool { status.isReporting }

    /// Changes the status at `date`, opening a silent span when reporting ends and closing it when it resumes.
    mutating func changeStatus(to newStatus: SimulatedStatus, at date: Date) {
        let wasReporting = isReporting
        status = newStatus
        if wasReporting && !isReporting {
            silentSpans.append(SilentSpan(start: date, end: nil))
        } else if !wasReporting && isReporting, let last = silentSpans.indices.last, silentSpans[last].end == nil {
            silentSpans[last].end = Swift.max(date, silentSpans[last].start)
        }
    }

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
