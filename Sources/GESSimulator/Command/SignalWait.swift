import Dispatch
import Foundation

/// Waiting for a termination signal, so `ges-sim` can close its socket before it exits.
enum SignalWait {
    /// Waits for the first of `signals` (ignoring their default action) and returns it.
    static func first(of signals: [Int32]) async -> Int32 {
        let (stream, continuation) = AsyncStream.makeStream(of: Int32.self)
        let sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            return source
        }
        var received: Int32 = 0
        for await number in stream {
            received = number
            break
        }
        for source in sources { source.cancel() }
        return received
    }
}
