import Foundation
import IdleStopCore
import Logging

/// Reads GES request counts (`ges004_request_count`, `filter: sum`) from Cloud Eye's batch query.
///
/// Requests go through the GES client's machinery (per-attempt authorization, retries on 429/5xx and
/// timeouts, no further requests after a 401), aimed at the Cloud Eye endpoint. Queries are split by
/// `CloudEyeQueryPlan` so Cloud Eye never shortens a range, and every answer is checked against its query.
public struct CloudEyeClient: Sendable {
    /// The GES request machinery, pointed at the Cloud Eye endpoint.
    let base: GESClient
    let logger: Logger
    /// Batch queries in flight at once.
    public let maxConcurrentCalls: Int

    public var endpoint: URL { base.endpoint }
    public var projectID: String { base.projectID }

    /// `endpoint` is the Cloud Eye base URL, e.g. `https://ces.cn-north-4.myhuaweicloud.com`.
    public init(
        transport: any HTTPTransport,
        endpoint: URL,
        projectID: String,
        authorizer: RequestAuthorizer,
        logger: Logger,
        retryPolicy: RetryPolicy = RetryPolicy(),
        clock: RetryClock = .live,
        requestTimeout: Duration? = nil,
        maxConcurrentCalls: Int = 4
    ) throws(CloudEyeError) {
        self.maxConcurrentCalls = max(1, maxConcurrentCalls)
        var logger = logger
        logger[metadataKey: "service"] = "cloud-eye"
        do {
            base = try GESClient(
                transport: transport,
                endpoint: endpoint,
                projectID: projectID,
                authorizer: authorizer,
                logger: logger,
                retryPolicy: retryPolicy,
                clock: clock,
                requestTimeout: requestTimeout
            )
        } catch {
            throw CloudEyeError(kind: .invalidRequest, message: error.message)
        }
        self.logger = logger
    }

    /// Whether a 401 (or an IAM failure) has been seen; from then on no request is sent.
    public var hasAuthenticationFailed: Bool { base.hasAuthenticationFailed }

