import Foundation
import JitterbugTestSupport

/// tshark reading a capture for the ``PcapWriter`` tests: the independent reference.
enum PcapWriterTshark {
    /// tshark's path, or nil when it is not installed (the tests are then skipped).
    static var path: String? { ExternalProgram.which("tshark") }

    /// Rows of `-T fields` output for `fields`, one array per packet, with checksum
    /// verification on (IPv4 header, UDP, TCP).
    static func fields(_ file: String, _ fields: [String], extra: [String] = []) throws -> [[String]] {
        guard let tshark = path else { return [] }
        var arguments = ["-r", file, "-n", "-o", "udp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE",
                         "-o", "tcp.check_checksum:TRUE", "-T", "fields", "-E", "separator=|"]
        arguments += extra
        for field in fields { arguments += ["-e", field] }
        let result = try CommandRunner.run(tshark, arguments, timeoutSeconds: 60)
        guard result.exitCode == 0 else { throw TsharkFailed(message: result.stderr) }
        return result.stdout.split(separator: "\n").map { $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init) }
    }

    /// Lowercase hex of `bytes`, as tshark prints `udp.payload` and `data.data`.
    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    struct TsharkFailed: Error { var message: String }
}
