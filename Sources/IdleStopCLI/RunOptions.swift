import ArgumentParser

/// The options `run` and `apply` share (docs/SPEC.md §1): the decision's inputs and outputs, then the connection.
///
/// Flags win over environment, environment over config file. `usage export` takes only `ConnectionOptions`,
/// so its help lists none of these.
struct RunOptions: ParsableArguments {
    @Option(
        name: .customLong("policy"),
        help: """
            Policy file (docs/SPEC.md §4); may repeat. Default: idle-graphs.yml in ./policies/, else in \
            ../share/ges-idle-stop/ from this executable's folder, else in /etc/ges-idle-stop/.
            """
    )
    var policies: [String] = []

    @Option(help: "Pricing file (docs/SPEC.md §5). Default: pricing.yml, looked for like the policy file.")
    var pricing: String?

    @Option(
        name: .customLong("usage"),
        help: """
            Usage records; may repeat: a CSV file, a folder of *.csv files, - for standard input, or cloud-eye \
            (request counts from Cloud Eye for the graphs in the inventory; not mixed with CSV sources).
            """
    )
    var usage: [String] = []

    @Option(help: "With cloud-eye usage: also write the fetched records to this CSV file (docs/SPEC.md §3 format).")
    var saveUsage: String?

    @Flag(help: "Decide and report; send no stop request (GET requests still read the inventory and usage).")
    var dryRun = false

    @Option(help: "SQLite history database (env GES_IDLE_STOP_DB). Default: var/ges-idle-stop.sqlite.")
    var db: String?

    @Option(help: "CSV report path. Default: <report_dir or reports>/ges-idle-stop-<UTC timestamp>-<run id>.csv.")
    var report: String?

    @Option(
        help: "Prometheus text file for node_exporter's textfile collector, written after every run (docs/SPEC.md §8)."
    )
    var metricsFile: String?

    @Option(help: "How long a stop is expected to last, for projected savings: a duration (default 24h, at most 168h).")
    var horizon: String?

    @Option(help: "Tolerate up to N malformed usage rows; the graphs they name are never stopped. Default 0.")
    var maxBadRows: Int?

    @Flag(help: "Poll each stop job until it succeeds or fails (result confirmed or failed).")
    var wait = false

    @Option(help: "Stop requests in flight at once, 1 to 64. Default 8.")
    var concurrency: Int?

    @OptionGroup(title: "Connection, time and logging options")
    var connection: ConnectionOptions

    /// `--quiet`: no logs but errors; the summary line is printed all the same.
    var quiet: Bool { connection.quiet }

    /// `--verbose`: every step on standard error.
    var verbose: Bool { connection.verbose }
}
