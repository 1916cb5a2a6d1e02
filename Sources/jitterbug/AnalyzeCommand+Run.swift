import Analysis
import Capture
import Foundation
import Reports

extension AnalyzeCommand {
    func run() async throws {
        let configuration = try makeConfiguration()
        // Unwritable outputs fail before any work (validate checked the paths; this opens them).
        let jsonOutput = try json.map { try Self.open($0, option: "--json") }
        let csvOutput = try csv.map { try Self.open($0, option: "--csv") }
        let htmlOutput = try html.map { try Self.open($0, option: "--html") }
        if let decode { try Self.createDirectory(decode) }
        var analyzer = StreamAnalyzer(configuration: configuration)
        var perFile: [CaptureCounters] = []
        for path in files where !FileManager.default.isReadableFile(atPath: path) {
            throw RuntimeError("cannot read '\(path)': no such file or not readable")
        }
        for path in files {
            var reader: CaptureReader
            do { reader = try CaptureReader(path: path) } catch { throw RuntimeError(Self.describe(error)) }
            do {
                while let packet = try reader.next() { analyzer.consume(packet) }
            } catch {
                throw RuntimeError(Self.describe(error))
            }
            perFile.append(reader.counters)
        }
        let result: AnalysisResult
        do {
            result = try analyzer.finish(files: files, capture: CaptureCounters.sum(perFile))
        } catch {
            throw RuntimeError("analysis failed: \(error)")
        }
        if let svg {
            try TextFile.write(AnalysisChart.svg(streams: result.charts), to: svg)
        }
        if let jsonOutput { jsonOutput.write(try result.report.jsonText()) }
        if let csvOutput {
            var writer = CSVWriter(output: csvOutput, for: StreamReport.self)
            writer.writeHeaderIfNeeded()
            for stream in result.report.streams { writer.write(stream) }
        }
        // The table goes to stdout unless stdout carries JSON, CSV or HTML.
        let table = AnalysisTable.text(result.report)
        if let htmlOutput { htmlOutput.write(try htmlReport(result, table: table).html) }
        if json == "-" || csv == "-" || html == "-" {
            Console.error(table)
        } else {
            Console.out(String(table.dropLast()))
        }
    }

    func makeConfiguration() throws -> AnalysisConfiguration {
        var mapping = PayloadTypeMapping()
        if let sdp {
            guard let data = FileManager.default.contents(atPath: sdp) else {
                throw RuntimeError("cannot read --sdp '\(sdp)': no such file or not readable")
            }
            do { try mapping.add(sdp: String(decoding: data, as: UTF8.self)) } catch { throw RuntimeError("--sdp '\(sdp)': \(error.description)") }
        }
        // --payload-type wins over the SDP.
        for value in payloadType {
            do { try mapping.add(argument: value) } catch { throw RuntimeError(error.description) }
        }
        return AnalysisConfiguration(
            payloadTypes: mapping, policies: try policies(), decodeDirectory: decode, ssrcFilter: try ssrcFilter(),
            maximumStreams: maxStreams, recordsTimeline: svg != nil || html != nil)
    }

    static func open(_ path: String, option: String) throws -> TextOutput {
        do { return try TextOutput.open(path: path) } catch {
            throw RuntimeError("cannot write \(option) '\(path)': check the directory exists and is writable")
        }
    }

    static func createDirectory(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw RuntimeError("cannot create --decode directory '\(path)': \(error.localizedDescription)")
        }
    }

    static func describe(_ error: CaptureError) -> String {
        switch error {
        case .cannotOpen(let path, let reason): "cannot read '\(path)': \(reason)"
        case .unrecognizedFormat(let path): "cannot read '\(path)': not a pcap or pcapng capture (gzip-compressed ones are read too)"
        case .malformed(let path, let offset, let reason): "cannot read '\(path)': \(reason) at byte \(offset)"
        }
    }
}
