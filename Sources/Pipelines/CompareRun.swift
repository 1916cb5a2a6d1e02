import JitterbugSupport
import Lab
import Reports
import Foundation
import Impairment

#if canImport(Glibc)
import Glibc
#endif

/// One path's run for `compare`: a receiver and a sender of this very executable, in the lab's
/// namespaces (fresh for each path, so both meet the same seeded pattern) or on loopback, each
/// writing a per-packet trace.
package struct CompareRun {
    package let spec: ImpairmentSpec
    package let useLab: Bool
    package let duration: Duration
    package let frame: Duration
    package let senderOptions: [String]

    package init(spec: ImpairmentSpec, useLab: Bool, duration: Duration, frame: Duration, senderOptions: [String]) {
        self.spec = spec
        self.useLab = useLab
        self.duration = duration
        self.frame = frame
        self.senderOptions = senderOptions
    }

    /// IPv4 20 + UDP 8 bytes; IPv4 20 + TCP 32 (with the timestamps option Linux uses) + RFC 4571 2.
    package static let udpOverheadBytes = 28
    package static let tcpOverheadBytes = 54

    package static var labAvailable: Bool {
        #if os(Linux)
        getuid() == 0 && FileManager.default.fileExists(atPath: "/dev/net/tun")
        #else
        false
        #endif
    }

    package static var executable: String {
        let me = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
        return FileManager.default.isExecutableFile(atPath: me) ? me : "/proc/self/exe"
    }

    package func measure(tcp: Bool) async throws -> PathMeasurement {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jitterbug-compare-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let sentTrace = directory.appendingPathComponent("sent.csv").path
        let receivedTrace = directory.appendingPathComponent("received.csv").path
        let seconds = Int((duration / .seconds(1)).rounded(.up))
        let receiver = ["recv", "--until-idle", "2s", "--duration", "\(seconds + 30)s", "--interval", "0s", "--trace", receivedTrace]
        var sender = ["send", "--duration", "\(seconds)s", "--trace", sentTrace] + senderOptions
        // Explicit: the default (auto) would leave UDP for TCP under loss, and mix the two runs.
        sender += ["--transport", tcp ? "tcp" : "udp"]
        var retransmits: Int?
        let label: String
        if useLab {
            #if os(Linux)
            (retransmits, label) = try await runInLab(receiver: receiver, sender: sender, tcp: tcp)
            #else
            throw CompareRunError("the lab needs Linux")
            #endif
        } else {
            let port = Self.freeUDPPort()
            if !tcp, !spec.isEmpty { sender += ["--impair", "\(spec)"] }
            try await Self.runLocally(
                receiver: [Self.executable] + receiver + ["--listen", "127.0.0.1:\(port)"],
                sender: [Self.executable] + sender + ["--to", "127.0.0.1:\(port)"])
            label = tcp ? "loopback TCP, not impaired (the lab needs root)" : "loopback UDP, impaired in the sender"
        }
        return try CompareTraces.measurement(
            path: tcp ? "tcp" : "udp", label: label, sent: try CompareTraces.readSent(sentTrace),
            arrivals: try CompareTraces.readArrivals(receivedTrace),
            frameMicroseconds: frame.wholeMicroseconds,
            perPacketOverheadBytes: tcp ? Self.tcpOverheadBytes : Self.udpOverheadBytes,
            retransmittedSegments: retransmits)
    }

    #if os(Linux)
    private func runInLab(receiver: [String], sender: [String], tcp: Bool) async throws -> (Int?, String) {
        let lab: ImpairmentLab
        do { lab = try ImpairmentLab.start(spec: spec) } catch { throw CompareRunError("compare: \(error)") }
        defer { _ = lab.shutdown() }
        let recv = try lab.spawn(.receiver, [Self.executable] + receiver + ["--listen", "5004"])
        try await Task.sleep(for: .milliseconds(500))
        let send = try lab.spawn(.sender, [Self.executable] + sender + ["--to", "\(ImpairmentLab.receiverAddress):5004"])
        let sent = await send.wait(timeout: duration + .seconds(60))
        let received = await recv.wait(timeout: .seconds(40))
        guard sent.succeeded else { throw CompareRunError("compare: the sender failed: \(sent.standardError)") }
        if received.timedOut { recv.terminate() }
        let retransmits = tcp ? try? await lab.tcpRetransmittedSegments(.sender) : nil
        return (retransmits, tcp ? "lab, kernel TCP under the impairment" : "lab, kernel UDP under the impairment")
    }
    #endif

    /// Runs the receiver and the sender as child processes on this host and waits for both.
    package static func runLocally(receiver: [String], sender: [String]) async throws {
        let recv = try start(receiver)
        try await Task.sleep(for: .milliseconds(500))
        let send = try start(sender)
        send.waitUntilExit()
        guard send.terminationStatus == 0 else { throw CompareRunError("compare: the sender exited with \(send.terminationStatus)") }
        for _ in 0..<400 where recv.isRunning { try await Task.sleep(for: .milliseconds(50)) }
        if recv.isRunning { recv.terminate() }
    }

    private static func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// A UDP port the kernel just handed out on 127.0.0.1 (TCP uses the same number).
    package static func freeUDPPort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// Why a `compare` path run failed, as a sentence.
package struct CompareRunError: Error, CustomStringConvertible {
    package var description: String
    init(_ description: String) { self.description = description }
}
