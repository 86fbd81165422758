import Foundation

/// One canned answer to a stop request for a graph, consumed in order (fault injection).
///
/// Without a body, status 200 means "handle the request normally (after the delay)" and any other
/// status gets the simulator's plausible error body for that status. `headers` are added to the answer
/// either way (replacing a header of the same name), e.g. `["Retry-After": "2"]` to rehearse throttling.
public struct ScriptedAnswer: Sendable, Equatable {
    public var status: Int
    public var body: JSONValue?
    public var delayMilliseconds: Int
    /// Extra response headers, name to value.
    public var headers: [String: String]

    public init(status: Int, body: JSONValue? = nil, delayMilliseconds: Int = 0, headers: [String: String] = [:]) {
        self.status = status
        self.body = body
        self.delayMilliseconds = delayMilliseconds
        self.headers = headers
    }

    /// Parses a script file:
    /// `{"<graph id>": [{"status": 429, "body": {...}, "delay_ms": 100, "headers": {"Retry-After": "2"}}, ...]}`.
    ///
    /// Header values are strings; names are HTTP tokens, values hold no line break or NUL.
    public static func scripts(
        data: Data,
        source: String = "script"
    ) throws(SimulatorError) -> [String:
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
                let headers = try Self.headers(entry["headers"], source: "\(source): \(graphID)[\(index)]")
                return ScriptedAnswer(
                    status: Int(status),
                    body: entry["body"],
                    delayMilliseconds: Int(delay),
                    headers: headers
                )
            }
        }
        return result
    }

    /// The `headers` object of one answer, checked so it cannot split the response.
    private static func headers(_ value: JSONValue?, source: String) throws(SimulatorError) -> [String: String] {
        guard let value else { return [:] }
        guard case .object(let members) = value else {
            throw SimulatorError("\(source): \"headers\" must be an object of header names to string values")
        }
        let separators = Set("()<>@,;:\\\"/[]?={} \t".utf8)
        var headers: [String: String] = [:]
        for (name, field) in members {
            let isToken =
                !name.isEmpty && name.utf8.allSatisfy { (0x21...0x7E).contains($0) && !separators.contains($0) }
            guard isToken else { throw SimulatorError("\(source): header name \(name.debugDescription) is not valid") }
            guard let text = field.stringValue, !text.utf8.contains(where: { [0x00, 0x0A, 0x0D].contains($0) }) else {
                throw SimulatorError("\(source): header \(name) must be a string without line breaks")
            }
            headers[name] = text
        }
        return headers
    }
}
