/// `jitterbug stats FILE...`: the numeric fields common to every document, one column per file
/// (plus the change last − first when there are exactly two), as a text table or CSV, grouped
/// as the receiver's summary is (see ``StatsFieldGroups``).
///
/// When receiver JSON and compare JSON are given together, each compare file becomes one column
/// per path (`c.json udp`, `c.json tcp`) with the receiver's field names, so the figures both
/// kinds have (loss, jitter, one-way delay, playout delay, MOS…) line up.
public struct StatsComparison: Sendable, Equatable {
    public var documents: [StatsDocument]

    public init(documents: [StatsDocument]) {
        let mixed = documents.contains { $0.isComparison } && documents.contains { !$0.isComparison }
        self.documents = mixed ? documents.flatMap(\.splitByPath) : documents
    }

    /// Field paths present in every document, in group order (alphabetical within a group).
    public var commonFieldNames: [String] {
        guard let first = documents.first else { return [] }
        return StatsFieldGroups.ordered(first.fields.keys.filter { key in documents.allSatisfy { $0.fields[key] != nil } })
    }

    /// Rows = common fields, columns = documents (and "change" for two), ending in a newline.
    /// Says so when there are no common fields.
    public var table: String {
        let names = commonFieldNames
        guard !names.isEmpty else { return "no numeric field is common to all \(documents.count) documents\n" }
        let showChange = documents.count == 2
        let header = ["field"] + documents.map(\.name) + (showChange ? ["change"] : [])
        var rows: [[String]] = []
        var group: Int?
        for name in names {
            let index = StatsFieldGroups.groupIndex(of: name)
            if index != group {
                group = index
                rows.append(["[\(StatsFieldGroups.title(ofGroup: index))]"])
            }
            let values = documents.map { $0.fields[name] ?? .nan }
            var row = ["  " + name] + values.map(Self.text)
            if showChange { row.append(Self.signed(values[1] - values[0])) }
            rows.append(row)
        }
        return CompareTextTable(header: header, rows: rows).render() + "\n"
    }

    /// `field,<name 1>,<name 2>,…` then one line per common field.
    public var csv: String {
        let header = (["field"] + documents.map(\.name)).map(CompareFormat.csvField).joined(separator: ",")
        let lines = commonFieldNames.map { name in
            ([CompareFormat.csvField(name)] + documents.map { CompareFormat.csvNumber($0.fields[name]) }).joined(separator: ",")
        }
        return ([header] + lines).joined(separator: "\n") + "\n"
    }

    static func text(_ value: Double) -> String { CompareFormat.csvNumber(value) }

    static func signed(_ value: Double) -> String {
        value > 0 ? "+" + text(value) : text(value)
    }
}
