extension HTMLReport {
    /// A chart to inline: the SVG document and what it shows.
    public typealias Chart = (svg: String, caption: String)

    /// The report of one command run, in the order a reader wants it: what the command printed
    /// (its tables, verbatim), `tables` (the same figures as HTML tables, when the command has
    /// them as rows), the charts, then every figure of the run's JSON.
    /// - Parameters:
    ///   - printed: the text the command printed for people (its tables), shown in a `<pre>`.
    ///   - json: the run's JSON, exactly as `--json` writes it; `nil` when the command has none.
    ///   - jsonSource: how the figures section names the JSON ("compare --json").
    /// - Throws: `JSONFiguresError` when `json` is malformed.
    public static func command(
        title: String, context: HTMLReportContext, printed: String, tables: [HTMLTable] = [], charts: [Chart] = [],
        json: String?, jsonSource: String
    ) throws(JSONFiguresError) -> HTMLReport {
        var report = HTMLReport(title: title, context: context)
        report.addHeading("Summary", id: "summary")
        report.addPreformatted(printed, id: "printed")
        for table in tables { report.addTable(table) }
        if !charts.isEmpty {
            report.addHeading("Charts", id: "charts")
            for chart in charts { report.addChart(svg: chart.svg, caption: chart.caption) }
        }
        if let json { try report.addFigures(json: json, source: jsonSource) }
        return report
    }
}
