import Foundation
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads usage CSV files (docs/SPEC.md §3) into a `UsageSummary`, streaming them in fixed-size chunks.
///
/// Sources are file paths, folders (every `*.csv` in them, by name, not recursive, hidden files skipped)
/// or `-` for standard input. Memory stays constant in the size of the files: it grows only with the
/// number of graphs. Malformed rows fail the read unless `maxBadRows` tolerates them; their graphs are
/// then listed in `taintedGraphIDs`. A large regular file is read by `parallelism` threads at once, split at
/// line ends where that is provably safe (see `UsageReadSession+Parallel.swift`), with the same results and errors.
///
/// `requests` accepts a non-negative decimal (`12`, `12.0`, `12.5`: Cloud Eye sums need not be integers);
/// a sign, an exponent or text is an error. `period_seconds` is a positive integer of at most 31 days. Metric cells
/// are decimal numbers (`-1.5`, `2e3`); an empty metric cell is no value, a gap in that metric's coverage.
public struct UsageReader: Sendable {
    public var query: UsageQuery
    /// Malformed rows tolerated before the read fails.
    public var maxBadRows: Int
    public var logger: Logger
    /// Bytes read from a file at a time.
    public var chunkSize: Int
    /// Threads that read one large file together (split at line ends); 1 reads every file alone.
    public var parallelism: Int
    /// The smallest part a file is split into: smaller files are read by one thread.
    var minimumPartBytes = 8 << 20

    /// The longest plausible `period_seconds`, 31 days; a longer period is a malformed row.
    ///
    /// An exporter that writes milliseconds turns an hour into a 41-day period that covers every window and hides
    /// the real gaps, so such a row is refused rather than trusted.
    public static let maximumPeriodSeconds: Int64 = 31 * 86_400

    /// The end of the bad-row sentence for a period over `maximumPeriodSeconds`.
    static let implausiblePeriodMessage =
        "is longer than 31 days (\(maximumPeriodSeconds) seconds): a period in milliseconds?"

    /// `parallelism` defaults to the active processor count (at most 8).
    public init(
        query: UsageQuery,
        maxBadRows: Int = 0,
        logger: Logger,
        chunkSize: Int = 1 << 20,
        parallelism: Int? = nil
    ) {
        self.query = query
        self.maxBadRows = max(maxBadRows, 0)
        self.logger = logger
        self.chunkSize = chunkSize
        self.parallelism = max(parallelism ?? min(ProcessInfo.processInfo.activeProcessorCount, 8), 1)
    }

    /// Reads every source in order and returns what they say together.
    public func read(sources: [String]) throws(UsageError) -> UsageSummary {
        var session = UsageReadSession(reader: self)
        for source in sources {
            if source == "-" {
                try session.consume(FileDescriptorSource(descriptor: 0, name: "-"), name: "-")
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: source, isDirectory: &isDirectory) else {
                throw UsageError(kind: .unreadable, file: source, message: "no such file or folder")
            }
            if isDirectory.boolValue {
                let files = try Self.csvFiles(in: source)
                if files.isEmpty {
                    logger.warning("usage folder holds no *.csv files", metadata: ["folder": "\(source)"])
                }
                for file in files { try readFile(file, into: &session) }
            } else {
                try readFile(source, into: &session)
            }
        }
        return session.summary()
    }

    /// Reads CSV bytes already in memory, as if from a file called `name`.
    public func read(data: Data, name: String) throws(UsageError) -> UsageSummary {
        var session = UsageReadSession(reader: self)
        try session.consume(DataSource(data: data), name: name)
        return session.summary()
    }

    /// Reads an open file descriptor to its end (the caller closes it).
    public func read(fileDescriptor: Int32, name: String) throws(UsageError) -> UsageSummary {
        var session = UsageReadSession(reader: self)
        try session.consume(FileDescriptorSource(descriptor: fileDescriptor, name: name), name: name)
        return session.summary()
    }

    /// The `*.csv` regular files of a folder, sorted by name; hidden files are skipped.
    static func csvFiles(in folder: String) throws(UsageError) -> [String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw UsageError(kind: .unreadable, file: folder, message: "folder cannot be listed")
        }
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return names.filter { $0.hasSuffix(".csv") && !$0.hasPrefix(".") }.sorted().map { prefix + $0 }.filter {
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: $0, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
    }

    /// Reads one file into `session`, on several threads when it is large enough.
    func readFile(_ path: String, into session: inout UsageReadSession) throws(UsageError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            throw UsageError(kind: .unreadable, file: path, message: "cannot be opened: \(reason)")
        }
        defer { close(descriptor) }
        var status = stat()
        if parallelism > 1, fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG,
            try session.consumeInParallel(
                descriptor: descriptor,
                size: Int(status.st_size),
                name: path,
                parts: parallelism,
                minimumPartBytes: minimumPartBytes,
                reader: self
            )
        {
            return
        }
        try session.consume(FileDescriptorSource(descriptor: descriptor, name: path), name: path)
    }
}
