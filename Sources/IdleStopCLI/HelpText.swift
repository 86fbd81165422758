/// The paragraphs the commands' `--help` shares, so that each command's help stands alone without drifting apart.
///
/// Lines stay under 80 columns: argument-parser keeps line breaks and wraps longer lines at the terminal width.
enum HelpText {
    /// What `--usage` (and `usage:` in the config) accepts.
    static let usageSources = """
        Usage (--usage, or usage: in the config) is one or more of:
          FILE      a usage CSV (graph_id, period_start, period_seconds, requests)
          FOLDER    every *.csv file in it
          -         a usage CSV on standard input
          cloud-eye Cloud Eye's ges004_request_count for the graphs in the
                    inventory (not mixed with CSV sources in one run)
        """

    /// Where a default policy and pricing file are looked for.
    static let defaultFiles = """
        Without --policy (or policies: in the config), idle-graphs.yml is read from
        ./policies/, else from ../share/ges-idle-stop/ next to this executable's
        folder (where scripts/install puts it), else from /etc/ges-idle-stop/;
        pricing.yml likewise for --pricing (or pricing:).
        """

    /// The credential variables, in the order the first configured method wins.
    static let credentials = """
        Credentials, from the environment; the first method configured wins, and a
        method half configured is an error (exit 1):
          1. AK/SK signing (what cron should use): HUAWEICLOUD_SDK_AK,
             HUAWEICLOUD_SDK_SK, optional HUAWEICLOUD_SDK_SECURITY_TOKEN
          2. a token: GES_AUTH_TOKEN, or GES_AUTH_TOKEN_FILE naming a file of
             mode 600 that holds it
          3. IAM password: HUAWEICLOUD_IAM_ENDPOINT, HUAWEICLOUD_DOMAIN_NAME,
             HUAWEICLOUD_USER_NAME, HUAWEICLOUD_PASSWORD
        The config's auth: section may name other variables or the token file,
        never hold a secret. Other variables: GES_ENDPOINT,
        HUAWEICLOUD_SDK_REGION, HUAWEICLOUD_SDK_PROJECT_ID.
        """

    /// What a run prints where.
    static let output = """
        Standard output gets one summary line per run, also with --quiet; logs
        and errors go to standard error.
        """

    /// The whole discussion of `run` and `apply`.
    static let runDiscussion = [
        usageSources, defaultFiles, credentials,
        output,
        ExitStatus.helpParagraph(ExitStatus.allCases),
    ].joined(separator: "\n\n")
}
