import Foundation
import IdleStopCore

/// Every setting of a run after flags, environment and config file are merged, in that order of precedence.
struct RunSettings: Sendable {
    var policyPaths: [String]
    var pricingPath: String
    /// No pricing file was named and none exists at the default places: savings are unknown, with a warning.
    var pricingIsDefault: Bool
    var usageSources: [String]
    var inventoryPath: String?
    var saveUsagePath: String?
    var isDryRun: Bool
    var now: Instant?
    var dbPath: String
    var reportPath: String?
    var reportDirectory: String
    /// Where the run's metrics go for monitoring (`--metrics-file`, `metrics_file:`); nil: none written.
    var metricsFile: String?
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
    /// The config file's `auth:` section: where credentials live when the docs/SPEC.md §2 variables do not say.
    var auth: ConfigFile.Auth?
    /// The config file named by `--config`, for messages about its settings.
    var configPath: String?
    /// The default places looked at for a pricing file when none was named and none exists, for the warning.
    var pricingSearched: [String] = []
    /// How long the history keeps rows (`history:` in the config; defaults 35 and 400 days).
    var retention = HistoryRetention()

    static let defaultPolicyName = "idle-graphs.yml"
    static let defaultPricingName = "pricing.yml"
    static let defaultDB = "var/ges-idle-stop.sqlite"
    static let defaultReportDirectory = "reports"
    /// Where a system-wide install keeps its policies and config (`scripts/install --etc`).
    static let systemFolder = "/etc/ges-idle-stop"

    /// The places a default policy or pricing file is looked for when no flag or config names one, in order.
    ///
    /// `./policies/NAME` (a source checkout, or an operator's own folder), then
    /// `<folder of the executable>/../share/ges-idle-stop/NAME` (where `scripts/install` puts the examples),
    /// then `/etc/ges-idle-stop/NAME`. The first is relative to the working directory, as written.
    static func defaultCandidates(
        named name: String,
        executable: URL?,
        systemFolder: String = systemFolder
    )
        -> [String]
    {
        var candidates = ["policies/" + name]
        if let executable {
            candidates.append(
                executable.deletingLastPathComponent().deletingLastPathComponent()
                    .appendingPathComponent("share/ges-idle-stop/" + name).standardizedFileURL.path
            )
        }
        candidates.append(systemFolder + "/" + name)
        return candidates
    }

    /// The first candidate that `fileExists` says is there, or nil.
    static func firstExisting(_ candidates: [String], fileExists: (String) -> Bool) -> String? {
        candidates.first(where: fileExists)
    }

    /// The running executable with links resolved, so that a linked install still finds its `share` folder.
    static var executable: URL? { Bundle.main.executableURL?.resolvingSymlinksInPath() }

    /// Where defaults are looked for: the executable's folder and a file test (tests point them at temp folders).
    struct DefaultFiles {
        var executable: URL?
        var systemFolder: String
        var fileExists: (String) -> Bool

        static var live: DefaultFiles {
            DefaultFiles(executable: RunSettings.executable, systemFolder: RunSettings.systemFolder) { path in
                var isFolder: ObjCBool = false
                return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && !isFolder.boolValue
            }
        }

        /// The candidates for `name`.
        func candidates(named name: String) -> [String] {
            RunSettings.defaultCandidates(named: name, executable: executable, systemFolder: systemFolder)
        }
    }

    /// The warning a run logs when it found no pricing file at the default places.
    var missingPricingWarning: String {
        "no pricing file at \(pricingSearched.joined(separator: ", ")) (name one with --pricing FILE or pricing: in "
            + "the config file): savings are reported as unknown"
    }

    /// Merges flags over environment over config; the config file is read here when one is named.
    static func resolve(
        options: RunOptions,
        environment: [String: String],
        defaults: DefaultFiles = .live
    ) throws(CommandError) -> RunSettings {
        try resolve(connection: options.connection, run: options, environment: environment, defaults: defaults)
    }

    /// Merges the shared options, and those of `run`/`apply` when given, over environment over config.
    ///
    /// Without `run` (`usage export`, which decides nothing) there are no policies or pricing to look for and
    /// the usage comes from Cloud Eye.
    static func resolve(
        connection: ConnectionOptions,
        run: RunOptions?,
        environment: [String: String],
        defaults: DefaultFiles = .live
    ) throws(CommandError) -> RunSettings {
        try resolve(
            access: connection.access,
            inventory: connection.inventory,
            cesEndpoint: connection.cesEndpoint,
            run: run,
            environment: environment,
            defaults: defaults
        )
    }

