import ArgumentParser

/// The options `run` and `apply` share (SPEC §1); flags win over environment, environment over config file.
struct RunOptions: ParsableArguments {
    @Option(help: "YAML config file (SPEC §6).")
    var config: String?

    @Option(name: .customLong("policy"), help: "Policy file; may repeat. Default: policies/idle-graphs.yml.")
    var policies: [String] = []

    @Option(help: "Pricing file. Default: policies/pricing.yml.")
    var pricing: String?

    @Option(name: .customLong("usage"), help: "Usage records: a CSV file, a folder of *.csv, or - for stdin; may repeat.")
    var usage: [String] = []

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

    @Option(help: "Give up on the whole run after this many seconds (default 900).")
    var deadline: Int?

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    @Flag(help: "Log each step to standard error.")
    var verbose = false
}
