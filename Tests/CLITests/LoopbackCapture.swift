import Foundation
import JitterbugTestSupport
import Testing

extension CommandRunner {
    /// tshark capturing `filter` on `interface` (`any` writes Linux cooked SLL) into `file`
    /// (pcapng; `options` e.g. `-F pcap`, `-y LINUX_SLL2`), stopping itself after `seconds`, started and
    /// ready: it has said "Capturing on" on stderr and its file exists, so the first packet sent
    /// next is in the capture. Stop it with `interrupt()` and `finish`.
    static func startLoopbackCapture(
        tshark: String, filter: String, to file: String, seconds: Int, interface: String = "lo", options: [String] = []
    ) throws -> RunningCommand {
        let capturing = try start(
            tshark, ["-i", interface, "-f", filter, "-w", file, "-a", "duration:\(seconds)"] + options)
        try capturing.waitForLine(containing: "Capturing on")
        #expect(Wait.until(timeoutSeconds: 10) { FileManager.default.fileExists(atPath: file) })
        return capturing
    }
}
