import Foundation
import Yams

extension ConfigFile {
    static let topKeys = [
        "version", "endpoint", "region", "project_id", "db", "report_dir", "pricing", "policies", "usage", "inventory",
        "ces_endpoint", "horizon", "max_bad_rows", "concurrency", "timeouts", "retries", "ca_file", "auth",
        "metrics_file", "notify", "history",
    ]
    static let authKeys = [
        "token_file", "token_env", "access_key_env", "secret_key_env", "security_token_env", "password_env",
        "iam_endpoint", "domain_name", "user_name",
    ]

    /// Reads a config file; relative paths in it resolve against the file's folder.
    public static func load(path: String) throws(ConfigFileErrors) -> ConfigFile {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return try parse(yaml: FileText.read(path: path), file: path, relativeTo: folder)
    }

    /// Parses config YAML; relative paths resolve against `folder` (nil: left as written).
    public static func parse(
        yaml: String,
        file: String,
        relativeTo folder: String? = nil
    ) throws(ConfigFileErrors) -> ConfigFile {
        let reader = YAMLReader(file: file)
        var config = ConfigFile()
        if let root = reader.compose(yaml) {
            refuseSecrets(in: root, reader)
            parse(root: root, into: &config, reader, folder: folder)
        }
        try reader.check()
        return config
    }

    /// Reads the top-level mapping into `config`, one named step per group of keys.
    static func parse(root: Node, into config: inout ConfigFile, _ reader: YAMLReader, folder: String?) {
        guard let top = reader.fields(root, in: "the config file", allowed: topKeys) else { return }
        if let version = top["version"], let number = reader.int(version, "version", in: Int.min...Int.max), number != 1
        {
            reader.fail(version, "unsupported version \(number) (expected 1)")
        }
        parseCloud(top, into: &config, reader)
        parsePaths(top, into: &config, reader, folder: folder)
        parseLimits(top, into: &config, reader)
        config.notify = top["notify"].flatMap { parseNotify($0, reader, folder: folder) }
        config.auth = top["auth"].flatMap { parseAuth($0, reader, folder: folder) }
        config.history = top["history"].flatMap { parseHistory($0, reader) }
    }

