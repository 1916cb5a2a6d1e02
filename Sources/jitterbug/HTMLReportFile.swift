import Foundation
import Opus
import Reports

#if canImport(Glibc)
import Glibc
#endif

/// `--html FILE`: the report's context (command line, versions) and writing it.
enum HTMLReportFile {
    /// This process's command line and the versions of jitterbug, libopus and the system.
    static func context() -> HTMLReportContext {
        var versions: [(name: String, value: String)] = [
            ("jitterbug", Jitterbug.configuration.version),
            ("libopus", OpusLibrary.version),
            ("system", systemDescription()),
        ]
        versions.removeAll { $0.value.isEmpty }
        let created = ISO8601DateFormatter().string(from: Date())
        return HTMLReportContext(arguments: CommandLine.arguments, versions: versions, created: created)
    }

    /// `uname` (kernel name, release, machine) and the distribution's PRETTY_NAME when known.
    static func systemDescription() -> String {
        var parts: [String] = []
        var names = utsname()
        if uname(&names) == 0 {
            // The fields are fixed-size C character arrays, NUL-terminated.
            let field = { (bytes: UnsafeRawBufferPointer) in String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self) }
            parts.append(withUnsafeBytes(of: &names.sysname, field))
            parts.append(withUnsafeBytes(of: &names.release, field))
            parts.append(withUnsafeBytes(of: &names.machine, field))
        }
        if let release = try? String(contentsOfFile: "/etc/os-release", encoding: .utf8),
           let line = release.split(separator: "\n").first(where: { $0.hasPrefix("PRETTY_NAME=") }) {
            parts.append("(" + line.dropFirst("PRETTY_NAME=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) + ")")
        }
        return parts.joined(separator: " ")
    }

    /// Writes `report` to `path` ("-" = stdout).
    static func write(_ report: HTMLReport, to path: String) throws {
        try TextFile.write(report.html, to: path)
    }

    /// Builds a report, turning a malformed JSON (a bug of ours) into a runtime error naming it.
    static func build(_ make: () throws -> HTMLReport) throws -> HTMLReport {
        do { return try make() } catch { throw RuntimeError("cannot write the --html report: \(error)") }
    }
}
