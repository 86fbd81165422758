/// A broken list-graphs answer, for rehearsing how the job treats a listing it cannot trust.
public enum ListingFault: String, Sendable, Equatable, CaseIterable {
    /// Every page leaves out `graph_count`.
    case omitsGraphCount = "omit-count"
    /// Every page lists its first graph a second time at its end.
    case repeatsGraph = "repeat-graph"

    /// Parses a `--listing-fault` value or the admin setting.
    public init(parsing text: String) throws(SimulatorError) {
        guard let fault = Self(rawValue: text) else {
            let names = Self.allCases.map(\.rawValue).joined(separator: ", ")
            throw SimulatorError("listing fault \"\(text)\": expected one of \(names)")
        }
        self = fault
    }
}
