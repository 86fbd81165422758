import Foundation
import Yams

extension PriceTable {
    /// Reads a pricing file; every problem in it is reported with file, line and column.
    ///
    /// ```yaml
    /// version: 1
    /// currency: USD
    /// prices:
    ///   - { size: million, product_type: InMemory, hourly: "1.25" }
    ///   - { size: billion, hourly: 12, currency: USD }
    /// ```
    public static func load(path: String) throws(ConfigFileErrors) -> PriceTable {
        try parse(yaml: FileText.read(path: path), file: path)
    }

    /// Parses pricing YAML; `file` names the source in messages.
    public static func parse(yaml: String, file: String) throws(ConfigFileErrors) -> PriceTable {
        let reader = YAMLReader(file: file)
        let table = reader.compose(yaml).flatMap { parse(root: $0, reader: reader) }
        try reader.check()
        guard let table else {
            throw ConfigFileErrors([ConfigFileError(file: file, line: 0, column: 0, message: "not a pricing file")])
        }
        return table
    }

    static func parse(root: Node, reader: YAMLReader) -> PriceTable? {
        guard
            let top = reader.fields(
                root,
                in: "the pricing file",
                allowed: ["version", "currency", "prices"],
                required: ["version", "currency", "prices"]
            )
        else { return nil }
        if let version = top["version"], let number = reader.int(version, "version", in: Int.min...Int.max), number != 1
        {
            reader.fail(version, "unsupported version \(number) (expected 1)")
        }
        let currency = top["currency"].flatMap { parseCurrency($0, reader) }
        var entries: [PriceEntry] = []
        if let node = top["prices"], let items = reader.list(node, "prices", nonEmpty: true) {
            for item in items {
                guard let entry = parseEntry(item, reader) else { continue }
                if let first = entries.first(where: {
                    $0.sizeIndex == entry.sizeIndex && $0.productType == entry.productType
                }) {
                    reader.fail(
                        line: entry.position?.line ?? 0,
                        column: entry.position?.column ?? 0,
                        "duplicate price for size \(GraphSize.name(forIndex: entry.sizeIndex)), product_type \(entry.productType.map(ConfigFileError.quote) ?? "any") (first at line \(first.position?.line ?? 0))"
                    )
                    continue
                }
                entries.append(entry)
            }
        }
        guard let currency else { return nil }
        return PriceTable(currency: currency, entries: entries)
    }

    static func parseEntry(_ node: Node, _ reader: YAMLReader) -> PriceEntry? {
        guard
            let fields = reader.fields(
                node,
                in: "a price",
                allowed: ["size", "product_type", "hourly", "currency"],
                required: ["size", "hourly"]
            )
        else { return nil }
        var sizeIndex: String?
        if let node = fields["size"], let text = reader.text(node, "size") {
            sizeIndex = GraphSize.index(forNameOrIndex: text)
            if sizeIndex == nil {
                let known = GraphSize.names.sorted { (Int($0.key) ?? 0) < (Int($1.key) ?? 0) }
                    .map { "\($0.value) (\($0.key))" }.joined(separator: ", ")
                reader.fail(
                    node,
                    "unknown size \(ConfigFileError.quote(text)) (expected a name or index: \(known))",
                    text: text
                )
            }
        }
        let productType = fields["product_type"].flatMap { reader.text($0, "product_type") }
        let hourly = fields["hourly"].flatMap { price($0, reader) }
        let entryCurrency = fields["currency"].flatMap { parseCurrency($0, reader) }
        guard let sizeIndex, let hourly, fields["product_type"] == nil || productType != nil,
            fields["currency"] == nil || entryCurrency != nil
        else { return nil }
        let mark = fields.mark
        return PriceEntry(
            sizeIndex: sizeIndex,
            productType: productType,
            hourly: hourly,
            currency: entryCurrency,
            position: SourcePosition(file: reader.file, line: mark?.line ?? 0, column: mark?.column ?? 0)
        )
    }

    /// A positive price from the scalar's text (quoted or not), exactly: `1.25`, `12`; no exponent, sign or NaN.
    static func price(_ node: Node, _ reader: YAMLReader) -> Decimal? {
        guard case .scalar(let scalar) = node, !YAMLReader.isNull(node) else {
            reader.fail(node, "expected a price like \"1.25\" for hourly, found \(YAMLReader.describe(node))")
            return nil
        }
        let text = scalar.string.trimmingCharacters(in: .whitespaces)
        guard let value = YAMLReader.exactDecimal(text), !text.hasPrefix("-") else {
            reader.fail(
                node,
                "hourly price \(ConfigFileError.quote(text)) is not a positive decimal like 1.25",
                text: text
            )
            return nil
        }
        guard value > 0 else {
            reader.fail(
                node,
                "hourly price must be more than 0 (leave a size out when its price is unknown)",
                text: text
            )
            return nil
        }
        return value
    }

    /// Three capital letters (ISO 4217), e.g. `USD`, `CNY`, `EUR`.
    static func parseCurrency(_ node: Node, _ reader: YAMLReader) -> String? {
        guard let text = reader.text(node, "currency") else { return nil }
        guard text.count == 3, text.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
            reader.fail(node, "currency \(ConfigFileError.quote(text)) is not a three-letter code like USD", text: text)
            return nil
        }
        return text
    }
}
