import Foundation

/// A fresh folder under the system's temporary directory, one per test, so tests can run in parallel.
public enum TemporaryFolder {
    /// Creates `<tmp>/<label>-<UUID>` (letters and digits of `label` only) and returns it.
    public static func make(_ label: String = #function) throws -> URL {
        let safe = label.filter { $0.isLetter || $0.isNumber || $0 == "-" }
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(safe)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
