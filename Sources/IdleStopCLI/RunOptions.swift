import ArgumentParser

/// The options `run` and `apply` share (SPEC §1); flags win over environment, environment over config file.
struct RunOptions: ParsableArguments {
    @Option(help: "YAML config file (SPEC §6).")
    var config: String?

    @Option(name: .customLong("policy"), help: "Policy file; may repeat. Default: policies/idle-graphs.yml.")
    var policies: [String] = []

    @Option(help: "Pricing file. Default: policies/pricing.yml.")
    var pricing: String?

    @Option(
        name: .customLong("usage"), help: "Usage records: a CSV file, a folder of *.csv, or - for stdin; may repeat.")
    var usage: [String] = []

    @Option(help: "With --usage cloud-eye: also write the fetched usage to this CSV file (SPEC §3 format).")
    var saveUsage: String?

    @Option(help: "Read the graph list from a file in the list-graphs response shape instead of the API.")
    var inventory: String?

    @Flag(help: "Decide and report; send no stop request.")
    var dryRun = false

    @Option(help: "Evaluate as of this instant (ISO 8601 with offset). Default: the clock.")
    var now: String?

    @Option(help: "SQLite history database. Default: var/ges-idle-stop.sqlite.")
    var db: String?

    @Option(help: "CSV report path. Default: reports/ges-idle-stop-<UTC timestamp>-<run id>.csv.")
    var report: String?

    @Option(help: "How long a stop is expected to last, for projected savings (default 24h, at most 168h).")
    var horizon: String?

    @Option(help: "Cloud Eye base URL for --usage cloud-eye.")
    var cesEndpoint: String?

    @Option(help: "GES base URL, e.g. https://ges.cn-north-4.myhuaweicloud.com (env GES_ENDPOINT).")
    var endpoint: String?

    @Option(help: "Derive the endpoint from a region name when no endpoint is given.")
    var region: String?

    @Option(help: "Project ID (env HUAWEICLOUD_SDK_PROJECT_ID): up to 64 letters and digits.")
    var projectId: String?

    @Option(help: "Tolerate up to N malformed usage rows; the graphs they name are never stopped. Default 0.")
    var maxBadRows: Int?

    @Flag(help: "Poll each stop job until it succeeds or fails.")
    var wait = false

    @Option(help: "Stop requests in flight at once. Default 8.")
    var concurrency: Int?

    @Option(help: "Extra CA certificates for TLS verification.")
    var caFile: String?

    /// Seconds (`900`) or a duration (`90s`, `15m`) from the start of the run by which it must be done (default 900).
    ///
    /// Reading the inventory and the usage (Cloud Eye) count: if the deadline passes before they are done, the
    /// requests are cancelled (libcurl aborts the transfer at its next progress callback, about a second later),
    /// the run fails with exit 5, sends no stop and writes no report. In the stop phase no request starts after
    /// the deadline; requests in flight are cancelled and recorded `unknown`, graphs not yet tried are `failed`,
    /// "not sent". The run therefore ends by deadline + about 2 s, plus the SQLite and report writes.
    @Option(
        help: """
            Seconds (or a duration such as 90s or 15m) from the start of the run by which it must be done \
            (default 900). Reading the inventory or \
            usage past it fails the run (exit 5, no stop sent); in the stop phase no request starts after it and \
            requests in flight are cancelled and recorded as unknown.
            """)
    var deadline: String?

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    @Flag(help: "Log each step to standard error.")
    var verbose = false
}
