import Foundation

/// Reads test fixtures copied into the test bundle.
enum FixtureLoader {
    static func data(_ name: String) throws -> Data {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures") else {
            throw FixtureError(name: name)
        }
        return try Data(contentsOf: url)
    }

    struct FixtureError: Error, CustomStringConvertible {
        var name: String
        var description: String { "fixture \(name) not found" }
    }
}
