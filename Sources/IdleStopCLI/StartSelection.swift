import IdleStopCore

/// Which of the job's stops `ges-idle-stop start` undoes: exactly one of `--run`, `--graph` or `--since`.
enum StartSelection: Sendable, Equatable {
    /// Every graph that run stopped.
    case run(String)
    /// The graphs named (each only if the history says the job stopped it).
    case graphs([String])
    /// Every graph the job stopped in this span before `--now`.
    case since(TimeSpan)

    /// The selection the options name; refuses none or several, an unsafe graph ID, or a span that is not one.
    init(run: String?, graphs: [String], since: String?) throws(CommandError) {
        let given = [run != nil, !graphs.isEmpty, since != nil].filter { $0 }.count
        guard given == 1 else {
            throw .setting("give exactly one of --run RUN_ID, --graph ID (repeatable) or --since DURATION")
        }
        if let run {
            self = .run(run)
        } else if let since {
            guard let span = TimeSpan(parsing: since), span.seconds > 0 else {
                throw .setting("--since \(since.debugDescription) is not a duration like 24h or 7d")
            }
            self = .since(span)
        } else {
            if let bad = graphs.first(where: { !GraphID.isSafe($0) }) {
                throw .setting("--graph \(bad.debugDescription) is not a graph ID (letters, digits, - and _)")
            }
            self = .graphs(graphs)
        }
    }
}
