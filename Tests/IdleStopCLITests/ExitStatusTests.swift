import GESKit
import IdleStopCore
import IdleStopStorage
import Testing

@testable import IdleStopCLI

/// The exit statuses of docs/SPEC.md §8: a finished run's verdict, and a failed command's cause by its kind.
@Suite struct ExitStatusTests {
    typealias Status = IdleStopCLI.ExitStatus

    @Test(
        arguments: [
            (RunVerdict.authenticationFailed, 3),
            (.someStopsFailed, 2),
            (.usageFeedTooThin, 6),
            (.tripWireHeld, 4),
            (.done, 0),
        ] as [(RunVerdict, Int32)]
    )
    func aVerdictIsItsDocumentedStatus(verdict: RunVerdict, code: Int32) {
        #expect(Status(verdict).rawValue == code)
    }

    @Test func theUsageFeedAlarmIsSix() {
        #expect(Status.usageFeedTooThin.rawValue == 6)
    }

    @Test(
        arguments: [
            (StorageError.Kind.file, Status.badInput),
            (.report, .badInput),
            (.lock, .badInput),
            (.lockHeld, .locked),
            (.database, .badInput),
        ] as [(StorageError.Kind, Status)]
    )
    func aStorageFailureExitsByItsKind(kind: StorageError.Kind, expected: Status) {
        let error = CommandError(.storage(StorageError(kind: kind, path: "/var/h.sqlite", message: "failed")))
        #expect(error.status == expected)
        #expect(error.description == "/var/h.sqlite: failed")
    }

    /// A corrupt, full or newer history before any stop is no bug (70) and not "bad input": exit 1 with a message
    /// that names the history database and what failed.
    @Test func aHistoryFailureBeforeAnyStopIsOneAndSaysWhatFailed() {
        let full = StorageError(
            kind: .database,
            path: "/var/h.sqlite",
            message: "cannot record the decisions of run r1: SQLite error 13: database or disk is full"
        )
        let error = CommandError.history(full)
        #expect(error.status == .badInput)
        #expect(
            error.description
                == "the history database failed: /var/h.sqlite: cannot record the decisions of run r1: SQLite error "
                + "13: database or disk is full\nNo stop was sent."
        )
        #expect(!error.description.contains("bad input"))
    }

    @Test(
        arguments: [
            (AuthError.Kind.missing, Status.badInput),
            (.incomplete, .badInput),
            (.tokenFile, .badInput),
            (.rejected, .authenticationFailed),
            (.unreachable, .authenticationFailed),
        ] as [(AuthError.Kind, Status)]
    )
    func credentialsAreBadConfigUntilTheCloudRefusesThem(kind: AuthError.Kind, expected: Status) {
        #expect(CommandError(.credentials(AuthError(kind: kind, message: "m"))).status == expected)
    }

    @Test func gesAndCloudEyeAreThreeWhenTheyRefuseTheCredentialsAndFiveWhenTheyCannotBeRead() {
        let ges = { (kind: GESError.Kind) in CommandError(.ges(GESError(kind: kind, message: "m"))).status }
        #expect(ges(.authenticationFailed) == .authenticationFailed)
        #expect(ges(.incompleteInventory) == .cloudUnreadable)
        #expect(ges(.transport) == .cloudUnreadable)
        #expect(ges(.invalidIdentifier) == .badInput)
        let cloudEye = { (kind: CloudEyeError.Kind) in
            CommandError(.cloudEye(CloudEyeError(kind: kind, message: "m"))).status
        }
        #expect(cloudEye(.authenticationFailed) == .authenticationFailed)
        #expect(cloudEye(.incompleteAnswer) == .cloudUnreadable)
        #expect(cloudEye(.invalidRequest) == .badInput)
        let transport = { (kind: TransportError.Kind) in
            CommandError(.transport(TransportError(kind: kind, host: "h", detail: "d"))).status
        }
        #expect(transport(.invalidRequest) == .badInput)
        #expect(transport(.timeout) == .cloudUnreadable)
    }

    @Test func theMessageIsTheContextTheCauseAndTheNotes() {
        let error = CommandError(
            .ges(GESError(kind: .transport, message: "no answer")),
            context: "could not read the graph list from GES: ",
            notes: [CommandError.nothingSent]
        )
        #expect(error.description == "could not read the graph list from GES: no answer\nNo stop was sent.")
        let deadline = CommandError(.deadlinePassed(seconds: 3, doing: "reading usage"))
        #expect(deadline.status == .cloudUnreadable)
        #expect(
            deadline.description == "the run's deadline (--deadline 3 s) passed while reading usage; no stop was sent"
        )
        #expect(CommandError.setting("--now is in the past").status == .badInput)
    }
}
