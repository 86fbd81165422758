import IdleStopCore

/// Validates and percent-encodes the IDs that go into GES URL paths (docs/SPEC.md §7).
enum PathSegment {
    /// Project IDs: 1–64 ASCII letters and digits.
    static func projectID(_ value: String) throws(GESError) -> String {
        let bytes = value.utf8
        guard !bytes.isEmpty, bytes.count <= 64, bytes.allSatisfy(isAlphanumeric) else {
            throw invalid("project ID", value)
        }
        return AKSKSigner.percentEncode(value)
    }

    /// Graph IDs: 1–128 ASCII letters, digits, `-` and `_`.
    static func graphID(_ value: String) throws(GESError) -> String {
        guard GraphID.isSafe(value) else { throw invalid("graph ID", value) }
        return AKSKSigner.percentEncode(value)
    }

    /// Job IDs: the same alphabet as graph IDs.
    static func jobID(_ value: String) throws(GESError) -> String {
        guard GraphID.isSafe(value) else { throw invalid("job ID", value) }
        return AKSKSigner.percentEncode(value)
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    private static func invalid(_ what: String, _ value: String) -> GESError {
        let shown = value.count > 40 ? String(value.prefix(40)) + "…" : value
        let printable = shown.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 ? String($0) : "?" }.joined()
        return GESError(kind: .invalidIdentifier, message: "\(what) \"\(printable)\" is not valid; nothing was sent")
    }
}