    /// `endpoint`, `ces_endpoint`, `region` and `project_id`: where the cloud is.
    static func parseCloud(_ top: YAMLReader.Fields, into config: inout ConfigFile, _ reader: YAMLReader) {
        config.endpoint = top["endpoint"].flatMap { url($0, "endpoint", reader) }
        config.cesEndpoint = top["ces_endpoint"].flatMap { url($0, "ces_endpoint", reader) }
        config.region = top["region"].flatMap { reader.text($0, "region") }
        if let node = top["project_id"], let text = reader.text(node, "project_id") {
            if text.count <= 64, text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
                config.projectID = text
            } else {
                reader.fail(node, "project_id must be 1 to 64 letters and digits", text: text)
            }
        }
    }

    /// The files and folders the config names, resolved against `folder`.
    static func parsePaths(
        _ top: YAMLReader.Fields,
        into config: inout ConfigFile,
        _ reader: YAMLReader,
        folder: String?
    ) {
        func path(_ key: String) -> String? {
            top[key].flatMap { reader.text($0, key) }.map { resolve($0, folder) }
        }
        config.db = path("db")
        config.reportDirectory = path("report_dir")
        config.metricsFile = path("metrics_file")
        config.pricing = path("pricing")
        config.inventory = path("inventory")
        config.caFile = path("ca_file")
        config.policies = top["policies"].flatMap { reader.texts($0, "policies", nonEmpty: true) }?.map {
            resolve($0, folder)
        }
        config.usage = top["usage"].flatMap { reader.texts($0, "usage", nonEmpty: true) }?.map { source in
            source == "-" || source == "cloud-eye" ? source : resolve(source, folder)
        }
    }

    /// `horizon`, `max_bad_rows`, `concurrency`, `timeouts` and `retries`: the numbers that bound a run.
    static func parseLimits(_ top: YAMLReader.Fields, into config: inout ConfigFile, _ reader: YAMLReader) {
        if let node = top["horizon"], let span = reader.duration(node, "horizon") {
            if let problem = PriceTable.horizonProblem(span) {
                reader.fail(node, "horizon \(span) \(problem)")
            } else {
                config.horizon = span
            }
        }
        config.maxBadRows = top["max_bad_rows"].flatMap { reader.int($0, "max_bad_rows", in: 0...Int.max) }
        config.concurrency = top["concurrency"].flatMap { reader.int($0, "concurrency", in: 1...64) }
        if let node = top["timeouts"],
            let fields = reader.fields(
                node,
                in: "timeouts",
                allowed: ["connect_seconds", "request_seconds", "run_deadline_seconds"]
            )
        {
            config.timeouts = Timeouts(
                connectSeconds: fields["connect_seconds"].flatMap { reader.int($0, "connect_seconds", in: 1...3600) },
                requestSeconds: fields["request_seconds"].flatMap { reader.int($0, "request_seconds", in: 1...3600) },
                runDeadlineSeconds: fields["run_deadline_seconds"].flatMap {
                    reader.int($0, "run_deadline_seconds", in: 1...86_400)
                }
            )
        }
        if let node = top["retries"],
            let fields = reader.fields(node, in: "retries", allowed: ["max_attempts", "max_seconds"])
        {
            config.retries = Retries(
                maxAttempts: fields["max_attempts"].flatMap { reader.int($0, "max_attempts", in: 1...20) },
                maxSeconds: fields["max_seconds"].flatMap { reader.int($0, "max_seconds", in: 1...3600) }
            )
        }
    }

    /// `auth:`: where the credentials are, never the credentials.
    static func parseAuth(_ node: Node, _ reader: YAMLReader, folder: String?) -> Auth? {
        guard let fields = reader.fields(node, in: "auth", allowed: authKeys) else { return nil }
        func text(_ key: String) -> String? { fields[key].flatMap { reader.text($0, "auth.\(key)") } }
        return Auth(
            tokenFile: text("token_file").map { resolve($0, folder) },
            tokenEnv: text("token_env"),
            accessKeyEnv: text("access_key_env"),
            secretKeyEnv: text("secret_key_env"),
            securityTokenEnv: text("security_token_env"),
            passwordEnv: text("password_env"),
            iamEndpoint: fields["iam_endpoint"].flatMap { url($0, "auth.iam_endpoint", reader) },
            domainName: text("domain_name"),
            userName: text("user_name")
        )
    }

    /// `history:`: how many days of usage records and decision rows the history keeps, each a positive number.
    static func parseHistory(_ node: Node, _ reader: YAMLReader) -> History? {
        guard let fields = reader.fields(node, in: "history", allowed: ["keep_usage_days", "keep_decisions_days"])
        else { return nil }
        let days = 1...HistoryRetention.maximumDays
        return History(
            keepUsageDays: fields["keep_usage_days"].flatMap { reader.int($0, "history.keep_usage_days", in: days) },
            keepDecisionsDays: fields["keep_decisions_days"].flatMap {
                reader.int($0, "history.keep_decisions_days", in: days)
            }
        )
    }

    /// An `http(s)://host…` URL.
    static func url(_ node: Node, _ what: String, _ reader: YAMLReader) -> String? {
        guard let text = reader.text(node, what) else { return nil }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http",
            let host = url.host, !host.isEmpty
        else {
            reader.fail(
                node,
                "\(what) \(ConfigFileError.quote(text)) is not a URL like https://ges.cn-north-4.myhuaweicloud.com",
                text: text
            )
            return nil
        }
        return text
    }

    static func resolve(_ path: String, _ folder: String?) -> String {
        guard let folder, !path.hasPrefix("/") else { return path }
        return URL(fileURLWithPath: folder).appendingPathComponent(path).standardizedFileURL.path
    }

    /// Key names that hold secrets; lower-cased with `-` read as `_`.
    static let secretNames: Set<String> = [
        "password", "passwd", "pwd", "secret", "secret_key", "secretkey", "sk", "token", "auth_token", "x_auth_token",
        "security_token", "api_key", "apikey", "private_key", "access_key_secret", "credentials",
    ]
    static let secretSuffixes = ["_password", "_secret", "_secret_key", "_sk", "_token", "_api_key", "_private_key"]

    static func isSecretName(_ key: String) -> Bool {
        let name = key.lowercased().replacingOccurrences(of: "-", with: "_")
        return secretNames.contains(name) || secretSuffixes.contains { name.hasSuffix($0) }
    }

    /// Reports every key that looks like a secret and holds a value, anywhere in the file, without its value.
    static func refuseSecrets(in node: Node, _ reader: YAMLReader) {
        switch node {
        case .mapping(let mapping):
            for (key, value) in mapping {
                if let name = key.scalar?.string, isSecretName(name), !YAMLReader.isNull(value) {
                    reader.fail(
                        key,
                        "\(ConfigFileError.quote(name)) holds a value: secrets do not belong in the config file; name the environment variable or file"
                    )
                } else {
                    refuseSecrets(in: value, reader)
                }
            }
        case .sequence(let sequence):
            for item in sequence { refuseSecrets(in: item, reader) }
        case .scalar, .alias:
            break
        }
    }
}
