import Foundation
import JitterbugTestSupport
import Testing

@testable import Capture

/// Captures made by tshark and tcpdump on loopback while python3 sends RTP over UDP and over
/// TCP (RFC 4571): the reader returns exactly what was sent, and agrees with tshark.
@Suite(.enabled(if: ReferenceTool.hasTShark && ExternalProgram.which("python3") != nil), .serialized)
struct LiveCaptureTests {
    typealias B = CaptureBuilder

    static let count = 40

    /// The RTP packets the sender sends (python builds the same bytes).
    static let sent: [[UInt8]] = (0..<count).map { B.rtp(sequence: UInt16($0), payloadBytes: 20 + 13 * $0) }

    /// python3: starts the capture command `capture`, waits until it prints `ready` on stderr,
    /// sends `count` RTP packets (version 2, PT 96, SSRC 0x12345678, 20 + 13 i bytes of 0xab) to
    /// 127.0.0.1:port over UDP, or over TCP with RFC 4571 lengths written in odd pieces, then
    /// stops the capture with SIGTERM. (python drives the capture process: its child handling
    /// is plain fork/wait.)
    static func script(capture: [String], ready: String, port: Int, tcp: Bool) -> String {
        let command = "[" + capture.map { "'\($0)'" }.joined(separator: ", ") + "]"
        return """
            import signal, socket, struct, subprocess, sys, time
            # The test process's threads block signals and children inherit the mask: unblock,
            # or the capture would not see SIGTERM.
            signal.pthread_sigmask(signal.SIG_SETMASK, set())
            capture = subprocess.Popen(\(command), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            deadline = time.time() + 15
            while True:
                line = capture.stderr.readline()
                if "\(ready)" in line: break
                if not line or time.time() > deadline: capture.kill(); sys.exit("capture did not start: " + line)
            time.sleep(0.3)
            packets = [struct.pack(">BBHII", 0x80, 96, i, 0, 0x12345678) + b"\\xab" * (20 + 13 * i) for i in range(\(count))]
            if \(tcp ? "True" : "False"):
                server = socket.socket(); server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                server.bind(("127.0.0.1", \(port))); server.listen(1)
                client = socket.create_connection(("127.0.0.1", \(port))); peer, _ = server.accept()
                client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                stream = b"".join(struct.pack(">H", len(p)) + p for p in packets)
                offset, step = 0, 7
                while offset < len(stream):
                    client.sendall(stream[offset:offset + step]); offset += step; step = step * 3 % 97 + 5
                    peer.recv(65536); time.sleep(0.002)
                client.close(); peer.close(); server.close()
            else:
                s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                for p in packets:
                    s.sendto(p, ("127.0.0.1", \(port))); time.sleep(0.002)
            time.sleep(0.5)
            capture.send_signal(signal.SIGTERM)
            try:
                capture.wait(timeout=10)
            except subprocess.TimeoutExpired:
                capture.kill(); capture.wait()
            """
    }

    /// Runs the capture and the sender (see ``script(capture:ready:port:tcp:)``).
    static func capture(_ tool: String, _ arguments: [String], ready: String, port: Int, tcp: Bool) throws {
        let path = try #require(ExternalProgram.which(tool))
        let python = try #require(ExternalProgram.which("python3"))
        let result = try CommandRunner.run(
            python, ["-c", script(capture: [path] + arguments, ready: ready, port: port, tcp: tcp)], timeoutSeconds: 60)
        #expect(result.exitCode == 0, "\(result.stderr)")
    }

    /// Whether `packets` carry exactly the sent RTP packets, in order (a Bool, so a failure
    /// does not print kilobytes of payload).
    static func matchesSent(_ packets: [CapturedPacket]) -> Bool {
        packets.map { Array($0.payload) } == sent
    }

    @Test func tsharkOnLoopbackUDP() throws {
        try TemporaryDirectory.withSync { directory in
            let port = FreePort.udp()
            let file = directory.appendingPathComponent("lo.pcapng").path
            try Self.capture("tshark", ["-i", "lo", "-f", "udp port \(port)", "-w", file, "-a", "duration:30"], ready: "Capturing on", port: port, tcp: false)
            let (lines, counters) = try ReferenceTool.readerUDP(file)
            #expect(lines == (try ReferenceTool.tsharkUDP(file)))
            let packets = try ReferenceTool.packets(Array(Data(contentsOf: URL(fileURLWithPath: file)))).packets
            #expect(Self.matchesSent(packets), "\(packets.count) packets")
            #expect(packets.allSatisfy { $0.destination.port == UInt16(port) && $0.source.address == [127, 0, 0, 1] })
            #expect(counters.interfaces == 1 && counters.sections == 1)
        }
    }

    /// `tcpdump -i any` with the SLL2 link type, written as pcap.
    @Test(.enabled(if: ExternalProgram.which("tcpdump") != nil)) func tcpdumpAnySLL2() throws {
        try TemporaryDirectory.withSync { directory in
            let port = FreePort.udp()
            let file = directory.appendingPathComponent("any.pcap").path
            try Self.capture(
                "tcpdump", ["-i", "any", "-y", "LINUX_SLL2", "--immediate-mode", "-U", "-w", file, "udp port \(port)"], ready: "listening on",
                port: port, tcp: false)
            let (lines, _) = try ReferenceTool.readerUDP(file)
            #expect(lines == (try ReferenceTool.tsharkUDP(file)))
            let packets = try ReferenceTool.packets(Array(Data(contentsOf: URL(fileURLWithPath: file)))).packets
            #expect(Self.matchesSent(packets), "\(packets.count) packets")
        }
    }

    /// RTP over a real TCP connection, written in pieces of 5 to 101 bytes: the reassembled
    /// frames are the packets sent, in order.
    @Test func tsharkOnLoopbackTCP() throws {
        try TemporaryDirectory.withSync { directory in
            let port = FreePort.tcp()
            let file = directory.appendingPathComponent("tcp.pcapng").path
            try Self.capture("tshark", ["-i", "lo", "-f", "tcp port \(port)", "-w", file, "-a", "duration:30"], ready: "Capturing on", port: port, tcp: true)
            let (packets, counters) = try ReferenceTool.packets(Array(Data(contentsOf: URL(fileURLWithPath: file))))
            #expect(Self.matchesSent(packets), "\(packets.count) packets")
            #expect(packets.allSatisfy { $0.transport == .tcp && $0.destination.port == UInt16(port) })
            #expect(counters.tcpGaps == 0 && counters.tcpSkippedBytes == 0)
            #expect(counters.tcpSegments > Self.count)
            // Each frame carries its completing segment's record: increasing, within the file.
            #expect(packets.map(\.frameNumber) == packets.map(\.frameNumber).sorted())
        }
    }
}
