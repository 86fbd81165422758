import Foundation

/// Everything a `Simulator` serves and checks: fleet, usage, credentials, job timing, faults, paging cap.
public struct SimulatorConfiguration: Sendable, Equatable {
    /// The port to bind on 127.0.0.1; 0 picks a free one.
    public var port: Int
    public var fleet: FleetDocument
    /// When set, GES paths naming another project are refused (400 `GES.0016`); when nil any project id is served.
    public var projectID: String?
    /// Accepted as `X-Auth-Token`.
    public var token: String?
    public var accessKey: String?
    public var secretKey: String?
    /// The IAM user that `POST /v3/auth/tokens` accepts.
    public var iamUser: IAMUser?
    /// The token IAM hands out at every login, so tests can look for it; nil: a fresh random one each time.
    public var issuedToken: String?
    /// How long stop and start jobs run (simulated clock).
    public var jobDelay: TimeInterval
    public var faults: FaultSettings
    /// Seeds the generator behind error rates, jitter and hangs; nil seeds from the system.
    public var seed: UInt64?
    /// The largest `limit` the list call honours; larger limits are clamped silently, as paging clients must cope.
    public var maxPageLimit: Int
    /// Refuse AK/SK requests whose `X-Sdk-Date` is further than this from the real clock; nil skips the check.
    public var maxSignatureSkew: TimeInterval?
    /// How long an issued IAM token stays valid on the simulated clock.
    public var tokenLifetime: TimeInterval
    /// The records the Cloud Eye endpoint serves (`ges004_request_count`); empty: every query answers no datapoints.
    public var usage: SimulatedUsage
    /// The simulated clock's reading at start (it runs on from there); nil: the real clock.
    public var clock: Date?

    public init(
        port: Int = 0,
        fleet: FleetDocument,
        projectID: String? = nil,
        token: String? = nil,
        accessKey: String? = nil,
        secretKey: String? = nil,
        iamUser: IAMUser? = nil,
        issuedToken: String? = nil,
        jobDelay: TimeInterval = 0.5,
        faults: FaultSettings = FaultSettings(),
        seed: UInt64? = nil,
        maxPageLimit: Int = 100,
        maxSignatureSkew: TimeInterval? = 900,
        tokenLifetime: TimeInterval = 86_400,
        usage: SimulatedUsage = .empty,
        clock: Date? = nil
    ) {
        self.port = port
        self.fleet = fleet
        self.projectID = projectID
        self.token = token
        self.accessKey = accessKey
        self.secretKey = secretKey
        self.iamUser = iamUser
        self.issuedToken = issuedToken
        self.jobDelay = jobDelay
        self.faults = faults
        self.seed = seed
        self.maxPageLimit = maxPageLimit
        self.maxSignatureSkew = maxSignatureSkew
        self.tokenLifetime = tokenLifetime
        self.usage = usage
        self.clock = clock
    }

    /// True when no credential of any kind is configured: the simulator then accepts every request.
    public var isOpen: Bool {
        token == nil && (accessKey == nil || secretKey == nil) && iamUser == nil
    }

    /// An IAM user's name, password and account (domain) name.
    public struct IAMUser: Sendable, Equatable {
        public var name: String
        public var password: String
        public var domain: String

        public init(name: String, password: String, domain: String) {
            self.name = name
            self.password = password
            self.domain = domain
        }
    }
}
