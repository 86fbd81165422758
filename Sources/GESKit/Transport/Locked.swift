import Foundation

/// A value behind a lock that ThreadSanitizer can see, for state that blocking worker threads share.
///
/// Swift's `Mutex` on Linux locks with futexes inside the uninstrumented standard library, so TSan reports
/// every access it guards as a race (a 4-thread `Mutex<[Int]>` program gives 16 reports, the same with `NSLock`
/// none); with `NSLock` (pthread mutexes, which TSan intercepts) `scripts/sanitize thread` can check our locking.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    /// Runs `body` with the value, holding the lock.
    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
