/// Keeps the secret key and security token out of `print`, `dump` and string interpolation.
extension AKSKSigner: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { "AKSKSigner(access key \(Redaction.hint(accessKey)))" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["accessKey": Redaction.hint(accessKey)]) }
}
