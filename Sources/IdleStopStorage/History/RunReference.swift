/// A column of another table whose foreign key refers to a column of `runs` (`id`, or `seq` for `decision_rows`).
///
/// Retention deletes a run only when no such column still names it.
struct RunReference: Sendable, Equatable {
    var table: String
    var column: String
    /// The column of `runs` it refers to.
    var runsColumn: String
}
