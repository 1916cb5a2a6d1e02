extension StatsDocument {
    /// Compare JSON names a few figures differently from `recv --json`; when the two kinds are
    /// shown side by side, the compare names are read as the receiver's.
    static let receiverNames: [String: String] = [
        "latency_p50_ms": "one_way_delay_p50_ms",
        "latency_p99_ms": "one_way_delay_p99_ms",
        "r_factor_estimate": "r_factor",
        "mouth_to_ear_delay_estimate_ms": "mouth_to_ear_ms",
    ]

    /// A compare document as one document per measured path (and block), named
    /// `<file> udp` / `<file> tcp` (or `<file> <block> udp`), with the path prefix removed and
    /// the figures renamed as `recv --json` names them, so it can sit next to receiver JSON.
    /// Figures about the comparison itself (ratios, the chosen delay) are left out.
    /// A document that is not compare JSON is returned as it is.
    public var splitByPath: [StatsDocument] {
        guard isComparison else { return [self] }
        var byColumn: [String: [String: Double]] = [:]
        var order: [String] = []
        for (field, value) in fields {
            for path in ["udp", "tcp"] {
                let marker = path + "."
                let block: String
                let rest: Substring
                if field.hasPrefix(marker) {
                    block = ""
                    rest = field.dropFirst(marker.count)
                } else if let range = field.range(of: "." + marker) {
                    block = String(field[..<range.lowerBound]) + " "
                    rest = field[range.upperBound...]
                } else {
                    continue
                }
                let column = "\(name) \(block)\(path)"
                if byColumn[column] == nil { order.append(column) }
                byColumn[column, default: [:]][Self.receiverNames[String(rest)] ?? String(rest)] = value
            }
        }
        // Blocks in their order, UDP before TCP within a block (as compare prints them).
        let rank = { (column: String) in (column.hasSuffix(" udp") ? 0 : 1) }
        return order.sorted { (String($0.dropLast(4)), rank($0)) < (String($1.dropLast(4)), rank($1)) }.map { StatsDocument(name: $0, isComparison: false, fields: byColumn[$0] ?? [:]) }
    }
}
