extension StatsComparison {
    /// The side-by-side table as HTML rows: the same groups, fields, values and change column as
    /// ``table`` (group titles as rows of their own).
    public var htmlTable: HTMLTable {
        let names = commonFieldNames
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
            var row = [name] + values.map(Self.text)
            if showChange { row.append(Self.signed(values[1] - values[0])) }
            rows.append(row)
        }
        return HTMLTable(header: header, rows: rows)
    }
}
