import Foundation

/// Reads a whole (small) YAML file as UTF-8, turning failures into a `ConfigFileErrors` that names the file.
///
/// A leading UTF-8 byte order mark is dropped: it is not part of the YAML, and positions count from after it.
enum FileText {
    static func read(path: String) throws(ConfigFileErrors) -> String {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw ConfigFileErrors([ConfigFileError(file: path, line: 0, column: 0, message: "no such file")])
        }
        guard !isFolder.boolValue else {
            throw ConfigFileErrors([ConfigFileError(file: path, line: 0, column: 0, message: "is a folder, not a file")]
            )
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigFileErrors([ConfigFileError(file: path, line: 0, column: 0, message: "cannot be read")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigFileErrors([ConfigFileError(file: path, line: 0, column: 0, message: "is not UTF-8 text")])
        }
        return droppingByteOrderMark(text)
    }

    /// The text without a leading U+FEFF, which libyaml refuses when told the encoding.
    static func droppingByteOrderMark(_ text: String) -> String {
        text.unicodeScalars.first == "\u{FEFF}" ? String(text.unicodeScalars.dropFirst()) : text
    }
}
