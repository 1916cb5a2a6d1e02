import Reports
import ArgumentParser
import Foundation

/// `jitterbug stats FILE...`: reads JSON written by `recv --json` or `compare --json` and shows the
/// numbers side by side (one column per file).
struct StatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Show or compare JSON results written by recv --json or compare --json.",
        discussion: """
            Examples:
              jitterbug stats monday.json                 (one run's numbers)
              jitterbug stats before.json after.json      (side by side, with the change)
              jitterbug stats *.json --csv table.csv
              jitterbug stats before.json after.json --html stats.html
              # compare's UDP and TCP paths as columns
              jitterbug stats recv.json compare.json

            Fields are grouped as the receiver's summary is: packets and loss, loss
            pattern, timing, audio, jitter buffer, quality estimate, RTCP, transport,
            process.
            """
    )

    @Argument(help: ArgumentHelp("JSON files from recv --json or compare --json.", valueName: "file"))
    var files: [String]

    @Option(help: ArgumentHelp("Write the table as CSV (a file, or - for stdout).", valueName: "file"))
    var csv: String?

    @Option(help: ArgumentHelp("Write the table as a self-contained HTML report (a file, or - for stdout).", valueName: "file"))
    var html: String?

    func validate() throws {
        try OutputPathCheck.validate(csv, option: "--csv")
        try OutputPathCheck.validate(html, option: "--html")
        if csv == "-", html == "-" { throw ValidationError("--csv - and --html - both want stdout: give one of them a file") }
        guard !files.isEmpty else { throw ValidationError("give at least one JSON file from recv --json or compare --json") }
    }

    func run() async throws {
        let documents = try files.map { path -> StatsDocument in
            guard let data = FileManager.default.contents(atPath: path) else {
                throw RuntimeError("cannot read '\(path)': no such file or not readable")
            }
            do {
                return try StatsDocument(name: URL(fileURLWithPath: path).lastPathComponent, jsonData: data)
            } catch {
                throw RuntimeError("cannot read '\(path)': \(error)")
            }
        }
        if let empty = documents.first(where: { $0.fields.isEmpty }) {
            throw RuntimeError("'\(empty.name)' has no figures: expected JSON written by recv --json or compare --json")
        }
        let comparison = StatsComparison(documents: documents)
        guard !comparison.commonFieldNames.isEmpty else {
            throw RuntimeError(
                "\(files.joined(separator: ", ")) have no figure in common: compare recv --json files with each other, "
                    + "and compare --json files with each other")
        }
        if let csv { try TextFile.write(comparison.csv, to: csv) }
        if let html {
            let report = try HTMLReportFile.build {
                try HTMLReport.command(
                    title: "jitterbug stats: \(documents.map(\.name).joined(separator: ", "))", context: HTMLReportFile.context(),
                    printed: comparison.table, tables: [comparison.htmlTable], json: nil, jsonSource: "")
            }
            try HTMLReportFile.write(report, to: html)
        }
        if csv == "-" || html == "-" { return }
        Console.out(comparison.table)
    }
}
