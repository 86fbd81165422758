import Foundation

extension CloudEyeClient {
    /// The datapoints of one answer by graph ID, after checking it answers exactly what `query` asked.
    ///
    /// Every graph asked must appear once (a missing one is an error, never a gap), no other graph may,
    /// every datapoint must carry a finite, non-negative `sum` and lie in `[from, to)`, and no timestamp may repeat.
    static func datapoints(
        in body: Data,
        for query: CloudEyeQuery
    ) throws(CloudEyeError)
        -> [String: [CloudEyeDatapoint]]
    {
        let answer: CloudEyeWire.ResponseBody
        do {
            answer = try JSONDecoder().decode(CloudEyeWire.ResponseBody.self, from: body)
        } catch {
            throw malformed("the batch query answer is not the expected JSON")
        }
        let asked = Set(query.graphIDs)
        var result: [String: [CloudEyeDatapoint]] = [:]
        for metric in answer.metrics {
            if let name = metric.metricName, name != CloudEyeWire.metricName {
                throw malformed("the answer holds metric \(shown(name)), not \(CloudEyeWire.metricName)")
            }
            if let namespace = metric.namespace, namespace != CloudEyeWire.namespace {
                throw malformed("the answer holds namespace \(shown(namespace)), not \(CloudEyeWire.namespace)")
            }
            guard let graphID = metric.graphID else {
                throw malformed("the answer holds a metric without an \(CloudEyeWire.dimensionName) dimension")
            }
            guard asked.contains(graphID) else {
                throw malformed("the answer holds graph \(shown(graphID)), which was not asked for")
            }
            guard result[graphID] == nil else {
                throw malformed("the answer lists graph \(graphID) twice")
            }
            result[graphID] = try checkedPoints(metric.datapoints ?? [], graphID: graphID, for: query)
        }
        if let missing = query.graphIDs.first(where: { result[$0] == nil }) {
            let others = query.graphIDs.filter { result[$0] == nil }.count - 1
            throw CloudEyeError(
                kind: .incompleteAnswer,
                message: "Cloud Eye answer for graph \(missing) missing"
                    + (others > 0 ? " (and for \(others) more graphs)" : "")
                    + " in range [\(query.from), \(query.to)) ms"
            )
        }
        return result
    }

    /// The datapoints of one graph, each with a finite, non-negative `sum`, inside `[from, to)`, none repeated.
    private static func checkedPoints(
        _ answered: [CloudEyeWire.Datapoint],
        graphID: String,
        for query: CloudEyeQuery
    ) throws(CloudEyeError) -> [CloudEyeDatapoint] {
        var points: [CloudEyeDatapoint] = []
        var timestamps: Set<Int64> = []
        for point in answered {
            guard let sum = point.sum else {
                throw malformed("graph \(graphID): datapoint at \(point.timestamp) ms has no sum")
            }
            // A negative sum would cancel real requests and could make a busy graph look idle.
            guard sum.isFinite, sum >= 0 else {
                throw malformed(
                    "graph \(graphID): datapoint at \(point.timestamp) ms has sum \(sum), not a request count"
                )
            }
            guard point.timestamp >= query.from, point.timestamp < query.to else {
                throw CloudEyeError(
                    kind: .incompleteAnswer,
                    message: "Cloud Eye answer for graph \(graphID) holds a datapoint at \(point.timestamp) ms, "
                        + "outside the range asked [\(query.from), \(query.to)) ms"
                )
            }
            guard timestamps.insert(point.timestamp).inserted else {
                throw malformed("graph \(graphID): datapoint at \(point.timestamp) ms appears twice")
            }
            points.append(CloudEyeDatapoint(timestamp: point.timestamp, sum: sum == 0 ? 0 : sum))
        }
        return points
    }

    private static func malformed(_ message: String) -> CloudEyeError {
        CloudEyeError(kind: .malformedResponse, message: "Cloud Eye: \(message)")
    }

    /// Service-provided text, short and printable.
    private static func shown(_ text: String) -> String {
        let short = text.count > 60 ? String(text.prefix(60)) + "…" : text
        return "\"" + short.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 ? String($0) : "?" }.joined() + "\""
    }
}
