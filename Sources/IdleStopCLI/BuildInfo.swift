/// The release and the commit this binary was built from, for `ges-idle-stop --version`.
///
/// SwiftPM has no build-time hook, so the checked-in `commit` is "unknown": `scripts/install` writes the commit
/// (`git rev-parse --short HEAD`, with `-dirty` when the tree has local changes) into this file for its release
/// build and puts the file back afterwards. A plain `swift build` therefore says "commit unknown", never a wrong one.
enum BuildInfo {
    /// The release, bumped by hand with the changes that ship.
    static let version = "0.9.0"
    /// The short commit hash, written by `scripts/install`.
    static let commit = "unknown"

    /// What `--version` prints: `ges-idle-stop 0.9.0 (commit 1a2b3c4)`.
    static var versionLine: String { "ges-idle-stop \(version) (commit \(commit))" }
}
