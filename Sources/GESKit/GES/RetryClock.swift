import Foundation

/// The time source and sleep function the retry loop and job polling use; tests inject a fake one.
public struct RetryClock: Sendable {
    /// Time elapsed since an arbitrary fixed origin.
    public var now: @Sendable () -> Duration
    public var sleep: @Sendable (Duration) async throws -> Void

    public init(now: @escaping @Sendable () -> Duration, sleep: @escaping @Sendable (Duration) async throws -> Void) {
        self.now = now
        self.sleep = sleep
    }

    /// The continuous clock and `Task.sleep`.
    public static var live: RetryClock {
        let origin = ContinuousClock.now
        return RetryClock(
            now: { ContinuousClock.now - origin },
            sleep: { duration in try await Task.sleep(for: duration) })
    }
}
