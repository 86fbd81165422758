import Foundation

/// The instant by which a whole run must be done (`--deadline` seconds after it started), for the phases before
/// the stops: listing the inventory and reading usage.
///
/// A read still going at the deadline is cancelled (the libcurl transfer is aborted at its next progress callback,
/// within about a second) and the run fails with exit 5: nothing was sent. The stop phase keeps its own handling
/// of the same instant (`StopExecutor`): stops in flight become `unknown`, stops not started `failed`.
struct RunDeadline: Sendable {
    var instant: Date
    /// The `--deadline` setting, for messages.
    var seconds: Double
    /// How long a cancelled read may take to wind down before the run stops waiting for it.
    var grace: Duration = .seconds(2)

    var hasPassed: Bool { Date() >= instant }

    /// The error of a run whose deadline passed while it was `doing` something, before any stop was sent.
    func passedError(while doing: String) -> CommandError {
        CommandError(.deadlinePassed(seconds: Int(seconds), doing: doing))
    }

    /// Fails with `passedError` when the deadline has passed.
    func check(before doing: String) throws(CommandError) {
        if hasPassed { throw passedError(while: doing) }
    }

    /// Runs `operation` unless the deadline passes first; then cancels it and throws `passedError`.
    ///
    /// The operation runs in its own task so that the run is not held by a part that ignores cancellation
    /// (a shared IAM token request): after the deadline the run waits at most `grace` for it to end.
    func run<T: Sendable>(
        _ doing: String,
        _ operation: @escaping @Sendable () async throws(CommandError) -> T
    ) async throws(CommandError) -> T {
        try check(before: doing)
        // The awaited value is bound before it is wrapped (see CloudEyeClient.merge(answersTo:into:) for why).
        let work = Task { () async -> Result<T, CommandError> in
            do throws(CommandError) {
                let value = try await operation()
                return .success(value)
            } catch {
                return .failure(error)
            }
        }
        let untilDeadline = Duration.milliseconds(Int64(max(0, instant.timeIntervalSinceNow) * 1000))
        if let result = await Self.first(of: work, within: untilDeadline) {
            return try result.get()
        }
        work.cancel()
        _ = await Self.first(of: work, within: grace)
        throw passedError(while: doing)
    }

    /// The task's result if it ends within `limit`, else nil (the task goes on).
    static func first<T: Sendable>(
        of work: Task<Result<T, CommandError>, Never>,
        within limit: Duration
    ) async
        -> Result<T, CommandError>?
    {
        let (answers, continuation) = AsyncStream.makeStream(of: Result<T, CommandError>?.self)
        Task { continuation.yield(await work.value) }
        let timer = Task {
            try? await Task.sleep(for: limit)
            continuation.yield(nil)
        }
        var iterator = answers.makeAsyncIterator()
        let first = await iterator.next() ?? nil
        timer.cancel()
        continuation.finish()
        return first
    }
}
