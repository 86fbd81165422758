extension PolicySet {
    /// Several policy files as one: policies and warnings concatenated in order, protection united, the strictest
    /// limits.
    ///
    /// A policy name used in two files is an error at its second use, since reports and history name policies.
    public static func merged(_ sets: [PolicySet]) throws(ConfigFileErrors) -> PolicySet {
        var result = PolicySet()
        var firstUse: [String: Policy] = [:]
        var errors: [ConfigFileError] = []
        for set in sets {
            for policy in set.policies {
                if let first = firstUse[policy.name] {
                    errors.append(
                        ConfigFileError(
                            file: policy.position.file,
                            line: policy.position.line,
                            column: policy.position.column,
                            message:
                                "duplicate policy name \(ConfigFileError.quote(policy.name)) (first defined at \(first.position))",
                            text: policy.name
                        )
                    )
                    continue
                }
                firstUse[policy.name] = policy
                result.policies.append(policy)
            }
            result.warnings += set.warnings
            result.protection = result.protection.union(set.protection)
            result.limits = result.limits.strictest(with: set.limits)
        }
        guard errors.isEmpty else { throw ConfigFileErrors(errors) }
        return result
    }
}
