/// Why a notification was not delivered. The description is safe to print: no credentials, no secret URL.
public struct NotificationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var httpStatus: Int?
    /// The service's error code (`SMN.00010006`, …), when it sent one.
    public var code: String?

    public init(_ message: String, httpStatus: Int? = nil, code: String? = nil) {
        self.message = message
        self.httpStatus = httpStatus
        self.code = code
    }

    public var description: String {
        ServiceErrorText.describe(message, httpStatus: httpStatus, code: code)
    }
}
