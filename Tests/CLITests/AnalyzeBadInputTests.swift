import Foundation
import JitterbugTestSupport
import Testing

/// `analyze` on files that are not captures, or are damaged: a clear error naming the file, or
/// the damage counted; never a crash. Usage errors name the bad value and exit 2.
@Suite struct AnalyzeBadInputTests {
    @Test func notACaptureIsAnErrorNamingTheFile() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var generator = SystemRandomNumberGenerator()
        let random = directory.appendingPathComponent("random.bin")
        try Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }).write(to: random)
        let empty = directory.appendingPathComponent("empty.pcap")
        try Data().write(to: empty)
        for file in [random.path, empty.path, directory.appendingPathComponent("missing.pcap").path] {
            let result = try CommandRunner.jitterbug(["analyze", file])
            #expect(result.exitCode == 1, "\(file): \(result.stderr)")
            #expect(result.stderr.contains(file), "\(result.stderr)")
            #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("Backtrace"))
        }
    }

    /// A pcap cut in the middle of its last record: the records before it are analysed.
    @Test func aTruncatedCaptureIsReadUpToTheCut() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // A little-endian µs pcap, raw IPv4 (101), with 20 RTP packets 127.0.0.1:4000 → :5000.
        var bytes: [UInt8] = []
        func le32(_ v: UInt32) { bytes += withUnsafeBytes(of: v.littleEndian, Array.init) }
        func le16(_ v: UInt16) { bytes += withUnsafeBytes(of: v.littleEndian, Array.init) }
        le32(0xa1b2_c3d4); le16(2); le16(4); le32(0); le32(0); le32(65_535); le32(101)
        for k in 0..<20 {
            let rtp: [UInt8] = [0x80, 111, 0, UInt8(k), 0, 0, UInt8(k * 960 >> 8), UInt8(k * 960 & 0xff), 1, 2, 3, 4]
                + [0x78] + Array(repeating: 0, count: 40)
            let udpLength = 8 + rtp.count
            let ipLength = 20 + udpLength
            let ipHeader: [UInt8] = [0x45, 0, UInt8(ipLength >> 8), UInt8(ipLength & 0xff), 0, 0, 0x40, 0, 64, 17, 0, 0,
                                     127, 0, 0, 1, 127, 0, 0, 1]
            let udpHeader: [UInt8] = [0x0f, 0xa0, 0x13, 0x88, UInt8(udpLength >> 8), UInt8(udpLength & 0xff), 0, 0]
            let packet = ipHeader + udpHeader + rtp
            le32(1_700_000_000); le32(UInt32(k * 20_000)); le32(UInt32(packet.count)); le32(UInt32(packet.count))
            bytes += packet
        }
        let file = directory.appendingPathComponent("cut.pcap")
        try Data(bytes.dropLast(30)).write(to: file)
        let run = try AnalyzeRun([file.path])
        let stream = try run.stream(toPort: 5000)
        #expect(stream["packets"] as? Int == 19)
        #expect(stream["lost"] as? Int == 0)
    }

    @Test func badOptionsAreUsageErrors() throws {
        for arguments in [
            ["analyze"], ["analyze", "x.pcap", "--payload-type", "abc"], ["analyze", "x.pcap", "--payload-type", "300=opus"],
            ["analyze", "x.pcap", "--stream", "0xZZ"], ["analyze", "x.pcap", "--jitter-buffers", "fixed:-5"],
        ] {
            let result = try CommandRunner.jitterbug(arguments)
            #expect(result.exitCode == 2, "\(arguments): \(result.stderr)")
        }
    }
}
