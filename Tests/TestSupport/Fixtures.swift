import Foundation

/// The fixture files of one test target: its `Fixtures/` folder, copied into the target's bundle as a resource.
///
/// Every test target loads fixtures this one way: `Fixtures(.module).path("usage/mixed.csv")`. The target declares
/// `resources: [.copy("Fixtures")]` in Package.swift and passes its own `Bundle.module`.
public struct Fixtures: Sendable {
    /// The bundle that holds the `Fixtures` folder.
    public let bundle: Bundle

    public init(_ bundle: Bundle) {
        self.bundle = bundle
    }

    /// The URL of `name`, a path under `Fixtures/` (`"usage/mixed.csv"`, `"tls"`); throws when there is none.
    public func url(_ name: String) throws -> URL {
        let parts = name.split(separator: "/").map(String.init)
        let folder = (["Fixtures"] + parts.dropLast()).joined(separator: "/")
        guard let last = parts.last,
            let url = bundle.url(forResource: last, withExtension: nil, subdirectory: folder)
        else {
            throw FixtureError(name: name, bundle: bundle.bundlePath)
        }
        return url
    }

    /// The file system path of `name` (for code under test that opens paths).
    public func path(_ name: String) throws -> String {
        try url(name).path
    }

    /// The bytes of `name`.
    public func data(_ name: String) throws -> Data {
        try Data(contentsOf: url(name))
    }

    /// The text of `name`, as UTF-8.
    public func text(_ name: String) throws -> String {
        try String(contentsOf: url(name), encoding: .utf8)
    }
}

/// A fixture that is not in the bundle: names it and where it was looked for.
public struct FixtureError: Error, CustomStringConvertible {
    public var name: String
    public var bundle: String

    public var description: String { "fixture \(name) not found under Fixtures/ in \(bundle)" }
}
