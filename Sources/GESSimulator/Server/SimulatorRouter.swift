import Foundation
import Logging

/// Routes a received request to the GES, IAM, Cloud Eye, SMN or admin handlers and returns the answer.
///
/// Fault delays are not applied here but returned with the answer, so the HTTP layer sleeps outside the state actor.
struct SimulatorRouter: Sendable {
    let configuration: SimulatorConfiguration
    let state: SimulatorState
    let logger: Logger

    var authenticator: RequestAuthenticator {
        RequestAuthenticator(configuration: configuration, state: state)
    }

    /// What to send back, and how long to wait first.
    struct Reply: Sendable {
        var answer: SimulatorAnswer
        var delay: TimeInterval = 0
    }

    func reply(to request: ReceivedRequest) async -> Reply {
        let segments = request.segments
        if segments.first == "_sim" {
            return Reply(answer: await admin(request, segments: Array(segments.dropFirst())))
        }
        let plan = await state.drawFaultPlan()
        if let hang = plan.hangSeconds {
            logger.info("hanging \(request.method) \(request.rawPath) for \(hang) s (fault injection)")
            return Reply(answer: .injected(504), delay: plan.delay + hang)
        }
        if let status = plan.injectedStatus {
            logger.info("answering \(request.method) \(request.rawPath) with \(status) (fault injection)")
            let isCloudEye = segments.first == Self.cloudEyeVersion
            return Reply(answer: isCloudEye ? .injectedCloudEye(status) : .injected(status), delay: plan.delay)
        }
        var reply: Reply
        if segments == ["v3", "auth", "tokens"] {
            reply = Reply(answer: await issueToken(request))
        } else if segments.first == "v2", segments.count > 2, segments[2] == "notifications" {
            reply = Reply(answer: await smn(request, segments: segments))
        } else if segments.first == "v2" {
            reply = await ges(request, segments: segments)
        } else if segments.first == Self.cloudEyeVersion {
            reply = Reply(answer: await cloudEye(request, segments: segments))
        } else {
            reply = Reply(answer: .notFound)
        }
        reply.delay += plan.delay
        logger.debug("\(request.method) \(request.rawPath) -> \(reply.answer.status)")
        return reply
    }

    /// The GES v2 calls of docs/ges-api.md §1–3, after the authentication and project checks.
    private func ges(_ request: ReceivedRequest, segments: [String]) async -> Reply {
        if let refusal = await authenticator.refusal(for: request) {
            logger.info("refused \(request.method) \(request.rawPath): \(refusal.body["error_msg"]?.stringValue ?? "")")
            return Reply(answer: refusal)
        }
        guard segments.count >= 3, segments[2] == "graphs" else { return Reply(answer: .notFound) }
        let project = segments[1]
        if let expected = configuration.projectID, project != expected {
            return Reply(answer: .error(400, "GES.0016", "The project in the URL does not match the credentials."))
        }
        let rest = Array(segments.dropFirst(3))
        switch (request.method, rest.count) {
        case ("GET", 0):
            return Reply(answer: await list(request))
        case ("GET", 1):
            return Reply(answer: await state.showGraph(rest[0]))
        case ("POST", 2) where rest[1] == "stop":
            return await stop(graphID: rest[0])
        case ("POST", 2) where rest[1] == "start":
            return Reply(answer: await state.startGraph(rest[0]))
        case ("GET", 4) where rest[1] == "jobs" && rest[3] == "status":
            return Reply(answer: await state.jobStatus(graphID: rest[0], jobID: rest[2]))
        default:
            return Reply(answer: .notFound)
        }
    }

    private func list(_ request: ReceivedRequest) async -> SimulatorAnswer {
        let offsetText = request.queryValue("offset") ?? "0"
        let limitText = request.queryValue("limit") ?? "10"
        guard let offset = Int(offsetText), offset >= 0 else {
            return .error(400, "GES.0001", "Invalid parameter: offset must be a non-negative integer.")
        }
        guard let limit = Int(limitText), limit >= 1 else {
            return .error(400, "GES.0001", "Invalid parameter: limit must be a positive integer.")
        }
        return await state.listGraphs(offset: offset, limit: limit)
    }

    /// A stop answers from the graph's script first (delay and headers included), else from the graph's state.
    private func stop(graphID: String) async -> Reply {
        guard let scripted = await state.takeScriptedStopAnswer(for: graphID) else {
            return Reply(answer: await state.stopGraph(graphID))
        }
        let delay = TimeInterval(scripted.delayMilliseconds) / 1000
        if scripted.body == nil && scripted.status == 200 {
            var answer = await state.stopGraph(graphID)
            answer.headers.merge(scripted.headers) { _, scripted in scripted }
            return Reply(answer: answer, delay: delay)
        }
        var answer = SimulatorAnswer.injected(scripted.status)
        if let body = scripted.body { answer = SimulatorAnswer(status: scripted.status, body: body) }
        answer.headers = scripted.headers
        await state.recordScriptedStop(graphID: graphID, answer: answer)
        logger.info("stop \(graphID): scripted answer \(scripted.status)")
        return Reply(answer: answer, delay: delay)
    }
}
