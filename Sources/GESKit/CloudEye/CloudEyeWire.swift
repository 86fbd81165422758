import Foundation

/// The JSON of `POST /V1.0/{project_id}/batch-query-metric-data` (docs/ges-api.md §6.1), both ways.
enum CloudEyeWire {
    static let namespace = "SYS.GES"
    static let metricName = "ges004_request_count"
    static let dimensionName = "instance_id"
    static let filter = "sum"

    struct Dimension: Codable, Equatable {
        var name: String
        var value: String
    }

    struct MetricRequest: Encodable, Equatable {
        var namespace: String
        var metricName: String
        var dimensions: [Dimension]

        enum CodingKeys: String, CodingKey {
            case namespace
            case metricName = "metric_name"
            case dimensions
        }
    }

    /// `{"metrics": [...], "period": "300", "filter": "sum", "from": ms, "to": ms}`.
    struct RequestBody: Encodable, Equatable {
        var metrics: [MetricRequest]
        var period: String
        var filter: String
        var from: Int64
        var to: Int64

        init(_ query: CloudEyeQuery) {
            metrics = query.graphIDs.map {
                MetricRequest(
                    namespace: CloudEyeWire.namespace,
                    metricName: CloudEyeWire.metricName,
                    dimensions: [Dimension(name: CloudEyeWire.dimensionName, value: $0)]
                )
            }
            period = query.period.queryValue
            filter = CloudEyeWire.filter
            from = query.from
            to = query.to
        }

        func encoded() -> Data {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            // Strings and integers only: encoding cannot fail.
            return (try? encoder.encode(self)) ?? Data()
        }
    }

    struct Datapoint: Decodable {
        var timestamp: Int64
        var sum: Double?
    }

    struct MetricAnswer: Decodable {
        var namespace: String?
        var metricName: String?
        var dimensions: [Dimension]?
        var datapoints: [Datapoint]?

        enum CodingKeys: String, CodingKey {
            case namespace
            case metricName = "metric_name"
            case dimensions
            case datapoints
        }

        /// The graph ID: the value of the `instance_id` dimension.
        var graphID: String? { dimensions?.first { $0.name == CloudEyeWire.dimensionName }?.value }
    }

    struct ResponseBody: Decodable {
        var metrics: [MetricAnswer]
    }
}
