import Foundation

extension SimulatorRouter {
    /// The first path segment of Cloud Eye's v1 API.
    static let cloudEyeVersion = "V1.0"

    /// Cloud Eye's `POST /V1.0/{project_id}/batch-query-metric-data` and `GET /V1.0/{project_id}/metric-data`.
    ///
    /// Same authentication as GES; a project ID other than the configured one is refused with `ces.0003`.
    func cloudEye(_ request: ReceivedRequest, segments: [String]) async -> SimulatorAnswer {
        if let refusal = await authenticator.refusal(for: request) {
            logger.info(
                "refused \(request.method) \(request.rawPath): \(refusal.body["error_msg"]?.stringValue ?? "")"
            )
            return refusal
        }
        guard segments.count == 3 else { return .notFound }
        if let expected = configuration.projectID, segments[1] != expected {
            return .error(400, "ces.0003", "The tenant ID is left blank or incorrect.")
        }
        if let status = configuration.usage.faults.failureStatus {
            logger.info("answering \(request.method) \(request.rawPath) with \(status) (Cloud Eye fault)")
            return .injectedCloudEye(status)
        }
        do throws(CloudEyeRequest.Refusal) {
            switch (request.method, segments[2]) {
            case ("POST", "batch-query-metric-data"):
                let query = try CloudEyeRequest.batch(request.body)
                return .ok(["metrics": .array(await answer(query))])
            case ("GET", "metric-data"):
                let query = try CloudEyeRequest.single(request)
                guard let metric = await answer(query).first else {
                    // The metric was left out (Cloud Eye fault): an answer without datapoints at all.
                    return .ok(["metric_name": .string(query.metrics[0].metricName)])
                }
                let unit = metric["unit"] ?? ""
                let points: [JSONValue] =
                    if case .array(let list)? = metric["datapoints"] {
                        list.map { point in
                            guard case .object(var fields) = point else { return point }
                            fields["unit"] = unit
                            return .object(fields)
                        }
                    } else { [] }
                return .ok([
                    "metric_name": .string(query.metrics[0].metricName), "datapoints": .array(points),
                ])
            default:
                return .notFound
            }
        } catch {
            logger.info(
                "refused \(request.method) \(request.rawPath): \(error.answer.body["error_msg"]?.stringValue ?? "")"
            )
            return error.answer
        }
    }

    /// One answer object per metric asked, in order, over the range the real service would answer.
    private func answer(_ query: CloudEyeRequest) async -> [JSONValue] {
        let from = query.period.effectiveFrom(from: query.from, to: query.to, metricCount: query.metrics.count)
        if from != query.from {
            logger.info(
                "Cloud Eye range shortened silently",
                metadata: [
                    "metrics": "\(query.metrics.count)", "period": "\(query.period.rawValue)",
                    "asked_from_ms": "\(query.from)", "answered_from_ms": "\(from)", "to_ms": "\(query.to)",
                ]
            )
        }
        let graphIDs = query.metrics.compactMap(\.graphID)
        let silent = await state.silentSpans(of: graphIDs)
        let series = CloudEyeSeries(period: query.period, filter: query.filter)
        var datapointCount = 0
        let omitted = configuration.usage.faults.omittedGraphIDs
        let kept = query.metrics.filter { metric in metric.graphID.map { !omitted.contains($0) } ?? true }
        if kept.count < query.metrics.count {
            logger.info("Cloud Eye answer leaves out \(query.metrics.count - kept.count) metric(s) (Cloud Eye fault)")
        }
        let metrics: [JSONValue] = kept.map { metric in
            var points: [CloudEyeSeries.Point] = []
            if let graphID = metric.graphID {
                points = series.points(
                    of: configuration.usage.series[graphID],
                    from: from,
                    to: query.to,
                    silent: silent[graphID] ?? []
                )
            }
            datapointCount += points.count
            return [
                "namespace": .string(metric.namespace),
                "metric_name": .string(metric.metricName),
                "dimensions": metric.dimensionsDocument,
                "unit": metric.graphID == nil ? "" : "count",
                "datapoints": .array(
                    points.map { ["timestamp": .integer($0.timestamp), query.filter.rawValue: $0.value] }
                ),
            ]
        }
        logger.debug(
            "Cloud Eye query answered",
            metadata: [
                "metrics": "\(query.metrics.count)", "period": "\(query.period.rawValue)",
                "filter": "\(query.filter.rawValue)", "datapoints": "\(datapointCount)",
            ]
        )
        return metrics
    }
}
