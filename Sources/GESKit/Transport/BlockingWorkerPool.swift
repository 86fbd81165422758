import Foundation

/// A small pool of dedicated threads for blocking calls (`curl_easy_perform`), off Swift's cooperative pool.
///
/// Threads start on demand up to `maxThreads` and exit after `idleTimeout` without work, so a
/// transport that is no longer used leaves no threads behind.
final class BlockingWorkerPool: @unchecked Sendable {
    // All mutable state is guarded by `condition` (an NSCondition is a lock plus a condition variable).
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var threadCount = 0
    private var idleCount = 0
    private let maxThreads: Int
    private let idleTimeout: TimeInterval

    init(maxThreads: Int, idleTimeout: TimeInterval = 10) {
        self.maxThreads = max(1, maxThreads)
        self.idleTimeout = idleTimeout
    }

    /// Queues `job` to run on one of the pool's threads.
    func submit(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        jobs.append(job)
        let shouldSpawn = jobs.count > idleCount && threadCount < maxThreads
        if shouldSpawn { threadCount += 1 }
        condition.signal()
        condition.unlock()
        if shouldSpawn {
            let thread = Thread { [self] in self.work() }
            thread.name = "ges-curl-worker"
            thread.start()
        }
    }

    private func work() {
        condition.lock()
        while true {
            while jobs.isEmpty {
                idleCount += 1
                let signalled = condition.wait(until: Date(timeIntervalSinceNow: idleTimeout))
                idleCount -= 1
                if !signalled, jobs.isEmpty {
                    threadCount -= 1
                    condition.unlock()
                    return
                }
            }
            let job = jobs.removeFirst()
            condition.unlock()
            job()
            condition.lock()
        }
    }
}
