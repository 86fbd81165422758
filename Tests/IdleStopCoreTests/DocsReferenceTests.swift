import Foundation
import IdleStopTestSupport
import Testing

/// Every reference to the contract, the API notes and the repository's `docs/`, `deploy/`, `Tests/`, `examples/`,
/// `policies/` and `scripts/` files resolves inside the repository, and every `§N` it cites is a section there.
///
/// Scanned: README.md and docs/, Sources/, scripts/, examples/, policies/, deploy/, bench/, fuzz/, .ci/ (not Tests/,
/// whose temporary paths look like references). A path resolves against the citing file's folder or the
/// repository root. `SPEC §N` without a file is refused: write `docs/SPEC.md §N`.
@Suite struct DocsReferenceTests {
    static let repository = Repository.root
    static let scanned = [
        "README.md", "docs", "Sources", "scripts", "examples", "policies", "deploy", "bench", "fuzz", ".ci",
    ]

    /// One reference found in a file: where, what it names, and the section it cites, if any.
    struct Reference: CustomStringConvertible, Sendable {
        var file: String
        var line: Int
        var target: String
        var section: String?

        var description: String { "\(file):\(line): \(target)\(section.map { " §\($0)" } ?? "")" }
    }

    /// Paths that name a document or a repository file; a path glued to a longer one (`$share/deploy/x`) is not one.
    static let pathPattern = try! NSRegularExpression(
        pattern: #"(?<![\w./$-])((?:[\w.-]+/)*(?:SPEC|ges-api)\.md"#
            + #"|(?:\.\./)*(?:docs|deploy|shared|Tests|examples|policies|scripts)/[\w./+-]*)"#
            + #"(?: §(\d+(?:\.\d+)?))?"#
    )
    /// `SPEC §N` with no file: the original contract's spelling, which names nothing in the repository.
    static let barePattern = try! NSRegularExpression(pattern: #"(?<![\w./-])SPEC §"#)

    /// The references in `text`; bare `SPEC §` citations come back with target `SPEC`.
    static func references(in text: String, file: String) -> [Reference] {
        var found: [Reference] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(line)
            let range = NSRange(line.startIndex..., in: line)
            for match in pathPattern.matches(in: line, range: range) {
                guard let pathRange = Range(match.range(at: 1), in: line) else { continue }
                var target = String(line[pathRange])
                while target.hasSuffix(".") { target.removeLast() }
                let section = Range(match.range(at: 2), in: line).map { String(line[$0]) }
                found.append(Reference(file: file, line: index + 1, target: target, section: section))
            }
            for match in barePattern.matches(in: line, range: range) {
                _ = match
                found.append(Reference(file: file, line: index + 1, target: "SPEC", section: nil))
            }
        }
        return found
    }

    /// The file a reference names, if it exists: beside the citing file first, then from the repository root.
    static func resolve(_ reference: Reference) -> URL? {
        let folder = repository.appendingPathComponent(reference.file).deletingLastPathComponent()
        return [folder, repository].map { $0.appendingPathComponent(reference.target).standardizedFileURL }
            .first { FileManager.default.fileExists(atPath: $0.path) }
    }

    /// Whether the Markdown file has a heading numbered `section` (`## 4. Policies`, `### 6.1 Batch query`).
    static func hasSection(_ section: String, in file: URL) -> Bool {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return false }
        let heading = try! NSRegularExpression(
            pattern: "^#{2,4} " + NSRegularExpression.escapedPattern(for: section) + "[.\\s]",
            options: .anchorsMatchLines
        )
        return heading.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// Every readable text file under the scanned paths, relative to the repository root.
    static func scannedFiles() -> [String] {
        var files: [String] = []
        let manager = FileManager.default
        for entry in scanned {
            let url = repository.appendingPathComponent(entry)
            var isFolder: ObjCBool = false
            guard manager.fileExists(atPath: url.path, isDirectory: &isFolder) else { continue }
            guard isFolder.boolValue else {
                files.append(entry)
                continue
            }
            for file in (try? manager.subpathsOfDirectory(atPath: url.path)) ?? [] {
                var isSubfolder: ObjCBool = false
                let path = url.appendingPathComponent(file).path
                if manager.fileExists(atPath: path, isDirectory: &isSubfolder), !isSubfolder.boolValue {
                    files.append(entry + "/" + file)
                }
            }
        }
        return files.sorted()
    }

    static func allReferences() -> [Reference] {
        scannedFiles().flatMap { file -> [Reference] in
            guard let text = try? String(contentsOf: repository.appendingPathComponent(file), encoding: .utf8) else {
                return []
            }
            return references(in: text, file: file)
        }
    }

    @Test func everyReferencedFileExistsInTheRepository() {
        let references = Self.allReferences()
        #expect(references.count > 50, "the scan found too few references to be scanning the repository")
        let broken = references.filter { Self.resolve($0) == nil }
        let list = broken.map(\.description).joined(separator: "\n")
        #expect(
            broken.isEmpty,
            "references to files that are not in the repository (write docs/SPEC.md §N for SPEC §N):\n\(list)"
        )
    }

    @Test func everyCitedSectionExists() {
        let missing = Self.allReferences().filter { reference in
            guard let section = reference.section, let file = Self.resolve(reference) else { return false }
            return !Self.hasSection(section, in: file)
        }
        #expect(missing.isEmpty, "sections that do not exist:\n\(missing.map(\.description).joined(separator: "\n"))")
    }

    @Test func theContractTheAPINotesAndTheSigningVectorsAreInTheRepository() {
        for path in [
            "docs/SPEC.md", "docs/ges-api.md", "docs/seed-stopping-a-graph.txt",
            "Tests/GESKitTests/Fixtures/aksk-vectors.json",
        ] {
            #expect(
                FileManager.default.fileExists(atPath: Self.repository.appendingPathComponent(path).path),
                "\(path)"
            )
        }
    }

    @Test func theScannerFindsPathsSectionsAndBareCitationsAndIgnoresGluedPaths() {
        let text = """
            See docs/SPEC.md §4 and `ges-api.md` §6.1; also SPEC §3, docs/ges-api.md §6.1.
            Installed to $share/deploy/ges-idle-stop.cron; the vectors are ../Tests/GESKitTests/Fixtures/x.json.
            """
        let found = Self.references(in: text, file: "README.md").map { "\($0.target)|\($0.section ?? "")" }
        #expect(
            found == [
                "docs/SPEC.md|4", "ges-api.md|", "docs/ges-api.md|6.1", "SPEC|",
                "../Tests/GESKitTests/Fixtures/x.json|",
            ]
        )
    }
}
