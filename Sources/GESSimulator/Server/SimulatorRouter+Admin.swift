import Foundation

extension SimulatorRouter {
    /// The `/_sim/` endpoints: no authentication, they exist only in the simulator (bound to 127.0.0.1).
    ///
    /// `GET /_sim/state`; `GET|POST /_sim/clock` (`{"advance_seconds": N}` or `{"now": ISO 8601}`);
    /// `GET|POST /_sim/faults` (fields present replace settings, `scripts` replaces the listed graphs' queues);
    /// `POST /_sim/graphs/{id}/status` (`{"status": "900", "stopped_at": ISO 8601}`);
    /// `POST /_sim/graphs/{id}/tags` (`{"tags": {"env": "dev"}}`); `POST /_sim/graphs` (a graph object);
    /// `DELETE /_sim/graphs/{id}`; `GET /_sim/notifications`; `POST /_sim/webhooks/{name}` (a JSON body, recorded).
    func admin(_ request: ReceivedRequest, segments: [String]) async -> SimulatorAnswer {
        switch (request.method, segments) {
        case ("GET", ["state"]):
            return .ok(await state.snapshot())
        case ("GET", ["clock"]):
            return .ok(clockDocument(await state.now, offset: await state.clock.offset))
        case ("POST", ["clock"]):
            return await changeClock(request)
        case ("GET", ["faults"]):
            return .ok(Self.faultsDocument(await state.faults))
        case ("POST", ["faults"]):
            return await changeFaults(request)
        case ("POST", let path) where path.count == 3 && path[0] == "graphs" && path[2] == "status":
            return await changeStatus(request, graphID: path[1])
        case ("POST", let path) where path.count == 3 && path[0] == "graphs" && path[2] == "tags":
            return await changeTags(request, graphID: path[1])
        case ("GET", ["notifications"]):
            return .ok(["notifications": .array(await state.notifications)])
        case ("POST", let path) where path.count == 2 && path[0] == "webhooks":
            return await receiveWebhook(request, name: path[1])
        case ("POST", ["graphs"]):
            guard let graph = try? JSONValue.parse(request.body), await state.addGraph(graph) else {
                return Self.badAdminBody("expected a graph object with a new \"id\"")
            }
            return .ok(await state.snapshot())
        case ("DELETE", let path) where path.count == 2 && path[0] == "graphs":
            guard await state.removeGraph(path[1]) else { return SimulatorState.unknownGraph }
            return .ok(["deleted": .string(path[1])])
        default:
            return .notFound
        }
    }

    private func clockDocument(_ now: Date, offset: TimeInterval) -> JSONValue {
        ["now": .string(SimulatedClock.iso(now)), "offset_seconds": .number(offset)]
    }

    private func changeClock(_ request: ReceivedRequest) async -> SimulatorAnswer {
        guard let body = try? JSONValue.parse(request.body) else { return Self.badAdminBody("expected JSON") }
        let now: Date
        if let seconds = body["advance_seconds"]?.doubleValue {
            now = await state.advanceClock(by: seconds)
        } else if let text = body["now"]?.stringValue, let date = SimulatedClock.parse(text) {
            now = await state.setClock(to: date)
        } else {
            return Self.badAdminBody("expected {\"advance_seconds\": N} or {\"now\": \"ISO 8601\"}")
        }
        logger.info("simulated clock now \(SimulatedClock.iso(now))")
        return .ok(clockDocument(now, offset: await state.clock.offset))
    }

    private func changeFaults(_ request: ReceivedRequest) async -> SimulatorAnswer {
        guard let body = try? JSONValue.parse(request.body), case .object(let fields) = body else {
            return Self.badAdminBody("expected a JSON object")
        }
        var faults = await state.faults
        do throws(SimulatorError) {
            try Self.apply(fields, to: &faults)
        } catch {
            return Self.badAdminBody(error.description)
        }
        await state.replaceFaults(faults)
        logger.info("fault settings changed")
        return .ok(Self.faultsDocument(faults))
    }

