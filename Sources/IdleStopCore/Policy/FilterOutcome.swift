/// The three-valued result of a filter: it holds, it fails, or the data cannot tell.
///
/// `unknown` (too little usage coverage, no metric values, no creation time) never lets a policy match, not
/// even under `not`: missing data must keep a graph running.
struct FilterOutcome: Sendable, Equatable {
    enum State: Sendable, Equatable { case holds, fails, unknown }

    var state: State
    var sentence: String
    var idleChecks: [IdleCheck] = []

    static func holds(_ sentence: String) -> FilterOutcome { FilterOutcome(state: .holds, sentence: sentence) }
    static func fails(_ sentence: String) -> FilterOutcome { FilterOutcome(state: .fails, sentence: sentence) }
    static func unknown(_ sentence: String) -> FilterOutcome { FilterOutcome(state: .unknown, sentence: sentence) }
}
