import Foundation

/// An HTTP answer before it is encoded: status, JSON body, extra headers.
struct SimulatorAnswer: Sendable, Equatable {
    var status: Int
    var body: JSONValue
    var headers: [String: String] = [:]

    static func ok(_ body: JSONValue) -> SimulatorAnswer {
        SimulatorAnswer(status: 200, body: body)
    }

    /// A GES-style error: `{"error_code": ..., "error_msg": ...}`.
    static func error(_ status: Int, _ code: String, _ message: String) -> SimulatorAnswer {
        SimulatorAnswer(status: status, body: ["error_code": .string(code), "error_msg": .string(message)])
    }

    /// The plausible body the cloud gives for `status` when it fails before handling the request (fault injection).
    ///
    /// The API gateway codes for 429/502/503/504 are the simulator's choice, not confirmed against the cloud.
    static func injected(_ status: Int) -> SimulatorAnswer {
        switch status {
        case 400: return .error(400, "GES.7016", "The request body or header is invalid.")
        case 401: return unauthorized("the token has expired")
        case 403: return .error(403, "GES.7041", "Insufficient permission.")
        case 404:
            return .error(404, "APIGW.0101", "The API does not exist or has not been published in the environment.")
        case 408: return .error(408, "GES.7005", "The underlying graph engine service is unavailable.")
        case 429: return .error(429, "APIGW.0308", "The throttling threshold has been reached.")
        case 500: return .error(500, "GES.7006", "An internal error occurred in the underlying graph engine.")
        case 502: return .error(502, "APIGW.0202", "Bad gateway: the backend closed the connection.")
        case 503: return .error(503, "APIGW.0203", "The backend service is unavailable. Try again later.")
        case 504: return .error(504, "APIGW.0204", "The backend service timed out.")
        default: return .error(status, "SIM.\(status)", "Injected failure with HTTP status \(status).")
        }
    }

    /// Fault injection on a Cloud Eye path: Cloud Eye's own code for 500, the gateway's answers otherwise.
    static func injectedCloudEye(_ status: Int) -> SimulatorAnswer {
        status == 500 ? .error(500, "ces.0007", "Internal service error.") : injected(status)
    }

    /// 401 with the API gateway's IAM authentication error; `detail` never contains a secret.
    static func unauthorized(_ detail: String) -> SimulatorAnswer {
        .error(401, "APIGW.0301", "Incorrect IAM authentication information: \(detail)")
    }

    /// The gateway's answer for a path or method it does not serve.
    static let notFound = SimulatorAnswer.error(
        404,
        "APIGW.0101",
        "The API does not exist or has not been published in the environment."
    )
}
