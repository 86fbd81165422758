import Foundation

/// Reads `error_code`/`error_msg` (v2), `errorCode`/`errorMessage` (v1) or `{"error": {code, message}}`
/// (IAM, API gateway) from an error answer; anything else yields nils, never a crash.
public enum GESErrorBody {
    public static func parse(_ body: Data) -> (code: String?, message: String?) {
        guard !body.isEmpty,
            let object = try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) as? [String: Any]
        else { return (nil, nil) }
        func text(_ value: Any?) -> String? {
            switch value {
            case let string as String: return string.isEmpty ? nil : shorten(string)
            case let number as NSNumber: return number.stringValue
            default: return nil
            }
        }
        var code = text(object["error_code"]) ?? text(object["errorCode"]) ?? text(object["code"])
        var message = text(object["error_msg"]) ?? text(object["errorMessage"]) ?? text(object["message"])
        if let nested = object["error"] as? [String: Any] {
            code = code ?? text(nested["code"]) ?? text(nested["error_code"])
            message = message ?? text(nested["message"]) ?? text(nested["error_msg"])
        }
        return (code, message)
    }

    /// Keeps messages from the service short and on one line.
    static func shorten(_ text: String, limit: Int = 300) -> String {
        let oneLine = text.map { $0.isNewline ? " " : $0 }
        return oneLine.count > limit ? String(oneLine.prefix(limit)) + "…" : String(oneLine)
    }
}
