/// The description GESKit's errors share: the message, then the HTTP status and the service's code when known.
enum ServiceErrorText {
    /// `message (HTTP 400, SMN.00010006)`, or the message alone.
    static func describe(_ message: String, httpStatus: Int?, code: String?) -> String {
        var parts: [String] = []
        if let httpStatus { parts.append("HTTP \(httpStatus)") }
        if let code { parts.append(code) }
        return parts.isEmpty ? message : "\(message) (\(parts.joined(separator: ", ")))"
    }
}
