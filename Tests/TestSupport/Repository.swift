import Foundation

/// Files of the repository itself (`examples/`, `policies/`, `docs/`, `deploy/`), found from this source file.
///
/// For what the tests share with the product and the scripts; a test's own inputs are `Fixtures`.
public enum Repository {
    /// The repository's root folder.
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `path`, relative to the root (`"examples/fleet.json"`).
    public static func url(_ path: String) -> URL {
        root.appendingPathComponent(path)
    }
}
