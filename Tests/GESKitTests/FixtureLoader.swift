import Foundation
import IdleStopTestSupport

/// The old way to read this target's fixtures, forwarding to `Fixtures(.module)`; kept only so branches written
/// against it still build, delete it once they are merged.
enum FixtureLoader {
    static func data(_ name: String) throws -> Data {
        try Fixtures(.module).data(name)
    }
}
