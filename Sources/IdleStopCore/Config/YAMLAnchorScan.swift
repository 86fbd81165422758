import CYaml

/// Finds YAML anchors (`&name`) and aliases (`*name`) with libyaml's event stream, before any tree is built.
///
/// Aliases let a one-kilobyte file name 10¹⁰ nodes ("billion laughs"): any walk over the composed tree, and even
/// Yams' duplicate-key check on an alias used as a key, is exponential. Events are read once each, so this scan
/// is linear in the text. See https://pyyaml.org/wiki/LibYAML for the event API.
enum YAMLAnchorScan {
    /// One anchor or alias: where it is (1-based, as Yams' marks) and how it is written.
    struct Finding: Sendable, Equatable {
        var line: Int
        var column: Int
        /// `&name` or `*name`.
        var written: String
    }

    /// Every anchor and alias up to the end of the text or its first syntax error (which compose then reports).
    static func findings(in yaml: String) -> [Finding] {
        var text = yaml
        return text.withUTF8 { bytes in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return [] }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
            var findings: [Finding] = []
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                defer { yaml_event_delete(&event) }
                let type = event.type
                if type == YAML_STREAM_END_EVENT { break }
                let found: (prefix: String, name: UnsafeMutablePointer<yaml_char_t>?)? =
                    switch type {
                    case YAML_ALIAS_EVENT: ("*", event.data.alias.anchor)
                    case YAML_SCALAR_EVENT: ("&", event.data.scalar.anchor)
                    case YAML_SEQUENCE_START_EVENT: ("&", event.data.sequence_start.anchor)
                    case YAML_MAPPING_START_EVENT: ("&", event.data.mapping_start.anchor)
                    default: nil
                    }
                if let found, let name = found.name {
                    findings.append(
                        Finding(
                            line: Int(event.start_mark.line) + 1,
                            column: Int(event.start_mark.column) + 1,
                            written: found.prefix + String(cString: name)
                        )
                    )
                }
            }
            return findings
        }
    }
}
