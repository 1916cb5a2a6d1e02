import Foundation

/// tshark capturing live traffic for the agreement tests: the independent record of what was on
/// the wire.
package enum TsharkCapture {
    /// tshark capturing `filter` on `interface` (`any` writes Linux cooked SLL) into `file`
    /// (pcapng; `options` e.g. `-F pcap`, `-y LINUX_SLL2`), stopping itself after `seconds`,
    /// started and ready: it has said "Capturing on" and its file exists, so the first packet
    /// sent next is in the capture. Stop it with `interrupt()` and `finish`.
    /// - Throws: `CommandWaitError` when tshark does not get ready within 10 s.
    package static func start(
        tshark: String, filter: String, to file: String, seconds: Int, interface: String = "lo", options: [String] = []
    ) throws -> RunningCommand {
        let capturing = try CommandRunner.start(
            tshark, ["-i", interface, "-f", filter, "-w", file, "-a", "duration:\(seconds)"] + options)
        _ = try capturing.waitForLine(containing: "Capturing on")
        guard Wait.until(timeoutSeconds: 10, { FileManager.default.fileExists(atPath: file) }) else {
            capturing.interrupt()
            throw CommandWaitError(awaited: "capture file \(file)", exited: false, stdout: "", stderr: "")
        }
        return capturing
    }
}
