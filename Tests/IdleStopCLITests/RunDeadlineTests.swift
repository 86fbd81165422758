import Foundation
import GESKit
import Synchronization
import Testing

@testable import IdleStopCLI

/// The run's deadline over the reads before any stop: a value in time, the read's own error, or exit 5 with the
/// read cancelled, and never a wait on a read that ignores cancellation beyond the grace period.
@Suite struct RunDeadlineTests {
    static func deadline(in seconds: TimeInterval, grace: Duration = .seconds(2)) -> RunDeadline {
        RunDeadline(instant: Date().addingTimeInterval(seconds), seconds: 3, grace: grace)
    }

    @Test func aReadThatEndsInTimeGivesItsValue() async throws {
        let value = try await Self.deadline(in: 3600).run("reading") { () async throws(CommandError) -> [Int] in
            [1, 2, 3]
        }
        #expect(value == [1, 2, 3])
    }

    @Test func aReadThatFailsInTimeGivesItsOwnError() async {
        await #expect(throws: CommandError.self) {
            try await Self.deadline(in: 3600).run("reading") { () async throws(CommandError) -> Int in
                throw CommandError(.ges(GESError(kind: .httpStatus, message: "GES said no")))
            }
        }
        do {
            _ = try await Self.deadline(in: 3600).run("reading") { () async throws(CommandError) -> Int in
                throw CommandError(.credentials(AuthError(kind: .rejected, message: "401")))
            }
        } catch {
            #expect(error.status == .authenticationFailed)
            #expect(error.description == "401")
        }
    }

    @Test func aDeadlineAlreadyPassedRunsNothingAndExitsFive() async {
        let ran = Flag()
        do {
            _ = try await Self.deadline(in: -1).run("reading the inventory") {
                () async throws(CommandError) -> Int in
                ran.set()
                return 1
            }
            Issue.record("the read ran after the deadline")
        } catch {
            #expect(error.status == .cloudUnreadable)
            #expect(
                error.description
                    == "the run's deadline (--deadline 3 s) passed while reading the inventory; no stop was sent"
            )
        }
        #expect(!ran.isSet)
        #expect(throws: CommandError.self) { try Self.deadline(in: -1).check(before: "deciding") }
        #expect(throws: Never.self) { try Self.deadline(in: 3600).check(before: "deciding") }
    }

    @Test func aReadStillGoingAtTheDeadlineIsCancelledAndTheRunExitsFive() async {
        let sawCancellation = Flag()
        do {
            _ = try await Self.deadline(in: 0.2).run("reading usage from Cloud Eye") {
                () async throws(CommandError) -> Int in
                do {
                    try await Task.sleep(for: .seconds(3600))
                } catch {
                    sawCancellation.set()
                    throw CommandError(.transport(TransportError(kind: .cancelled, host: "", detail: "")))
                }
                return 1
            }
            Issue.record("a read of an hour ended before a deadline of 0.2 s")
        } catch {
            #expect(error.status == .cloudUnreadable)
            #expect(error.description.contains("passed while reading usage from Cloud Eye; no stop was sent"))
        }
        // The run waited for the cancelled read to wind down (within the grace period), so it saw the cancellation.
        #expect(sawCancellation.isSet)
    }

    @Test func aReadThatIgnoresCancellationIsLeftBehindAfterTheGracePeriod() async {
        let gate = Gate()
        do {
            _ = try await Self.deadline(in: 0.1, grace: .milliseconds(100)).run("reading the inventory") {
                () async throws(CommandError) -> Int in
                await gate.wait()
                return 1
            }
            Issue.record("the read ended although it was never released")
        } catch {
            #expect(error.status == .cloudUnreadable)
        }
        // The run came back although the read cannot end before it is released; now release it.
        while await gate.waiting == 0 { try? await Task.sleep(for: .milliseconds(10)) }
        #expect(await gate.release() == 1)
    }
}

/// Holds its waiters until released; ignores cancellation, like a shared request that outlives its callers.
actor Gate {
    private var waiters: [CheckedContinuation<Void, Never>] = []

    var waiting: Int { waiters.count }

    func wait() async {
        await withCheckedContinuation { waiters.append($0) }
    }

    /// Releases every waiter; returns how many there were.
    func release() -> Int {
        let count = waiters.count
        for waiter in waiters { waiter.resume() }
        waiters = []
        return count
    }
}

/// A Boolean a concurrent closure sets once.
final class Flag: Sendable {
    private let value = Atomic<Bool>(false)

    func set() { value.store(true, ordering: .relaxed) }
    var isSet: Bool { value.load(ordering: .relaxed) }
}
