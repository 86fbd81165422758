import Foundation
import Yams

/// Checks policy, pricing and config files for `ges-idle-stop validate`, whatever their kind.
public enum FileValidator {
    /// What a YAML file is, judged by its top-level keys.
    public enum Kind: String, Sendable, Equatable {
        case policy, pricing, config
    }

    /// What checking some files found: problems make a file invalid, warnings do not.
    public struct Findings: Sendable, Equatable {
        public var problems: [ConfigFileError] = []
        /// Valid but probably not meant (`file:line:column: message`), e.g. a name pattern `^scratch-`.
        public var warnings: [String] = []

        public init(problems: [ConfigFileError] = [], warnings: [String] = []) {
            self.problems = problems
            self.warnings = warnings
        }
    }

    /// Every problem of every file, in the order the files are given; empty when all are valid.
    public static func validate(paths: [String]) -> [ConfigFileError] { check(paths: paths).problems }

    /// Every problem and warning of every file, in the order the files are given.
    public static func check(paths: [String]) -> Findings {
        var findings = Findings()
        for path in paths {
            do throws(ConfigFileErrors) {
                let text = try FileText.read(path: path)
                switch kind(of: text) {
                case .policy: findings.warnings += try PolicySet.parse(yaml: text, file: path).warnings
                case .pricing: _ = try PriceTable.parse(yaml: text, file: path)
                case .config:
                    let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
                    _ = try ConfigFile.parse(yaml: text, file: path, relativeTo: folder)
                }
            } catch {
                findings.problems += error.errors
            }
        }
        return findings
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