    /// The request counts of `graphIDs` over `[from, to)` (widened to whole periods), at `period`.
    ///
    /// Fails as a whole, never with partial data: an error answer after the retries, an answer that is
    /// not understood, or an answer that lacks a graph or holds datapoints outside its range.
    public func requestCounts(
        graphIDs: [String],
        from: Date,
        to: Date,
        period: CloudEyePeriod
    )
        async throws(CloudEyeError) -> CloudEyeUsage
    {
        if let unsafe = graphIDs.first(where: { !GraphID.isSafe($0) }) {
            let shown = unsafe.count > 40 ? String(unsafe.prefix(40)) + "…" : unsafe
            let printable = shown.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 ? String($0) : "?" }.joined()
            throw CloudEyeError(
                kind: .invalidRequest,
                message: "graph ID \"\(printable)\" is not valid; nothing was sent to Cloud Eye"
            )
        }
        guard from < to else {
            throw CloudEyeError(kind: .invalidRequest, message: "Cloud Eye query range is empty: from is not before to")
        }
        let range = CloudEyeQueryPlan.alignedRange(from: from, to: to, period: period)
        let queries = CloudEyeQueryPlan.plan(graphIDs: graphIDs, from: from, to: to, period: period)
        logger.debug(
            "querying Cloud Eye",
            metadata: ["graphs": "\(graphIDs.count)", "period": "\(period)", "calls": "\(queries.count)"]
        )
        // Room for every period of the range up front: growing by doubling would hold up to twice the datapoints.
        let periods = Int((range.to - range.from) / period.datapointSeconds) + 1
        var datapoints: [String: [CloudEyeDatapoint]] = [:]
        for graphID in graphIDs {
            datapoints[graphID] = []
            datapoints[graphID]?.reserveCapacity(periods)
        }
        let started = ContinuousClock.now
        try await merge(answersTo: queries, into: &datapoints)
        // Over a copy of the keys: iterating `datapoints.keys` would share the dictionary and copy every array.
        for graphID in Array(datapoints.keys) {
            datapoints[graphID]?.sort { $0.timestamp < $1.timestamp }
        }
        // The fetch time, in the "… in X seconds" form scripts/bench reads (with the calls and their concurrency).
        logger.info(
            "read request counts from Cloud Eye: \(queries.count) call(s) at concurrency \(maxConcurrentCalls) in \(ContinuousClock.now - started)",
            metadata: [
                "graphs": "\(datapoints.count)", "calls": "\(queries.count)",
                "datapoints": "\(datapoints.values.reduce(0) { $0 + $1.count })",
            ]
        )
        return CloudEyeUsage(
            period: period,
            from: Date(timeIntervalSince1970: TimeInterval(range.from)),
            to: Date(timeIntervalSince1970: TimeInterval(range.to)),
            datapoints: datapoints
        )
    }

    /// One finished batch call: which query it answered, and how.
    struct BatchOutcome: Sendable {
        var index: Int
        var result: Result<[String: [CloudEyeDatapoint]], CloudEyeError>
    }

    /// Sends `queries`, at most `maxConcurrentCalls` at a time, and appends each checked answer to `datapoints`
    /// as it arrives, so the datapoints are held once (not every answer, then the merge: issue 15, peak memory).
    ///
    /// The first failure cancels the calls still running and is thrown. Each child task hands back a named
    /// struct built from values already awaited: Swift 6.3's optimiser loses the captured index of a tuple
    /// literal returned from inside a `do` block around an `await` in a task closure (release builds only;
    /// every answer then landed on index 0, dropping whole batches or trapping). Every query must be
    /// answered exactly once, or the whole read fails: no batch is ever dropped in silence.
    func merge(
        answersTo queries: [CloudEyeQuery],
        into datapoints: inout [String: [CloudEyeDatapoint]]
    ) async throws(CloudEyeError) {
        var answered = [Bool](repeating: false, count: queries.count)
        var failure: CloudEyeError?
        await withTaskGroup(of: BatchOutcome.self) { group in
            var started = 0
            while started < min(maxConcurrentCalls, queries.count) {
                group.addTask(operation: batchCall(queries[started], index: started))
                started += 1
            }
            while let outcome = await group.next() {
                switch outcome.result {
                case .failure(let error):
                    failure = error
                case .success(let answer):
                    guard answered.indices.contains(outcome.index), !answered[outcome.index] else {
                        failure = CloudEyeError(
                            kind: .incompleteAnswer,
                            message:
                                "internal error: Cloud Eye batch \(outcome.index) was answered twice or out of range"
                        )
                        break
                    }
                    answered[outcome.index] = true
                    for (graphID, points) in answer { datapoints[graphID, default: []].append(contentsOf: points) }
                }
                if failure != nil {
                    group.cancelAll()
                    break
                }
                if started < queries.count {
                    group.addTask(operation: batchCall(queries[started], index: started))
                    started += 1
                }
            }
        }
        if let failure { throw failure }
        if let missing = answered.firstIndex(of: false) {
            throw CloudEyeError(
                kind: .incompleteAnswer,
                message:
                    "internal error: Cloud Eye batch \(missing) of \(queries.count) got no answer; nothing is decided on partial data"
            )
        }
    }

    /// The child task for one batch query: awaits the answer first, then wraps it with its index.
    private func batchCall(_ query: CloudEyeQuery, index: Int) -> @Sendable () async -> BatchOutcome {
        { [self] in
            let result: Result<[String: [CloudEyeDatapoint]], CloudEyeError>
            do throws(CloudEyeError) {
                let answer = try await send(query)
                result = .success(answer)
            } catch {
                result = .failure(error)
            }
            return BatchOutcome(index: index, result: result)
        }
    }

    /// Sends one batch query and returns its checked datapoints.
    func send(_ query: CloudEyeQuery) async throws(CloudEyeError) -> [String: [CloudEyeDatapoint]] {
        let path = "/V1.0/\(base.encodedProjectID)/batch-query-metric-data"
        let answer: GESClient.Answer
        do {
            answer = try await base.send(method: "POST", path: path, body: CloudEyeWire.RequestBody(query).encoded())
        } catch {
            let kind: CloudEyeError.Kind = error.kind == .authenticationFailed ? .authenticationFailed : .invalidRequest
            throw CloudEyeError(
                kind: kind,
                message: "Cloud Eye query not sent: \(base.authorizer.redact(error.message))"
            )
        }
        switch answer {
        case .noResponse(let error):
            throw CloudEyeError(kind: .transport, message: "Cloud Eye query failed: \(error)")
        case .response(let response) where response.status == 200:
            do {
                return try Self.datapoints(in: response.body, for: query)
            } catch {
                throw CloudEyeError(
                    kind: error.kind,
                    message: base.authorizer.redact(error.message),
                    httpStatus: error.httpStatus,
                    code: error.code
                )
            }
        case .response(let response):
            let details = GESErrorBody.parse(response.body)
            let kind: CloudEyeError.Kind = response.status == 401 ? .authenticationFailed : .httpStatus
            let what =
                response.status == 401
                ? "Cloud Eye did not accept the credentials"
                : "Cloud Eye query failed"
            let message =
                details.message.map { "\(what): \($0)" } ?? "\(what): Cloud Eye answered HTTP \(response.status)"
            throw CloudEyeError(
                kind: kind,
                message: base.authorizer.redact(message),
                httpStatus: response.status,
                code: details.code
            )
        }
    }
}
