import FlyingFox
import Foundation

/// Adapts FlyingFox requests to the router and its answers back to JSON responses.
struct SimulatorHTTPHandler: HTTPHandler {
    let router: SimulatorRouter

    func handleRequest(_ request: FlyingFox.HTTPRequest) async throws -> FlyingFox.HTTPResponse {
        // Latency counts from the request's arrival, so the simulator's own work is not added on top of it.
        let arrival = ContinuousClock.now
        let received = ReceivedRequest(
            method: request.method.rawValue.uppercased(),
            rawPath: request.target.path(),
            query: request.query.map { ($0.name, $0.value) },
            headers: request.headers.map { ($0.key.rawValue, $0.value) },
            body: try await request.bodyData
        )
        let reply = await router.reply(to: received)
        if reply.delay > 0 {
            try await Task.sleep(until: arrival + .nanoseconds(Int64(reply.delay * 1_000_000_000)), clock: .continuous)
        }
        var headers = HTTPHeaders()
        headers[.contentType] = "application/json;charset=UTF-8"
        // The simulated clock, as the cloud stamps every answer (docs/ges-api.md §12); a scripted `Date` replaces it,
        // and FlyingFox adds none of its own, so exactly one is sent.
        headers[.date] = SimulatedClock.httpDate(await router.state.now)
        for (name, value) in reply.answer.headers { headers[HTTPHeader(name)] = value }
        return HTTPResponse(
            statusCode: HTTPStatusCode(reply.answer.status, phrase: Self.phrase(reply.answer.status)),
            headers: headers,
            body: reply.answer.body.encoded()
        )
    }

    static func phrase(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 201: "Created"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 408: "Request Timeout"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: "Status \(status)"
        }
    }
}
