import Foundation

/// A Cloud Eye metric-data query as the simulator received it: batch body or single-metric URL, checked.
struct CloudEyeRequest: Sendable, Equatable {
    /// One metric asked for; its dimensions are echoed back as sent.
    struct Metric: Sendable, Equatable {
        var namespace: String
        var metricName: String
        var dimensions: [(name: String, value: String)]

        /// The graph ID when this is GES's request count by `instance_id`, the one metric the simulator holds.
        var graphID: String? {
            guard namespace == CloudEyeRequest.namespace, metricName == CloudEyeRequest.metricName else {
                return nil
            }
            return dimensions.first { $0.name == CloudEyeRequest.dimensionName }?.value
        }

        var dimensionsDocument: JSONValue {
            .array(dimensions.map { ["name": .string($0.name), "value": .string($0.value)] })
        }

        static func == (lhs: Metric, rhs: Metric) -> Bool {
            lhs.namespace == rhs.namespace && lhs.metricName == rhs.metricName
                && lhs.dimensions.map(\.name) == rhs.dimensions.map(\.name)
                && lhs.dimensions.map(\.value) == rhs.dimensions.map(\.value)
        }
    }

    /// Why a request is refused: the 400 answer to send.
    struct Refusal: Error, Sendable {
        var answer: SimulatorAnswer
    }

    /// The one metric the simulator holds: GES's request count by graph (docs/ges-api.md §6).
    static let namespace = "SYS.GES"
    static let metricName = "ges004_request_count"
    static let dimensionName = "instance_id"

    var metrics: [Metric]
    var period: CloudEyeLimits.Period
    var filter: CloudEyeFilter
    /// Unix milliseconds, `from < to`.
    var from: Int64
    var to: Int64

    /// Parses the body of `POST /V1.0/{project_id}/batch-query-metric-data` (docs/ges-api.md §6.1).
    static func batch(_ body: Data) throws(Refusal) -> CloudEyeRequest {
        guard !body.isEmpty else {
            throw Refusal(answer: .error(400, "ces.0001", "The content must be specified."))
        }
        guard let document = try? JSONValue.parse(body), case .object = document else {
            throw bodyProblem("body", "expected a JSON object")
        }
        guard case .array(let entries)? = document["metrics"] else {
            throw bodyProblem("metrics", "expected an array")
        }
        guard (1...CloudEyeLimits.maxMetricsPerCall).contains(entries.count) else {
            throw bodyProblem(
                "metrics",
                "expected 1 to \(CloudEyeLimits.maxMetricsPerCall) metrics, got \(entries.count)"
            )
        }
        var metrics: [Metric] = []
        metrics.reserveCapacity(entries.count)
        for (index, entry) in entries.enumerated() {
            metrics.append(try metric(entry, at: index))
        }
        guard let periodText = document["period"]?.stringValue, let period = period(periodText) else {
            throw bodyProblem("period", "expected one of \(periodList) as a string")
        }
        guard let filterText = document["filter"]?.stringValue,
            let filter = CloudEyeFilter(rawValue: filterText)
        else {
            throw bodyProblem("filter", "expected one of \(filterList)")
        }
        guard let from = document["from"]?.integerValue, let to = document["to"]?.integerValue,
            from >= 0, from < to
        else {
            throw bodyProblem("from, to", "expected Unix milliseconds with from < to")
        }
        return CloudEyeRequest(metrics: metrics, period: period, filter: filter, from: from, to: to)
    }

    /// One entry of the body's `metrics` array; `index` names it in the refusal.
    private static func metric(_ entry: JSONValue, at index: Int) throws(Refusal) -> Metric {
        guard let namespace = entry["namespace"]?.stringValue, !namespace.isEmpty else {
            throw bodyProblem("metrics[\(index)].namespace", "expected a string")
        }
        guard let metricName = entry["metric_name"]?.stringValue, !metricName.isEmpty else {
            throw bodyProblem("metrics[\(index)].metric_name", "expected a string")
        }
        guard case .array(let list)? = entry["dimensions"], (1...CloudEyeLimits.maxDimensions).contains(list.count)
        else {
            throw bodyProblem(
                "metrics[\(index)].dimensions",
                "expected 1 to \(CloudEyeLimits.maxDimensions) dimensions"
            )
        }
        var dimensions: [(name: String, value: String)] = []
        for dimension in list {
            guard let name = dimension["name"]?.stringValue, !name.isEmpty,
                let value = dimension["value"]?.stringValue, !value.isEmpty
            else {
                throw bodyProblem(
                    "metrics[\(index)].dimensions",
                    "expected {\"name\": ..., \"value\": ...}"
                )
            }
            dimensions.append((name, value))
        }
        return Metric(namespace: namespace, metricName: metricName, dimensions: dimensions)
    }

    /// Parses the single-metric `GET /V1.0/{project_id}/metric-data?namespace=…&dim.0=instance_id,<id>&…` form.
    static func single(_ request: ReceivedRequest) throws(Refusal) -> CloudEyeRequest {
        func required(_ name: String) throws(Refusal) -> String {
            guard let value = request.queryValue(name), !value.isEmpty else {
                throw urlProblem(name, "missing")
            }
            return value
        }
        let namespace = try required("namespace")
        let metricName = try required("metric_name")
        var dimensions: [(name: String, value: String)] = []
        for index in 0..<CloudEyeLimits.maxDimensions {
            guard let text = request.queryValue("dim.\(index)") else { continue }
            let parts = text.split(separator: ",", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw urlProblem("dim.\(index)", "expected key,value")
            }
            dimensions.append((parts[0], parts[1]))
        }
        guard !dimensions.isEmpty else { throw urlProblem("dim.0", "missing") }
        guard let period = period(try required("period")) else {
            throw urlProblem("period", "expected one of \(periodList)")
        }
        guard let filter = CloudEyeFilter(rawValue: try required("filter")) else {
            throw urlProblem("filter", "expected one of \(filterList)")
        }
        guard let from = Int64(try required("from")), let to = Int64(try required("to")), from >= 0,
            from < to
        else {
            throw urlProblem("from, to", "expected Unix milliseconds with from < to")
        }
        return CloudEyeRequest(
            metrics: [Metric(namespace: namespace, metricName: metricName, dimensions: dimensions)],
            period: period,
            filter: filter,
            from: from,
            to: to
        )
    }

    private static func period(_ text: String) -> CloudEyeLimits.Period? {
        Int64(text).flatMap(CloudEyeLimits.Period.init(rawValue:))
    }

    private static let periodList = CloudEyeLimits.Period.allCases.map { String($0.rawValue) }.joined(separator: ", ")
    private static let filterList = CloudEyeFilter.allCases.map(\.rawValue).joined(separator: ", ")

    /// 400 `ces.0014`, worded like the service: the field in brackets, then what was expected.
    private static func bodyProblem(_ field: String, _ detail: String) -> Refusal {
        Refusal(
            answer: .error(
                400,
                "ces.0014",
                "Some content in message body is not correct, error message: [\(field)] \(detail)"
            )
        )
    }

    /// 400 `ces.0013` for a missing or invalid URL parameter.
    private static func urlProblem(_ name: String, _ detail: String) -> Refusal {
        Refusal(
            answer: .error(
                400,
                "ces.0013",
                "The URL parameter is invalid or does not exist: [\(name)] \(detail)"
            )
        )
    }
}
