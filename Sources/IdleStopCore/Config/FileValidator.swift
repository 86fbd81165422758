import Foundation
import Yams

/// Checks policy, pricing and config files, usage CSVs and inventory JSON for `ges-idle-stop validate`.
public enum FileValidator {
    /// What a file is: a YAML kind judged by its top-level keys, or a data file judged by name and first bytes.
    public enum Kind: String, Sendable, Equatable {
        case policy, pricing, config, usage, inventory
    }

    /// What checking some files found: problems make a file invalid, warnings do not.
    public struct Findings: Sendable, Equatable {
        public var problems: [FileProblem] = []
        /// Valid but probably not meant (`file:line:column: message`), e.g. a name pattern `^scratch-`.
        public var warnings: [String] = []

        public init(problems: [FileProblem] = [], warnings: [String] = []) {
            self.problems = problems
            self.warnings = warnings
        }
    }

    /// The bad rows of one usage file shown before the rest are only counted.
    public static let badRowLimit = 20

    /// Every problem of every file, in the order the files are given; empty when all are valid.
    public static func validate(paths: [String]) -> [FileProblem] { check(paths: paths).problems }

    /// Every problem and warning of every file, in the order the files are given.
    ///
    /// Usage files are checked after the YAML files, so that the metric columns the given policy files read are
    /// checked as numbers too.
    public static func check(paths: [String]) -> Findings {
        let dataKinds = paths.map(dataKind(path:))
        var perFile = Array(repeating: Findings(), count: paths.count)
        var metrics: Set<String> = []
        for (index, path) in paths.enumerated() where dataKinds[index] == nil {
            perFile[index] = checkYAML(path: path, metrics: &metrics)
        }
        for (index, path) in paths.enumerated() {
            switch dataKinds[index] {
            case .usage?: perFile[index].problems = checkUsage(path: path, metrics: metrics)
            case .inventory?: perFile[index].problems = checkInventory(path: path)
            default: continue
            }
        }
        return Findings(problems: perFile.flatMap(\.problems), warnings: perFile.flatMap(\.warnings))
    }

    /// A policy, pricing or config file; a policy file's metrics are added to `metrics`.
    private static func checkYAML(path: String, metrics: inout Set<String>) -> Findings {
        var findings = Findings()
        do throws(ConfigFileErrors) {
            let text = try FileText.read(path: path)
            switch kind(of: text) {
            case .policy:
                let policies = try PolicySet.parse(yaml: text, file: path)
                findings.warnings = policies.warnings
                metrics.formUnion(policies.usageNeeds.metrics)
            case .pricing: _ = try PriceTable.parse(yaml: text, file: path)
            default:
                let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
                _ = try ConfigFile.parse(yaml: text, file: path, relativeTo: folder)
            }
        } catch {
            findings.problems = error.errors.map(FileProblem.config)
        }
        return findings
    }

    /// A usage CSV: its first `badRowLimit` bad rows, a count of the rest, and what ended the read early.
    private static func checkUsage(path: String, metrics: Set<String>) -> [FileProblem] {
        if let reason = unreadableReason(path) {
            return [.usage(UsageError(kind: .unreadable, file: path, message: reason))]
        }
        let validation = UsageReader.validate(file: path, metrics: metrics, limit: badRowLimit)
        var problems = validation.badRows.map(FileProblem.usage)
        if validation.badRowCount > validation.badRows.count {
            problems.append(.moreBadRows(file: path, count: validation.badRowCount - validation.badRows.count))
        }
        if let failure = validation.failure { problems.append(.usage(failure)) }
        return problems
    }

    /// An inventory file, checked as `run --inventory` reads it.
    private static func checkInventory(path: String) -> [FileProblem] {
        if let reason = unreadableReason(path) { return [.inventory(InventoryError(source: path, message: reason))] }
        do throws(InventoryError) {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw InventoryError(source: path, message: "cannot be read")
            }
            _ = try GraphListDocument.decodeComplete(data, source: path)
            return []
        } catch {
            return [.inventory(error)]
        }
    }

    /// Why `path` cannot be read as a file, or nil when it can be tried.
    private static func unreadableReason(_ path: String) -> String? {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return "no such file" }
        return isFolder.boolValue ? "is a folder, not a file" : nil
    }

    /// `.usage` or `.inventory` for a data file, nil for YAML: `.csv` is usage and `.json` inventory; `.yml` and
    /// `.yaml` are YAML; any other file is inventory when its text starts with `{`, usage when its first line names
    /// `graph_id` and `period_start`, else YAML.
    public static func dataKind(path: String) -> Kind? {
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "csv": return .usage
        case "json": return .inventory
        case "yml", "yaml": return nil
        default: break
        }
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 4096) else { return nil }
        return dataKind(head: Array(head))
    }

    /// The data kind told by a file's first bytes (see `dataKind(path:)`), nil for YAML.
    static func dataKind(head: [UInt8]) -> Kind? {
        var bytes = head[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        let text = bytes.drop { [0x20, 0x09, 0x0A, 0x0D].contains($0) }
        if text.first == UInt8(ascii: "{") { return .inventory }
        let firstLine = String(decoding: bytes.prefix { $0 != 0x0A }, as: UTF8.self)
        let names = Set(
            firstLine.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces.union(["\"", "\r"])) }
        )
        return names.isSuperset(of: ["graph_id", "period_start"]) ? .usage : nil
    }

    /// `limits`, `protect` or a `policies` list of mappings at the top: a policy file; `prices`: a pricing file;
    /// else (including `policies` as a list of paths, or next to config keys) a config file.
    /// Text that is not a YAML mapping counts as a config file, whose parser then reports why; so does text with
    /// anchors or aliases, which every parser refuses the same way (composing them first could take forever).
    public static func kind(of yaml: String) -> Kind {
        let yaml = FileText.droppingByteOrderMark(yaml)
        guard YAMLAnchorScan.findings(in: yaml).isEmpty, let root = try? Yams.compose(yaml: yaml),
            case .mapping(let mapping) = root
        else { return .config }
        let keys = Set(mapping.keys.compactMap { $0.scalar?.string })
        if !keys.isDisjoint(with: ["limits", "protect"]) { return .policy }
        if keys.contains("prices") { return .pricing }
        // A config file's `policies` is a list of paths; a policy file's is a list of mappings.
        if case .sequence(let items)? = mapping["policies"], !items.isEmpty,
            items.allSatisfy({ if case .scalar = $0 { true } else { false } })
        {
            return .config
        }
        return keys.contains("policies") && keys.isSubset(of: ["version", "policies"]) ? .policy : .config
    }
}
