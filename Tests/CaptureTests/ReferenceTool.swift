import Foundation
import JitterbugTestSupport
import Testing

@testable import Capture

/// The independent side of the comparisons: tshark (and editcap, mergecap, gzip) run on the
/// same file, and the reader's packets printed in tshark's field format.
enum ReferenceTool {
    static let hasTShark = ExternalProgram.which("tshark") != nil
    static let hasWiresharkTools = hasTShark && ExternalProgram.which("editcap") != nil && ExternalProgram.which("mergecap") != nil

    /// Runs `tool` (found on PATH) and returns its standard output; throws when it fails.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let path = try #require(ExternalProgram.which(tool))
        let result = try CommandRunner.run(path, arguments, timeoutSeconds: 60)
        guard result.exitCode == 0 else {
            throw ToolFailure(description: "\(tool) \(arguments.joined(separator: " ")) exited \(result.exitCode): \(result.stderr)")
        }
        return result.stdout
    }

    /// tshark's UDP datagrams of `path`: "frame<TAB>epoch seconds with 9 decimals<TAB>source
    /// port<TAB>payload hex", one line each (ICMP errors quoting a UDP header left out).
    static func tsharkUDP(_ path: String) throws -> [String] {
        let output = try run("tshark", [
            "-r", path, "-Y", "udp && !icmp && !icmpv6", "-T", "fields", "-e", "frame.number", "-e", "frame.time_epoch",
            "-e", "udp.srcport", "-e", "udp.payload",
        ])
        return output.split(separator: "\n").map(String.init)
    }

    /// The reader's UDP datagrams of `path` in the format of ``tsharkUDP(_:)``, and its counters.
    static func readerUDP(_ path: String) throws -> (lines: [String], counters: CaptureCounters) {
        var reader = try CaptureReader(path: path)
        var lines: [String] = []
        while let packet = try reader.next() {
            if packet.transport == .udp { lines.append(line(packet)) }
        }
        return (lines, reader.counters)
    }

    /// A packet as tshark prints the fields.
    static func line(_ packet: CapturedPacket) -> String {
        let seconds = packet.timestampNanoseconds / 1_000_000_000
        let nanoseconds = packet.timestampNanoseconds % 1_000_000_000
        let fraction = String(nanoseconds).leftPadded(to: 9)
        return "\(packet.frameNumber)\t\(seconds).\(fraction)\t\(packet.source.port)\t\(hex(packet.payload))"
    }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { String($0, radix: 16).leftPadded(to: 2) }.joined()
    }

    /// Writes `bytes` to `name` in `directory`; returns the path.
    static func write(_ bytes: [UInt8], _ name: String, in directory: URL) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// Every packet of a capture held in memory (the fuzz target's way in).
    static func packets(_ bytes: [UInt8]) throws -> (packets: [CapturedPacket], counters: CaptureCounters) {
        var reader = try CaptureReader(bytes: bytes, name: "memory")
        var packets: [CapturedPacket] = []
        while let packet = try reader.next() { packets.append(packet) }
        return (packets, reader.counters)
    }
}

extension String {
    /// Left-padded with zeros to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