    static func apply(_ fields: [String: JSONValue], to faults: inout FaultSettings) throws(SimulatorError) {
        for (key, value) in fields {
            switch key {
            case "latency_ms":
                guard let number = value.integerValue, number >= 0 else {
                    throw SimulatorError("latency_ms: expected ms")
                }
                faults.latencyMilliseconds = Int(number)
            case "jitter_ms":
                guard let number = value.integerValue, number >= 0 else {
                    throw SimulatorError("jitter_ms: expected ms")
                }
                faults.jitterMilliseconds = Int(number)
            case "error_rates":
                guard case .object(let rates) = value else { throw SimulatorError("error_rates: expected an object") }
                var parsed: [Int: Double] = [:]
                for (status, rate) in rates {
                    guard let code = Int(status), (400...599).contains(code), let share = rate.doubleValue,
                        share >= 0, share <= 1
                    else { throw SimulatorError("error_rates: expected {\"503\": 0.3} (status 400-599, share 0-1)") }
                    parsed[code] = share
                }
                faults.errorRates = parsed
            case "hang_seconds":
                if value == .null {
                    faults.hangSeconds = nil
                } else {
                    guard let seconds = value.doubleValue, seconds >= 0 else {
                        throw SimulatorError("hang_seconds: expected seconds or null")
                    }
                    faults.hangSeconds = seconds
                }
            case "hang_rate":
                guard let rate = value.doubleValue, rate >= 0, rate <= 1 else {
                    throw SimulatorError("hang_rate: expected a share between 0 and 1")
                }
                faults.hangRate = rate
            case "scripts":
                for (graphID, answers) in try ScriptedAnswer.scripts(value, source: "scripts") {
                    faults.scripts[graphID] = answers
                }
            case "listing":
                if value == .null {
                    faults.listing = nil
                } else {
                    guard let text = value.stringValue else { throw SimulatorError("listing: expected a name or null") }
                    faults.listing = try ListingFault(parsing: text)
                }
            default:
                throw SimulatorError("unknown fault setting \"\(key)\"")
            }
        }
    }

    static func faultsDocument(_ faults: FaultSettings) -> JSONValue {
        var rates: [String: JSONValue] = [:]
        for (status, rate) in faults.errorRates { rates[String(status)] = .number(rate) }
        var scripts: [String: JSONValue] = [:]
        for (graphID, answers) in faults.scripts {
            scripts[graphID] = .array(
                answers.map { answer in
                    var object: [String: JSONValue] = [
                        "status": .integer(Int64(answer.status)),
                        "delay_ms": .integer(Int64(answer.delayMilliseconds)),
                    ]
                    if let body = answer.body { object["body"] = body }
                    if !answer.headers.isEmpty { object["headers"] = .object(answer.headers.mapValues { .string($0) }) }
                    return .object(object)
                }
            )
        }
        return [
            "latency_ms": .integer(Int64(faults.latencyMilliseconds)),
            "jitter_ms": .integer(Int64(faults.jitterMilliseconds)),
            "error_rates": .object(rates),
            "hang_seconds": faults.hangSeconds.map { .number($0) } ?? .null,
            "hang_rate": .number(faults.hangRate),
            "scripts": .object(scripts),
            "listing": faults.listing.map { .string($0.rawValue) } ?? .null,
        ]
    }

    private func changeStatus(_ request: ReceivedRequest, graphID: String) async -> SimulatorAnswer {
        guard let body = try? JSONValue.parse(request.body), let status = body["status"]?.stringValue else {
            return Self.badAdminBody("expected {\"status\": \"900\"}")
        }
        var stoppedAt: Date?
        if let text = body["stopped_at"]?.stringValue {
            guard let date = SimulatedClock.parse(text) else {
                return Self.badAdminBody("stopped_at: expected ISO 8601")
            }
            stoppedAt = date
        }
        guard await state.setStatus(SimulatedStatus(rawValue: status), of: graphID, stoppedAt: stoppedAt) else {
            return SimulatorState.unknownGraph
        }
        logger.info("graph \(graphID) status set to \(status)")
        return await state.showGraph(graphID)
    }

    private func changeTags(_ request: ReceivedRequest, graphID: String) async -> SimulatorAnswer {
        guard let body = try? JSONValue.parse(request.body), case .object(let fields)? = body["tags"] else {
            return Self.badAdminBody("expected {\"tags\": {\"key\": \"value\"}}")
        }
        var tags: [String: String] = [:]
        for (key, value) in fields {
            guard let text = value.stringValue else { return Self.badAdminBody("tags: values must be strings") }
            tags[key] = text
        }
        guard await state.setTags(of: graphID, to: tags) else { return SimulatorState.unknownGraph }
        return await state.showGraph(graphID)
    }

    static func badAdminBody(_ problem: String) -> SimulatorAnswer {
        .error(400, "SIM.0400", problem)
    }
}
