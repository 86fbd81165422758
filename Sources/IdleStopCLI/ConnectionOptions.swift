import ArgumentParser

/// The options of the commands that read usage (`run`, `apply`, `usage export`): `AccessOptions`, plus Cloud Eye's
/// endpoint and an inventory file in place of GES's listing.
///
/// Flags win over environment, environment over the config file (docs/SPEC.md §1, §6).
struct ConnectionOptions: ParsableArguments {
    @OptionGroup var access: AccessOptions

    @Option(
        help: """
            Cloud Eye base URL for cloud-eye usage. Default: https://ces.<region>.myhuaweicloud.com, else the GES \
            endpoint with ges. changed to ces.
            """
    )
    var cesEndpoint: String?

    @Option(help: "Read the graph list from a file in the list-graphs response shape instead of the API.")
    var inventory: String?

    /// `--quiet`: no logs but errors.
    var quiet: Bool { access.quiet }

    /// `--verbose`: every step on standard error.
    var verbose: Bool { access.verbose }
}
