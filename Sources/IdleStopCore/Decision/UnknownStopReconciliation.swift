/// What a stop recorded `unknown` (sent, answer never recorded) becomes when a later run sees the graph's status.
///
/// Stopped or stopping (`900`, `901`): the stop took effect. Running or starting (`200`, `920`): the stop may
/// have taken effect and the graph been started again since, so it stays a sent stop (`requested`): it counts
/// for the restart rule, and for realized savings until the run that saw the graph running (the first later run
/// with status `200` ends every stop). Any other status cannot tell: the stop stays `unknown` until a run can.
public struct UnknownStopReconciliation: Sendable, Equatable {
    public var result: StopResult
    /// Why, for `error_msg`: the status seen and when.
    public var note: String

    public init(result: StopResult, note: String) {
        self.result = result
        self.note = note
    }

    /// The reconciliation for a graph seen with `status` at `seenAt` (the run's `evaluated_at`), or nil.
    public init?(status: GraphStatus, seenAt: Instant) {
        let seen = "the graph was found with status \(status) at \(seenAt)"
        let prefix = "reconciled by a later run: the answer never arrived; "
        switch status {
        case .stopped, .stopping:
            self.init(result: .requested, note: prefix + seen + ", so the stop took effect")
        case .running, .starting:
            self.init(
                result: .requested,
                note: prefix + seen
                    + ": it may have been stopped and started again since; kept as a sent stop, counted as stopped "
                    + "until then"
            )
        default:
            return nil
        }
    }
}
