import ArgumentParser

/// The options of every command that talks to GES (`run`, `apply`, `start`, `usage export`): where and how, when,
/// how loud.
///
/// Flags win over environment, environment over the config file (docs/SPEC.md §1, §6).
struct AccessOptions: ParsableArguments {
    @Option(help: "YAML config file (docs/SPEC.md §6); relative paths in it resolve against its folder.")
    var config: String?

    @Option(help: "GES base URL, e.g. https://ges.cn-north-4.myhuaweicloud.com (env GES_ENDPOINT).")
    var endpoint: String?

    @Option(help: "Derive the endpoints from a region name, e.g. cn-north-4 (env HUAWEICLOUD_SDK_REGION).")
    var region: String?

    @Option(help: "Project ID (env HUAWEICLOUD_SDK_PROJECT_ID): up to 64 letters and digits.")
    var projectId: String?

    @Option(help: "Extra CA certificates (PEM) added to the system ones; verification is never turned off.")
    var caFile: String?

    @Option(help: "Evaluate as of this instant (ISO 8601 with offset, e.g. 2026-11-27T02:00:00Z). Default: the clock.")
    var now: String?

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
            (default 900, or timeouts.run_deadline_seconds in the config). Reading the inventory or usage past \
            it fails the run (exit 5, no stop sent); in the stop phase no request starts after it and requests \
            in flight are cancelled and recorded as unknown.
            """
    )
    var deadline: String?

    @Flag(help: "Log nothing but errors on standard error; the one summary line on standard output is still printed.")
    var quiet = false

    @Flag(help: "Log each step to standard error.")
    var verbose = false
}
