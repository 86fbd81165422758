import Foundation
import IdleStopCore

/// Every setting of a run after flags, environment and config file are merged, in that order of precedence.
struct RunSettings: Sendable {
    var policyPaths: [String]
    var pricingPath: String
    var pricingIsDefault: Bool
    var usageSources: [String]
    var inventoryPath: String?
    var saveUsagePath: String?
    var isDryRun: Bool
    var now: Date?
    var dbPath: String
    var reportPath: String?
    var reportDirectory: String
    var horizon: TimeSpan
    var endpoint: String?
    var cesEndpoint: String?
    var region: String?
    var projectID: String?
    var maxBadRows: Int
    var wait: Bool
    var concurrency: Int
    var caFile: String?
    var connectTimeout: Double
    var requestTimeout: Double
    var deadline: Double
    var maxAttempts: Int
    var maxRetrySeconds: Double
    /// The config file's `auth:` section: where credentials live when the SPEC §2 variables do not say.
    var auth: ConfigFile.Auth?
    /// The config file named by `--config`, for messages about its settings.
    var configPath: String?

    static let defaultPolicy = "policies/idle-graphs.yml"
    static let defaultPricing = "policies/pricing.yml"
    static let defaultDB = "var/ges-idle-stop.sqlite"
    static let defaultReportDirectory = "reports"

    /// Merges flags over environment over config; the config file is read here when one is named.
    static func resolve(options: RunOptions, environment: [String: String]) throws(CommandError) -> RunSettings {
        var config = ConfigFile()
        if let path = options.config {
            do { config = try ConfigFile.load(path: path) } catch { throw .badInput("\(error)") }
        }
        let policyPaths = !options.policies.isEmpty ? options.policies : (config.policies ?? [defaultPolicy])
        let pricing = options.pricing ?? config.pricing
        var now: Date?
        if let text = options.now {
            guard let seconds = TimestampParser.parse(text), !text.allSatisfy(\.isNumber) else {
                throw .badInput(
                    "--now \(text.debugDescription) is not an ISO 8601 time with an offset, e.g. 2026-11-27T02:00:00Z")
            }
            now = Date(timeIntervalSince1970: TimeInterval(seconds))
        }
        var horizon = config.horizon ?? .hours(24)
        if let text = options.horizon {
            guard let span = TimeSpan(parsing: text) else {
                throw .badInput("--horizon \(text.debugDescription) is not a duration like 24h or 3d")
            }
            horizon = span
        }
        guard horizon <= .hours(168) else {
            throw .badInput("--horizon \(horizon) is longer than 168h: GES restarts a stopped graph after seven days")
        }
        let maxBadRows = options.maxBadRows ?? config.maxBadRows ?? 0
        guard maxBadRows >= 0 else { throw .badInput("--max-bad-rows must be 0 or more") }
        let concurrency = options.concurrency ?? config.concurrency ?? 8
        guard (1...64).contains(concurrency) else { throw .badInput("--concurrency must be between 1 and 64") }
        var deadline = Double(config.timeouts?.runDeadlineSeconds ?? 900)
        if let text = options.deadline {
            guard let span = Int64(text).map(TimeSpan.init(seconds:)) ?? TimeSpan(parsing: text),
                (1...604_800).contains(span.seconds)
            else {
                throw .badInput(
                    "--deadline \(text.debugDescription) is not a number of seconds or a duration like 90s or 15m, from 1 s to 7d"
                )
            }
            deadline = Double(span.seconds)
        }
        let projectID = options.projectId ?? environment["HUAWEICLOUD_SDK_PROJECT_ID"] ?? config.projectID
        return RunSettings(
            policyPaths: policyPaths,
            pricingPath: pricing ?? defaultPricing,
            pricingIsDefault: pricing == nil,
            usageSources: !options.usage.isEmpty ? options.usage : (config.usage ?? []),
            inventoryPath: options.inventory ?? config.inventory,
            saveUsagePath: options.saveUsage,
            isDryRun: options.dryRun,
            now: now,
            dbPath: options.db ?? environment["GES_IDLE_STOP_DB"] ?? config.db ?? defaultDB,
            reportPath: options.report,
            reportDirectory: config.reportDirectory ?? defaultReportDirectory,
            horizon: horizon,
            endpoint: options.endpoint ?? environment["GES_ENDPOINT"] ?? config.endpoint,
            cesEndpoint: options.cesEndpoint ?? config.cesEndpoint,
            region: options.region ?? environment["HUAWEICLOUD_SDK_REGION"] ?? config.region,
            projectID: projectID,
            maxBadRows: maxBadRows,
            wait: options.wait,
            concurrency: concurrency,
            caFile: options.caFile ?? config.caFile,
            connectTimeout: Double(config.timeouts?.connectSeconds ?? 10),
            requestTimeout: Double(config.timeouts?.requestSeconds ?? 30),
            deadline: deadline,
            maxAttempts: config.retries?.maxAttempts ?? 4,
            maxRetrySeconds: Double(config.retries?.maxSeconds ?? 60),
            auth: config.auth,
            configPath: options.config
        )
    }
}
