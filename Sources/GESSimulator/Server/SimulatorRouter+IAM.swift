import Foundation

extension SimulatorRouter {
    /// IAM `POST /v3/auth/tokens` with the password method: 201 and `X-Subject-Token`, or 401.
    func issueToken(_ request: ReceivedRequest) async -> SimulatorAnswer {
        guard request.method == "POST" else { return .notFound }
        guard let document = try? JSONValue.parse(request.body), let identity = document["auth"]?["identity"] else {
            return .error(400, "IAM.0011", "The request body is invalid.")
        }
        guard case .array(let methods)? = identity["methods"], methods.contains(.string("password")) else {
            return .error(400, "IAM.0011", "Only the password method is supported by the simulator.")
        }
        let user = identity["password"]?["user"]
        let name = user?["name"]?.stringValue
        let password = user?["password"]?.stringValue
        let domain = user?["domain"]?["name"]?.stringValue
        guard let expected = configuration.iamUser, name == expected.name,
            let password, SignatureVerifier.constantTimeEquals(password, expected.password),
            domain == expected.domain
        else {
            logger.info("IAM login refused for user \(name ?? "(none)")")
            return SimulatorAnswer(
                status: 401,
                body: [
                    "error_code": "IAM.0004",
                    "error_msg": "The username or password is wrong.",
                    "error": ["code": 401, "title": "Unauthorized", "message": "The username or password is wrong."],
                ]
            )
        }
        let issued = await state.issueToken()
        let scope = document["auth"]?["scope"]?["project"]
        let projectName = scope?["name"]?.stringValue ?? "sim-region"
        let projectID = scope?["id"]?.stringValue ?? configuration.projectID ?? "0123456789abcdef0123456789abcdef"
        let body: JSONValue = [
            "token": [
                "methods": ["password"],
                "issued_at": .string(SimulatedClock.iso(issued.issuedAt)),
                "expires_at": .string(SimulatedClock.iso(issued.expiresAt)),
                "user": ["name": .string(expected.name), "domain": ["name": .string(expected.domain)]],
                "project": ["id": .string(projectID), "name": .string(projectName)],
                "catalog": [],
            ]
        ]
        logger.info("IAM token issued for user \(expected.name)")
        return SimulatorAnswer(status: 201, body: body, headers: ["X-Subject-Token": issued.token])
    }
}
