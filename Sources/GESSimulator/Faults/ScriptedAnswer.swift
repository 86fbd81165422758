import Foundation

/// One canned answer to a stop request for a graph, consumed in order (fault injection).
///
/// Without a body, status 200 means "handle the request normally (after the delay)" and any other
/// status gets the simulator's plausible error body for that status.
public struct ScriptedAnswer: Sendable, Equatable {
    public var status: Int
    public var body: JSONValue?
    public var delayMilliseconds: Int

    public init(status: Int, body: JSONValue? = nil, delayMilliseconds: Int = 0) {
        self.status = status
        self.body = body
        self.delayMilliseconds = delayMilliseconds
    }

    /// Parses a script file: `{"<graph id>": [{"status": 503, "body": {...}, "delay_ms": 100}, ...]}`.
    public static func scripts(data: Data, source: String = "script") throws(SimulatorError) -> [String:
        [ScriptedAnswer]]
    {
        let document: JSONValue
        do {
            document = try JSONValue.parse(data)
        } catch {
            throw SimulatorError("\(source): not valid JSON")
        }
        return try scripts(document, source: source)
    }

    /// Reads a script file.
    public static func scripts(contentsOf url: URL) throws(SimulatorError) -> [String: [ScriptedAnswer]] {
        try scripts(data: SimulatorError.contents(of: url), source: url.path)
    }

    static func scripts(_ document: JSONValue, source: String) throws(SimulatorError) -> [String: [ScriptedAnswer]] {
        guard case .object(let members) = document else {
            throw SimulatorError("\(source): expected an object mapping graph ids to lists of answers")
        }
        var result: [String: [ScriptedAnswer]] = [:]
        for (graphID, list) in members {
            guard case .array(let entries) = list else {
                throw SimulatorError("\(source): \(graphID): expected a list of answers")
            }
            result[graphID] = try entries.enumerated().map { (index, entry) throws(SimulatorError) in
                guard let status = entry["status"]?.integerValue, (100...599).contains(status) else {
                    throw SimulatorError("\(source): \(graphID)[\(index)]: \"status\" must be an HTTP status code")
                }
                let delay = entry["delay_ms"]?.integerValue ?? 0
                guard delay >= 0 else {
                    throw SimulatorError("\(source): \(graphID)[\(index)]: \"delay_ms\" must not be negative")
                }
                return ScriptedAnswer(status: Int(status), body: entry["body"], delayMilliseconds: Int(delay))
            }
        }
        return result
    }
}
