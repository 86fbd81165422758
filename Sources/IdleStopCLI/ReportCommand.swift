import ArgumentParser
import Foundation

/// `ges-idle-stop report`: runs, stops and savings from the history (placeholder until the history reader lands).
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Runs, stops and realized savings from the SQLite history, as CSV."
    )
}
