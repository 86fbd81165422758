import Foundation

/// The time source and sleep function the retry loop and job polling use; tests inject a fake one.
public struct RetryClock: Sendable {
    /// Time elapsed since an arbitrary fixed origin.
    public var now: @Sendable () -> Duration
    public var sleep: @Sendable (Duration) async throws -> Void
    /// The wall-clock time, for a `Retry-After` HTTP-date in an answer that carries no `Date` of its own.
    public var date: @Sendable () -> Date

    public init(
        now: @escaping @Sendable () -> Duration,
        sleep: @escaping @Sendable (Duration) async throws -> Void,
        date: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.now = now
        self.sleep = sleep
        self.date = date
    }

    /// The continuous clock and `Task.sleep`.
    public static var live: RetryClock {
        let origin = ContinuousClock.now
        return RetryClock(
            now: { ContinuousClock.now - origin },
            sleep: { duration in try await Task.sleep(for: duration) }
        )
    }
}
