import Foundation
import Testing

@testable import GESKit

/// The lock shared by blocking worker threads: every change made under it is kept, whatever the interleaving.
@Suite struct LockedTests {
    @Test func changesFromManyThreadsAreNeverLost() async {
        let counter = Locked(0)
        let handles = Locked<[Int]>([])
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let group = DispatchGroup()
            for thread in 0..<8 {
                group.enter()
                Thread {
                    for index in 0..<2_000 {
                        counter.withLock { $0 += 1 }
                        if handles.withLock({ $0.popLast() }) == nil {
                            handles.withLock { $0.append(thread * 10_000 + index) }
                        }
                    }
                    group.leave()
                }.start()
            }
            group.notify(queue: .global()) { continuation.resume() }
        }
        #expect(counter.withLock { $0 } == 16_000)
        #expect(handles.withLock { $0.count } <= 8, "every thread puts back at most what it could not take")
    }

    @Test func theBodysResultAndErrorsPassThrough() throws {
        struct Refused: Error {}
        let value = Locked("a")
        #expect(
            value.withLock { text -> Int in
                text += "b"
                return text.count
            } == 2
        )
        #expect(throws: Refused.self) { try value.withLock { _ in throw Refused() } }
        #expect(value.withLock { $0 } == "ab")
    }
}
