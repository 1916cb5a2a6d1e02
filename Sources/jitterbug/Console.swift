import Foundation

/// Line output for people: stdout for results, stderr for diagnostics (or everything on stderr
/// when stdout carries audio). A closed pipe (`jitterbug recv … | head -3`) is not an error:
/// like other Unix tools we stop writing there and finish the run (files, BYE, exit code).
/// (`FileHandle.write(_: Data)` traps on EPIPE; `write(contentsOf:)` throws, and we ignore it.)
enum Console {
    static func out(_ line: String) {
        try? FileHandle.standardOutput.write(contentsOf: Data((line + "\n").utf8))
    }

    static func error(_ line: String) {
        try? FileHandle.standardError.write(contentsOf: Data((line + "\n").utf8))
    }
}

/// JSON for machines: stable key order, readable indentation.
enum JSONOutput {
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}
