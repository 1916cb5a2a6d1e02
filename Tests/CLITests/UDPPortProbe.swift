import Foundation

/// Whether some process has a UDP socket bound to a port, read from `/proc/net/udp` and
/// `/proc/net/udp6` (Linux). Lets a test wait for a program that prints nothing once it listens
/// (ffmpeg) without binding the port itself, which could make that program's bind fail.
enum UDPPortProbe {
    static func isBound(_ port: Int) -> Bool {
        let suffix = ":" + String(format: "%04X", port)
        for table in ["/proc/net/udp", "/proc/net/udp6"] {
            guard let text = try? String(contentsOfFile: table, encoding: .utf8) else { continue }
            // Rows: "sl local_address rem_address ...", addresses as HEXADDRESS:HEXPORT.
            for row in text.split(separator: "\n").dropFirst() {
                let fields = row.split(separator: " ")
                if fields.count > 1, fields[1].hasSuffix(suffix) { return true }
            }
        }
        return false
    }
}