    /// Merges the access options (and an inventory file and Cloud Eye endpoint, for the commands that take them),
    /// and those of `run`/`apply` when given, over environment over config.
    static func resolve(
        access options: AccessOptions,
        inventory: String? = nil,
        cesEndpoint: String? = nil,
        run: RunOptions?,
        environment: [String: String],
        defaults: DefaultFiles = .live
    ) throws(CommandError) -> RunSettings {
        var config = ConfigFile()
        if let path = options.config {
            do { config = try ConfigFile.load(path: path) } catch { throw CommandError(.configFiles(error)) }
        }
        var files: (policyPaths: [String], pricingPath: String, pricingSearched: [String])?
        if let run { files = try decisionFiles(run: run, config: config, defaults: defaults) }
        var now: Instant?
        if let text = options.now { now = try instant(now: text) }
        let horizon = try Self.horizon(run?.horizon, config: config)
        let maxBadRows = run?.maxBadRows ?? config.maxBadRows ?? 0
        guard maxBadRows >= 0 else { throw .setting("--max-bad-rows must be 0 or more") }
        let concurrency = run?.concurrency ?? config.concurrency ?? 8
        guard (1...64).contains(concurrency) else { throw .setting("--concurrency must be between 1 and 64") }
        let deadline = try Self.deadline(options.deadline, config: config)
        return RunSettings(
            policyPaths: files?.policyPaths ?? [],
            pricingPath: files?.pricingPath ?? "",
            pricingIsDefault: !(files?.pricingSearched.isEmpty ?? true),
            usageSources: run.map { !$0.usage.isEmpty ? $0.usage : (config.usage ?? []) }
                ?? [UsageCollector.cloudEyeSource],
            inventoryPath: inventory ?? config.inventory,
            saveUsagePath: run?.saveUsage,
            isDryRun: run?.dryRun ?? false,
            now: now,
            dbPath: run?.db ?? environment["GES_IDLE_STOP_DB"] ?? config.db ?? defaultDB,
            reportPath: run?.report,
            reportDirectory: config.reportDirectory ?? defaultReportDirectory,
            metricsFile: run?.metricsFile ?? config.metricsFile,
            horizon: horizon,
            endpoint: options.endpoint ?? environment["GES_ENDPOINT"] ?? config.endpoint,
            cesEndpoint: cesEndpoint ?? config.cesEndpoint,
            region: options.region ?? environment["HUAWEICLOUD_SDK_REGION"] ?? config.region,
            projectID: options.projectId ?? environment["HUAWEICLOUD_SDK_PROJECT_ID"] ?? config.projectID,
            maxBadRows: maxBadRows,
            wait: run?.wait ?? false,
            concurrency: concurrency,
            caFile: options.caFile ?? config.caFile,
            connectTimeout: Double(config.timeouts?.connectSeconds ?? 10),
            requestTimeout: Double(config.timeouts?.requestSeconds ?? 30),
            deadline: deadline,
            maxAttempts: config.retries?.maxAttempts ?? 4,
            maxRetrySeconds: Double(config.retries?.maxSeconds ?? 60),
            auth: config.auth,
            configPath: options.config,
            pricingSearched: files?.pricingSearched ?? [],
            retention: config.history?.retention ?? HistoryRetention()
        )
    }

    /// The policy and pricing files of a run: named by flag or config, else the first default that exists.
    ///
    /// No policy file anywhere is bad input; no pricing file is not (`pricingSearched` lists where it was looked
    /// for, and `pricingPath` is the first of them).
    private static func decisionFiles(
        run: RunOptions,
        config: ConfigFile,
        defaults: DefaultFiles
    ) throws(CommandError) -> (policyPaths: [String], pricingPath: String, pricingSearched: [String]) {
        var policyPaths = !run.policies.isEmpty ? run.policies : (config.policies ?? [])
        if policyPaths.isEmpty {
            let candidates = defaults.candidates(named: defaultPolicyName)
            guard let found = firstExisting(candidates, fileExists: defaults.fileExists) else {
                throw .setting(
                    "no policy file: none of \(candidates.joined(separator: ", ")) exists; name one with "
                        + "--policy FILE or policies: in the config file (--config FILE)"
                )
            }
            policyPaths = [found]
        }
        if let pricing = run.pricing ?? config.pricing { return (policyPaths, pricing, []) }
        let candidates = defaults.candidates(named: defaultPricingName)
        if let found = firstExisting(candidates, fileExists: defaults.fileExists) { return (policyPaths, found, []) }
        return (policyPaths, candidates.first ?? "", candidates)
    }

    /// `--now`: an ISO 8601 time with an offset (Unix seconds are refused: a typo there would be silent).
    private static func instant(now text: String) throws(CommandError) -> Instant {
        guard let seconds = TimestampParser.parse(text), !text.allSatisfy(\.isNumber) else {
            throw .setting(
                "--now \(text.debugDescription) is not an ISO 8601 time with an offset, e.g. 2026-11-27T02:00:00Z"
            )
        }
        return Instant(unixSeconds: seconds)
    }

    /// `--horizon`, else the config's, else 24 hours; never longer than GES's seven-day restart.
    private static func horizon(_ text: String?, config: ConfigFile) throws(CommandError) -> TimeSpan {
        var horizon = config.horizon ?? .hours(24)
        if let text {
            guard let span = TimeSpan(parsing: text) else {
                throw .setting("--horizon \(text.debugDescription) is not a duration like 24h or 3d")
            }
            horizon = span
        }
        if let problem = PriceTable.horizonProblem(horizon) { throw .setting("--horizon \(horizon) \(problem)") }
        return horizon
    }

    /// `--deadline` in seconds (a number or a duration, 1 s to 7 days), else the config's, else 900.
    private static func deadline(_ text: String?, config: ConfigFile) throws(CommandError) -> Double {
        guard let text else { return Double(config.timeouts?.runDeadlineSeconds ?? 900) }
        guard let span = Int64(text).map(TimeSpan.init(seconds:)) ?? TimeSpan(parsing: text),
            (1...604_800).contains(span.seconds)
        else {
            throw .setting(
                "--deadline \(text.debugDescription) is not a number of seconds or a duration like 90s or 15m, from 1 s to 7d"
            )
        }
        return Double(span.seconds)
    }
}
