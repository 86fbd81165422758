import Foundation

/// What the job decided for one graph.
public enum DecisionKind: String, Sendable, Codable, CaseIterable {
    /// A policy with `action: stop` matched.
    case stop
    /// No policy matched, or a safety rule (coverage, restart, bad rows) kept it.
    case keep
    /// A hard rule: database edition, not running, or protected.
    case skip
    /// A policy with `action: report` matched: listed, never stopped.
    case flag
}

/// What happened to a `stop` decision. Empty for every other decision.
public enum StopResult: String, Sendable, Codable, CaseIterable {
    case requested, confirmed
    case dryRun = "dry-run"
    case alreadyStopped = "already-stopped"
    case failed, held
    /// The request was sent but no answer was recorded (crash or lost connection); reconciled later.
    case unknown
    /// The policy has a notice period that has not passed: the graph is told about, no request is sent.
    case noticed
}

/// One row of the report: a graph, the decision about it, why, and what it is worth.
public struct Decision: Sendable, Equatable, Codable {
    public var graph: Graph
    public var kind: DecisionKind
    /// The policy that decided, if one did.
    public var policy: String?
    /// A sentence with the numbers that decided it.
    public var reason: String
    /// The window the deciding (or closest) idle filter looked at.
    public var window: TimeSpan?
    public var requestsInWindow: Double?
    /// Covered share of `window`, 0...1.
    public var coverage: Double?
    /// Unix seconds of the end of the last period with requests.
    public var lastActivity: Int64?
    public var hourlyPrice: Decimal?
    public var currency: String?
    /// Hourly price × horizon, for `stop` decisions only.
    public var projectedSavings: Decimal?
    public var result: StopResult?
    public var jobID: String?
    public var errorCode: String?
    public var errorMessage: String?
    /// When the notice period of a `stop` under a policy with `notice:` started (`NoticePeriod`); nil without one.
    public var noticeSince: Instant?

    public init(
        graph: Graph,
        kind: DecisionKind,
        policy: String? = nil,
        reason: String,
        window: TimeSpan? = nil,
        requestsInWindow: Double? = nil,
        coverage: Double? = nil,
        lastActivity: Int64? = nil,
        hourlyPrice: Decimal? = nil,
        currency: String? = nil,
        projectedSavings: Decimal? = nil,
        result: StopResult? = nil,
        jobID: String? = nil,
        errorCode: String? = nil,
        errorMessage: String? = nil,
        noticeSince: Instant? = nil
    ) {
        self.graph = graph
        self.kind = kind
        self.policy = policy
        self.reason = reason
        self.window = window
        self.requestsInWindow = requestsInWindow
        self.coverage = coverage
        self.lastActivity = lastActivity
        self.hourlyPrice = hourlyPrice
        self.currency = currency
        self.projectedSavings = projectedSavings
        self.result = result
        self.jobID = jobID
        self.errorCode = errorCode
        self.errorMessage = errorMessage
        self.noticeSince = noticeSince
    }
}

extension Decision {
    /// A `stop` this run sends (or would, in a dry-run): every stop but a noticed one. The trip-wire counts these.
    public var isStopToSend: Bool { kind == .stop && result != .noticed }
}

/// Identity and context of one run, shared by every row it writes.
public struct RunInfo: Sendable, Equatable, Codable {
    public enum Mode: String, Sendable, Codable {
        case live
        case dryRun = "dry-run"
    }
    public var id: String
    /// The instant the decisions were evaluated at (`--now` or the clock).
    public var evaluatedAt: Instant
    /// Wall-clock start of the run (differs from `evaluatedAt` when `--now` is given).
    public var startedAt: Date
    public var mode: Mode
    public var command: String

    public init(id: String, evaluatedAt: Instant, startedAt: Date, mode: Mode, command: String = "run") {
        self.id = id
        self.evaluatedAt = evaluatedAt
        self.startedAt = startedAt
        self.mode = mode
        self.command = command
    }
}
