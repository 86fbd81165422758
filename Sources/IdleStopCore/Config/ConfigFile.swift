import Foundation

/// The YAML config of docs/SPEC.md §6: the same settings as the flags and environment, every one optional.
///
/// Relative paths in the file (`db`, `report_dir`, `metrics_file`, `pricing`, `policies`, `usage`, `inventory`, `ca_file`,
/// `auth.token_file`) are resolved against the folder that holds the config file, so that a config works the
/// same from cron and from any working directory. `usage` entries `-` and `cloud-eye` stay as written.
/// Secrets are refused: the file names the environment variables or files that hold them.
public struct ConfigFile: Sendable, Equatable {
    public var endpoint: String?
    public var region: String?
    public var projectID: String?
    public var db: String?
    public var reportDirectory: String?
    /// `metrics_file`: the Prometheus text file written after every run.
    public var metricsFile: String?
    public var pricing: String?
    public var policies: [String]?
    public var usage: [String]?
    public var inventory: String?
    public var cesEndpoint: String?
    /// At most 168h.
    public var horizon: TimeSpan?
    public var maxBadRows: Int?
    /// 1…64.
    public var concurrency: Int?
    public var timeouts: Timeouts?
    public var retries: Retries?
    public var caFile: String?
    public var auth: Auth?
    /// Messages after each run (SMN, webhooks); nil: none.
    public var notify: Notify?
    /// `history:`: how long the history keeps rows; nil: the defaults.
    public var history: History?

    public init() {}

    /// `history:` in whole days, each positive; a missing key keeps its default (`HistoryRetention`).
    public struct History: Sendable, Equatable {
        public var keepUsageDays: Int?
        public var keepDecisionsDays: Int?

        public init(keepUsageDays: Int? = nil, keepDecisionsDays: Int? = nil) {
            self.keepUsageDays = keepUsageDays
            self.keepDecisionsDays = keepDecisionsDays
        }

        /// The retention these keys ask for, defaults filled in.
        public var retention: HistoryRetention {
            HistoryRetention(
                keepUsageDays: keepUsageDays ?? HistoryRetention.defaultUsageDays,
                keepDecisionsDays: keepDecisionsDays ?? HistoryRetention.defaultDecisionsDays
            )
        }
    }

    /// `timeouts:` in whole seconds, each positive.
    public struct Timeouts: Sendable, Equatable {
        public var connectSeconds: Int?
        public var requestSeconds: Int?
        public var runDeadlineSeconds: Int?

        public init(connectSeconds: Int? = nil, requestSeconds: Int? = nil, runDeadlineSeconds: Int? = nil) {
            self.connectSeconds = connectSeconds
            self.requestSeconds = requestSeconds
            self.runDeadlineSeconds = runDeadlineSeconds
        }
    }

    /// `retries:` for 429/5xx/timeouts: attempts in all (1…20) and total seconds spent retrying.
    public struct Retries: Sendable, Equatable {
        public var maxAttempts: Int?
        public var maxSeconds: Int?

        public init(maxAttempts: Int? = nil, maxSeconds: Int? = nil) {
            self.maxAttempts = maxAttempts
            self.maxSeconds = maxSeconds
        }
    }

    /// `auth:` names where credentials live, never the credentials themselves.
    public struct Auth: Sendable, Equatable {
        /// A file holding the token (sent as `X-Auth-Token`); must not be readable by group or others.
        public var tokenFile: String?
        /// Names of environment variables to read instead of the defaults of docs/SPEC.md §2.
        public var tokenEnv: String?
        public var accessKeyEnv: String?
        public var secretKeyEnv: String?
        public var securityTokenEnv: String?
        public var passwordEnv: String?
        /// IAM password login settings that are not secret.
        public var iamEndpoint: String?
        public var domainName: String?
        public var userName: String?

        public init(
            tokenFile: String? = nil,
            tokenEnv: String? = nil,
            accessKeyEnv: String? = nil,
            secretKeyEnv: String? = nil,
            securityTokenEnv: String? = nil,
            passwordEnv: String? = nil,
            iamEndpoint: String? = nil,
            domainName: String? = nil,
            userName: String? = nil
        ) {
            self.tokenFile = tokenFile
            self.tokenEnv = tokenEnv
            self.accessKeyEnv = accessKeyEnv
            self.secretKeyEnv = secretKeyEnv
            self.securityTokenEnv = securityTokenEnv
            self.passwordEnv = passwordEnv
            self.iamEndpoint = iamEndpoint
            self.domainName = domainName
            self.userName = userName
        }
    }
}
